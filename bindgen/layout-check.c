// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Checks of untrusted BTF for the layout model: before the layouts are
 * worked out, every type id a type refers to exists and every name is a C
 * identifier (or, for data sections, printable); qualifiers do not loop;
 * nothing btf_dump prints inline refers to itself. After them, no struct
 * has two members of the same name. Each failure is one line for the user.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "layout-internal.h"

#define MAX_DEPTH 512

/* C's keywords (C11 and GNU), never names of types or members. */
static const char *const c_keywords[] = {
	"_Alignas",   "_Alignof",   "_Atomic",	      "_Bool",	       "_Complex", "_Generic",
	"_Imaginary", "_Noreturn",  "_Static_assert", "_Thread_local", "__asm__",  "__attribute__",
	"__inline__", "__restrict", "__typeof__",     "asm",	       "auto",	   "break",
	"case",	      "char",	    "const",	      "continue",      "default",  "do",
	"double",     "else",	    "enum",	      "extern",	       "float",	   "for",
	"goto",	      "if",	    "inline",	      "int",	       "long",	   "register",
	"restrict",   "return",	    "short",	      "signed",	       "sizeof",   "static",
	"struct",     "switch",	    "typedef",	      "typeof",	       "union",	   "unsigned",
	"void",	      "volatile",   "while",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A C identifier that is no keyword. */
static bool is_ident(const char *s)
{
	return wbpf_layout_is_c_ident(s) &&
	       !bsearch(&s, c_keywords, sizeof(c_keywords) / sizeof(c_keywords[0]),
			sizeof(c_keywords[0]), cmp_str);
}

static const char *btf_name(const struct btf *btf, uint32_t off)
{
	return btf__name_by_offset(btf, off);
}

/* ---- before the layouts: every reference and name is valid ------------- */

static int check_ref(const struct wbpf_model *m, uint32_t from, uint32_t ref)
{
	if (ref >= m->cnt)
		return wbpf_layout_set_err(EINVAL,
					   "corrupt BTF: type [%u] refers to type [%u], "
					   "which does not exist (%u types)",
					   from, ref, m->cnt);
	return 0;
}

/* An identifier, or empty when `may_be_empty`. */
static int check_name(const struct wbpf_model *m, uint32_t id, uint32_t off, bool may_be_empty,
		      const char *what)
{
	const char *s = btf_name(m->btf, off);

	if (!s)
		return wbpf_layout_set_err(EINVAL,
					   "corrupt BTF: type [%u]: %s name offset %u "
					   "is outside the string section",
					   id, what, off);
	if (!*s && may_be_empty)
		return 0;
	if (!is_ident(s)) {
		char shown[65];
		size_t i;

		/* the message stays one printable line */
		for (i = 0; s[i] && i < sizeof(shown) - 1; i++)
			shown[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
		shown[i] = 0;
		return wbpf_layout_set_err(EINVAL,
					   "corrupt BTF: type [%u]: %s name '%s' is not a C "
					   "identifier",
					   id, what, shown);
	}
	return 0;
}

static int validate_type(const struct wbpf_model *m, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(m->btf, id);
	uint32_t i, vlen;
	int err;

	if (!t)
		return wbpf_layout_set_err(EINVAL, "corrupt BTF: type [%u] is missing", id);
	vlen = btf_vlen(t);
	if (!btf_name(m->btf, t->name_off))
		return check_name(m, id, t->name_off, true, "type");
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		if (t->size < 1 || t->size > 16 ||
		    btf_int_offset(t) + btf_int_bits(t) > t->size * 8u)
			return wbpf_layout_set_err(EINVAL,
						   "corrupt BTF: int [%u] of %u bytes, %u bits", id,
						   t->size, btf_int_bits(t));
		return 0;
	case BTF_KIND_FLOAT:
		if (t->size != 2 && t->size != 4 && t->size != 8 && t->size != 12 && t->size != 16)
			return wbpf_layout_set_err(EINVAL, "corrupt BTF: float [%u] of %u bytes",
						   id, t->size);
		return 0;
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_FUNC:
	case BTF_KIND_DECL_TAG:
		return check_ref(m, id, t->type);
	case BTF_KIND_TYPEDEF:
		err = check_name(m, id, t->name_off, false, "typedef");
		return err ?: check_ref(m, id, t->type);
	case BTF_KIND_VAR:
		err = check_name(m, id, t->name_off, false, "variable");
		return err ?: check_ref(m, id, t->type);
	case BTF_KIND_FWD:
		return check_name(m, id, t->name_off, false, "forward declaration");
	case BTF_KIND_ARRAY:
		err = check_ref(m, id, btf_array(t)->type);
		return err ?: check_ref(m, id, btf_array(t)->index_type);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const struct btf_member *mb = btf_members(t);

		err = check_name(m, id, t->name_off, true, "struct/union");
		for (i = 0; !err && i < vlen; i++) {
			err = check_name(m, id, mb[i].name_off, true, "member");
			err = err ?: check_ref(m, id, mb[i].type);
		}
		return err;
	}
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		err = check_name(m, id, t->name_off, true, "enum");
		if (!err && t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8)
			return wbpf_layout_set_err(EINVAL, "corrupt BTF: enum [%u] of %u bytes", id,
						   t->size);
		for (i = 0; !err && i < vlen; i++)
			err = check_name(m, id,
					 btf_is_enum(t) ? btf_enum(t)[i].name_off :
							  btf_enum64(t)[i].name_off,
					 false, "enumerator");
		return err;
	case BTF_KIND_FUNC_PROTO: {
		const struct btf_param *p = btf_params(t);

		err = check_ref(m, id, t->type);
		for (i = 0; !err && i < vlen; i++) {
			/* btf_dump prints parameter names in pointer comments */
			err = check_name(m, id, p[i].name_off, true, "parameter");
			err = err ?: check_ref(m, id, p[i].type);
		}
		return err;
	}
	case BTF_KIND_DATASEC: {
		const struct btf_var_secinfo *vi = btf_var_secinfos(t);
		const char *s = btf_name(m->btf, t->name_off);

		/* a section name (".bss") is no C name, but printable */
		for (; *s; s++)
			if (*s <= 0x20 || *s >= 0x7f)
				return wbpf_layout_set_err(EINVAL,
							   "corrupt BTF: data section [%u] "
							   "has an unprintable name",
							   id);
		for (i = 0, err = 0; !err && i < vlen; i++) {
			err = check_ref(m, id, vi[i].type);
			if (!err && !btf_is_var(btf__type_by_id(m->btf, vi[i].type)))
				err = wbpf_layout_set_err(EINVAL,
							  "corrupt BTF: data section [%u] lists "
							  "type [%u], which is not a variable",
							  id, vi[i].type);
		}
		return err;
	}
	default:
		return wbpf_layout_set_err(EINVAL, "corrupt BTF: type [%u] has unknown kind %u", id,
					   btf_kind(t));
	}
}

/* Modifier and VAR ids alias the type behind them. */
static int resolve_aliases(struct wbpf_model *m)
{
	uint32_t id, cur;
	int n;

	for (id = 0; id < m->cnt; id++) {
		const struct btf_type *t = btf__type_by_id(m->btf, id);

		cur = id;
		for (n = 0; btf_is_mod(t) || btf_is_var(t); n++) {
			if (n > 64)
				return wbpf_layout_set_err(EINVAL,
							   "corrupt BTF: qualifiers of type [%u] "
							   "form a cycle",
							   id);
			cur = t->type;
			t = btf__type_by_id(m->btf, cur);
		}
		m->canon[id] = cur;
	}
	return 0;
}

/*
 * libbpf's btf_dump prints pointers, arrays, prototypes, qualifiers and
 * anonymous structs inline, recursively: in corrupt BTF a cycle along such
 * edges would make it recurse forever. A named struct/union or a typedef is
 * printed by name and ends the walk. (0 = unseen, 1 = on the path, 2 = ok)
 */
static int check_inline_cycles(const struct wbpf_model *m, uint8_t *seen, uint32_t id, int depth)
{
	const struct btf_type *t = btf__type_by_id(m->btf, id);
	uint32_t i, vlen = btf_vlen(t);
	int err = 0;

	if (seen[id] == 2)
		return 0;
	if (seen[id] == 1 || depth > MAX_DEPTH)
		return wbpf_layout_set_err(EINVAL, "corrupt BTF: type [%u] refers to itself", id);
	seen[id] = 1;
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		err = check_inline_cycles(m, seen, t->type, depth + 1);
		break;
	case BTF_KIND_ARRAY:
		err = check_inline_cycles(m, seen, btf_array(t)->type, depth + 1);
		break;
	case BTF_KIND_FUNC_PROTO:
		err = check_inline_cycles(m, seen, t->type, depth + 1);
		for (i = 0; !err && i < vlen; i++)
			err = check_inline_cycles(m, seen, btf_params(t)[i].type, depth + 1);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (t->name_off && *btf_name(m->btf, t->name_off))
			break;
		for (i = 0; !err && i < vlen; i++)
			err = check_inline_cycles(m, seen, btf_members(t)[i].type, depth + 1);
		break;
	default:
		break;
	}
	seen[id] = 2;
	return err;
}

/* ---- after the layouts: member names are unique in their C scope -------- */

struct names {
	const char **v;
	size_t n, cap;
};

/* The names a struct's members bring into its scope: members of anonymous
 * structs and unions in it included, as in C. */
static int collect_names(const struct wbpf_model *m, const struct wbpf_type *t, struct names *nm,
			 int depth)
{
	uint32_t i;
	int err = 0;

	if (depth > MAX_DEPTH)
		return 0;
	for (i = 0; i < t->nmembers && !err; i++) {
		const struct wbpf_member *mb = &t->members[i];
		const struct wbpf_type *mt;

		if (mb->kind != WBPF_MEMBER_FIELD && mb->kind != WBPF_MEMBER_VAR)
			continue;
		if (!mb->name) {
			mt = &m->types[mb->type];
			if (mt->kind == WBPF_KIND_STRUCT || mt->kind == WBPF_KIND_UNION)
				err = collect_names(m, mt, nm, depth + 1);
			continue;
		}
		if (nm->n == nm->cap) {
			size_t cap = nm->cap ? nm->cap * 2 : 64;
			void *p = realloc(nm->v, cap * sizeof(*nm->v));

			if (!p)
				return wbpf_layout_set_err(ENOMEM, "out of memory");
			nm->v = p;
			nm->cap = cap;
		}
		nm->v[nm->n++] = mb->name;
	}
	return err;
}

static int check_member_names(const struct wbpf_model *m, uint32_t id)
{
	const struct wbpf_type *t = &m->types[id];
	struct names nm = { 0 };
	size_t i;
	int err;

	if (m->canon[id] != id || (t->kind != WBPF_KIND_STRUCT && t->kind != WBPF_KIND_UNION &&
				   t->kind != WBPF_KIND_DATASEC))
		return 0;
	err = collect_names(m, t, &nm, 0);
	if (!err && nm.n > 1) {
		qsort(nm.v, nm.n, sizeof(*nm.v), cmp_str);
		for (i = 1; i < nm.n; i++) {
			if (!strcmp(nm.v[i - 1], nm.v[i])) {
				err = wbpf_layout_set_err(EINVAL,
							  "corrupt BTF: '%s' [%u] has two members "
							  "named '%s'",
							  t->name ?: "(anonymous)", id, nm.v[i]);
				break;
			}
		}
	}
	free(nm.v);
	return err;
}

int wbpf_layout_validate(struct wbpf_model *m)
{
	uint8_t *seen;
	uint32_t id;
	int err = 0;

	for (id = 1; id < m->cnt && !err; id++)
		err = validate_type(m, id);
	err = err ?: resolve_aliases(m);
	if (err)
		return err;
	seen = calloc(m->cnt, 1);
	if (!seen)
		return wbpf_layout_set_err(ENOMEM, "out of memory");
	for (id = 1; id < m->cnt && !err; id++)
		err = check_inline_cycles(m, seen, id, 0);
	free(seen);
	return err;
}

int wbpf_layout_check_names(const struct wbpf_model *m)
{
	uint32_t id;
	int err = 0;

	for (id = 1; id < m->cnt && !err; id++)
		err = check_member_names(m, id);
	return err;
}
