// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The C printer of the layout model (see wbpf-cemit.h for what it prints).
 *
 * Why not libbpf's btf_dump: btf_dump prints the BTF as C for the BTF's own
 * target. Here every line is a wasm32 rewrite decided by the model -- long
 * and pointers become 64-bit integers, every gap an explicit __padN array,
 * packed exactly where wasm32 would otherwise move a member, bit gaps as
 * unnamed bitfields, enums of the wrong natural size as integers, names the C
 * library owns left undefined -- followed by _Static_asserts, none of which
 * btf_dump can express; feeding it a rewritten BTF would still leave its own
 * padding and packing logic (computed for LP64 alignment) in charge. So the
 * model is printed by hand, and btf_dump is used where its output is what
 * we want: the original C type of each pointer (the model's c_decl).
 */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cemit-internal.h"
#include "wbpf-cemit.h"

#define MAX_DIMS 64

enum enum_mode {
	EM_INT = 0, /* no enum type on the wasm side: users print an integer */
	EM_PLAIN,   /* `enum foo` has the BTF size on wasm32 */
	EM_PACKED,  /* `enum foo` with __attribute__((packed)) has it */
};

/*
 * A name -> count map for de-duplicating names, as btf_dump does with
 * `___N` suffixes. (libbpf's hashmap is internal to libbpf, hence this.)
 */
struct strmap_ent {
	const char *key;
	uint32_t n;
};

struct strmap {
	struct strmap_ent *ents;
	size_t cap, len;
};

struct strbuf {
	char *s;
	size_t len, cap;
};

struct wbpf_cemit {
	const struct wbpf_model *m;
	wbpf_cemit_printf_fn printf_fn;
	void *ctx;
	FILE *file;
	bool type_guards;
	uint32_t cnt;
	const char **names;  /* per id: printed name of a named type */
	const char **vnames; /* per enum value (by vbase[id] + index) */
	size_t *vbase;	     /* per enum id: index of its first value name */
	uint8_t *emode;	     /* per enum id: enum_mode */
	uint8_t *reserved;   /* per typedef id: name owned by the C library */
	char **owned;	     /* names allocated here */
	size_t nowned, owned_cap;
	/* the definition being printed */
	const struct wbpf_type *def_top;
	unsigned int pad_next;
	bool def_has_padlike;
	char padbuf[32];
	char namebuf[512];
	struct strbuf path;
};

/* ---- small helpers ------------------------------------------------------- */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Count one more use of `key`; returns the new count, 0 on ENOMEM. */
static uint32_t strmap_inc(struct strmap *sm, const char *key)
{
	size_t i;

	if ((sm->len + 1) * 2 > sm->cap) {
		size_t cap = sm->cap ? sm->cap * 2 : 1024, j;
		struct strmap_ent *ents = calloc(cap, sizeof(*ents));

		if (!ents)
			return 0;
		for (j = 0; j < sm->cap; j++) {
			if (!sm->ents[j].key)
				continue;
			i = hash_str(sm->ents[j].key) & (cap - 1);
			while (ents[i].key)
				i = (i + 1) & (cap - 1);
			ents[i] = sm->ents[j];
		}
		free(sm->ents);
		sm->ents = ents;
		sm->cap = cap;
	}
	i = hash_str(key) & (sm->cap - 1);
	while (sm->ents[i].key && strcmp(sm->ents[i].key, key))
		i = (i + 1) & (sm->cap - 1);
	if (!sm->ents[i].key) {
		sm->ents[i].key = key;
		sm->len++;
	}
	return ++sm->ents[i].n;
}

static void out(struct wbpf_cemit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void out(struct wbpf_cemit *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (e->printf_fn)
		e->printf_fn(e->ctx, fmt, ap);
	else
		vfprintf(e->file ? e->file : stdout, fmt, ap);
	va_end(ap);
}

static void tabs(struct wbpf_cemit *e, int n)
{
	static const char t[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

	while (n > 16) {
		out(e, "%s", t);
		n -= 16;
	}
	if (n > 0)
		out(e, "%.*s", n, t);
}

static int strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->s, cap);

		if (!p)
			return -ENOMEM;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
	return 0;
}

static const struct wbpf_type *type_of(const struct wbpf_cemit *e, uint32_t id)
{
	return wbpf_model__type(e->m, id);
}

static const char *int_name(uint32_t size, bool is_signed)
{
	switch (size) {
	case 1:
		return is_signed ? "int8_t" : "uint8_t";
	case 2:
		return is_signed ? "int16_t" : "uint16_t";
	case 4:
		return is_signed ? "int32_t" : "uint32_t";
	default:
		return is_signed ? "int64_t" : "uint64_t";
	}
}

/* The natural wasm32 size of an enum with these values (clang's rule for C:
 * unsigned int / int, else the 64-bit type; with `packed`, the smallest). */
static enum enum_mode enum_mode_of(const struct wbpf_type *t)
{
	bool neg = false;
	uint64_t hi = 0;
	int64_t lo = 0;
	uint32_t i, nat, small;

	if (!t->nvalues)
		return EM_INT;
	for (i = 0; i < t->nvalues; i++) {
		uint64_t v = t->values[i].value;

		if (t->is_signed && (int64_t)v < 0) {
			neg = true;
			if ((int64_t)v < lo)
				lo = (int64_t)v;
		} else if (v > hi) {
			hi = v;
		}
	}
	if (neg && hi > INT64_MAX)
		return EM_INT;
	if (!neg) {
		nat = hi <= UINT32_MAX ? 4 : 8;
		small = hi <= UINT8_MAX ? 1 : hi <= UINT16_MAX ? 2 : nat;
	} else {
		nat = lo >= INT32_MIN && hi <= INT32_MAX ? 4 : 8;
		small = lo >= INT8_MIN && hi <= INT8_MAX   ? 1 :
			lo >= INT16_MIN && hi <= INT16_MAX ? 2 :
							     nat;
	}
	if (t->size == nat)
		return EM_PLAIN;
	if (t->size == small)
		return EM_PACKED;
	return EM_INT;
}

/* ---- construction: names ------------------------------------------------ */

/* Keeps `fmt`'s result until wbpf_cemit__free(). */
static const char *own_name(struct wbpf_cemit *e, int *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static const char *own_name(struct wbpf_cemit *e, int *err, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	if (e->nowned == e->owned_cap) {
		size_t cap = e->owned_cap ? e->owned_cap * 2 : 64;
		char **p = realloc(e->owned, cap * sizeof(*p));

		if (!p) {
			*err = -ENOMEM;
			return NULL;
		}
		e->owned = p;
		e->owned_cap = cap;
	}
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		*err = -ENOMEM;
		return NULL;
	}
	e->owned[e->nowned++] = s;
	return s;
}

static const char *dedup_name(struct wbpf_cemit *e, struct strmap *sm, const char *name, int *err)
{
	uint32_t n = strmap_inc(sm, name);

	if (!n) {
		*err = -ENOMEM;
		return NULL;
	}
	return n == 1 ? name : own_name(e, err, "%s___%u", name, n);
}

/* Names in id order, the first holder of a name keeping it (as btf_dump):
 * struct/union/enum tags share one namespace, typedefs and enumerators
 * another. */
static int assign_names(struct wbpf_cemit *e)
{
	struct strmap tags = { 0 }, idents = { 0 };
	const char *const *list;
	size_t nvals = 0, k, nlist;
	uint32_t id, i;
	int err = 0;

	for (id = 1; id < e->cnt; id++) {
		const struct wbpf_type *t = type_of(e, id);

		if (t->id == id && t->kind == WBPF_KIND_ENUM)
			nvals += t->nvalues;
	}
	e->vnames = calloc(nvals ? nvals : 1, sizeof(*e->vnames));
	if (!e->vnames)
		return -ENOMEM;
	nvals = 0;
	/* libc's tags and typedef names count as already taken */
	list = wbpf_cemit_libc_tags(&nlist);
	for (k = 0; k < nlist; k++)
		if (!strmap_inc(&tags, list[k]))
			err = -ENOMEM;
	list = wbpf_cemit_reserved_typedefs(&nlist);
	for (k = 0; k < nlist; k++)
		if (!strmap_inc(&idents, list[k]))
			err = -ENOMEM;
	for (id = 1; id < e->cnt && !err; id++) {
		const struct wbpf_type *t = type_of(e, id);

		if (t->id != id)
			continue;
		switch (t->kind) {
		case WBPF_KIND_STRUCT:
		case WBPF_KIND_UNION:
			if (t->name)
				e->names[id] = dedup_name(e, &tags, t->name, &err);
			break;
		case WBPF_KIND_ENUM:
			if (t->name)
				e->names[id] = dedup_name(e, &tags, t->name, &err);
			e->emode[id] = enum_mode_of(t);
			e->vbase[id] = nvals;
			for (i = 0; i < t->nvalues && !err; i++)
				e->vnames[nvals++] =
					dedup_name(e, &idents, t->values[i].name, &err);
			break;
		case WBPF_KIND_FWD:
			/* the name of the definition it stands for */
			e->names[id] = wbpf_cemit_libc_tag(t->name) ?
					       own_name(e, &err, "%s___2", t->name) :
					       t->name;
			break;
		case WBPF_KIND_TYPEDEF:
			if (wbpf_cemit_reserved_typedef(t->name)) {
				e->reserved[id] = 1;
				e->names[id] = t->name;
			} else {
				e->names[id] = dedup_name(e, &idents, t->name, &err);
			}
			break;
		default:
			break;
		}
	}
	free(tags.ents);
	free(idents.ents);
	return err;
}

struct wbpf_cemit *wbpf_cemit__new(const struct wbpf_model *m, const struct wbpf_cemit_opts *opts)
{
	struct wbpf_cemit *e;
	int err;

	if (!m) {
		errno = EINVAL;
		return NULL;
	}
	e = calloc(1, sizeof(*e));
	if (!e) {
		errno = ENOMEM;
		return NULL;
	}
	e->m = m;
	e->cnt = wbpf_model__type_cnt(m);
	if (opts && opts->sz >= offsetof(struct wbpf_cemit_opts, file) + sizeof(opts->file)) {
		e->printf_fn = opts->printf_fn;
		e->ctx = opts->ctx;
		e->file = opts->file;
	}
	if (opts && opts->sz >= offsetof(struct wbpf_cemit_opts, type_guards) + sizeof(bool))
		e->type_guards = opts->type_guards;
	e->names = calloc(e->cnt, sizeof(*e->names));
	e->vbase = calloc(e->cnt, sizeof(*e->vbase));
	e->emode = calloc(e->cnt, 1);
	e->reserved = calloc(e->cnt, 1);
	if (!e->names || !e->vbase || !e->emode || !e->reserved) {
		wbpf_cemit__free(e);
		errno = ENOMEM;
		return NULL;
	}
	err = assign_names(e);
	if (err) {
		wbpf_cemit__free(e);
		errno = -err;
		return NULL;
	}
	return e;
}

void wbpf_cemit__free(struct wbpf_cemit *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->nowned; i++)
		free(e->owned[i]);
	free(e->owned);
	free(e->names);
	free(e->vnames);
	free(e->vbase);
	free(e->emode);
	free(e->reserved);
	free(e->path.s);
	free(e);
}

/* ---- declarations -------------------------------------------------------- */

/* A member or typedef declaration taken apart: the type printed as the
 * specifier, the array dimensions after the name, and what the comment
 * after the ';' says about the original type. */
struct decl {
	uint32_t base;
	uint32_t dims[MAX_DIMS];
	int ndims;
	const char *cpfx; /* comment: prefix + text, or NULL */
	const char *ctext;
};

static void set_comment(struct decl *d, const char *pfx, const char *text)
{
	if (!d->ctext && text) {
		d->cpfx = pfx;
		d->ctext = text;
	}
}

static int resolve_decl(struct wbpf_cemit *e, uint32_t id, struct decl *d)
{
	memset(d, 0, sizeof(*d));
	for (;;) {
		const struct wbpf_type *t = type_of(e, id);

		if (!t)
			return -EINVAL;
		switch (t->kind) {
		case WBPF_KIND_TYPEDEF:
			if (!e->reserved[t->id]) {
				d->base = t->id;
				return 0;
			}
			set_comment(d, "", t->name);
			id = t->ref_type;
			continue;
		case WBPF_KIND_ARRAY:
			if (d->ndims == MAX_DIMS)
				return -E2BIG;
			d->dims[d->ndims++] = t->nelems;
			id = t->ref_type;
			continue;
		case WBPF_KIND_OPAQUE:
			if (d->ndims == MAX_DIMS)
				return -E2BIG;
			d->dims[d->ndims++] = t->size;
			set_comment(d, "", t->name ? t->name : "opaque");
			break;
		case WBPF_KIND_PTR:
			set_comment(d, "", t->c_decl);
			break;
		case WBPF_KIND_ENUM:
			if (!t->name || e->emode[t->id] == EM_INT)
				set_comment(d, "enum ", t->name ? e->names[t->id] : "(anonymous)");
			break;
		case WBPF_KIND_INT:
		case WBPF_KIND_FLOAT:
		case WBPF_KIND_STRUCT:
		case WBPF_KIND_UNION:
		case WBPF_KIND_FWD:
			break;
		default:
			return -EINVAL; /* no wasm form: void, functions, sections */
		}
		d->base = t->id;
		return 0;
	}
}

static int print_body(struct wbpf_cemit *e, const struct wbpf_type *t, int indent);

static const char *packed_attr(const struct wbpf_type *t)
{
	return t->packed ? " __attribute__((packed))" : "";
}

/* The specifier of d->base; an anonymous struct/union is printed inline,
 * its body indented one level deeper than `indent`. */
static int print_spec(struct wbpf_cemit *e, const struct decl *d, int indent)
{
	const struct wbpf_type *t = type_of(e, d->base);
	int err;

	switch (t->kind) {
	case WBPF_KIND_TYPEDEF:
		out(e, "%s", e->names[t->id]);
		return 0;
	case WBPF_KIND_INT:
		if (t->is_bool && t->size == 1)
			out(e, "_Bool");
		else if (t->is_char && t->size == 1 && d->ndims > 0)
			out(e, "char");
		else
			out(e, "%s", int_name(t->size, t->is_signed));
		return 0;
	case WBPF_KIND_FLOAT:
		out(e, "%s", t->size == 4 ? "float" : "double");
		return 0;
	case WBPF_KIND_OPAQUE:
		out(e, "uint8_t");
		return 0;
	case WBPF_KIND_PTR:
		out(e, "%s", int_name(t->size, false));
		return 0;
	case WBPF_KIND_ENUM:
		if (t->name && e->emode[t->id] != EM_INT)
			out(e, "enum %s", e->names[t->id]);
		else
			out(e, "%s", int_name(t->size, t->is_signed));
		return 0;
	case WBPF_KIND_FWD:
		out(e, "%s %s", t->fwd_is_union ? "union" : "struct", e->names[t->id]);
		return 0;
	case WBPF_KIND_STRUCT:
	case WBPF_KIND_UNION:
		if (t->name) {
			out(e, "%s %s", t->kind == WBPF_KIND_UNION ? "union" : "struct",
			    e->names[t->id]);
			return 0;
		}
		out(e, "%s {\n", t->kind == WBPF_KIND_UNION ? "union" : "struct");
		err = print_body(e, t, indent + 1);
		if (err)
			return err;
		tabs(e, indent);
		out(e, "}%s", packed_attr(t));
		return 0;
	default:
		return -EINVAL;
	}
}

static void print_dims(struct wbpf_cemit *e, const struct decl *d)
{
	int i;

	for (i = 0; i < d->ndims; i++)
		out(e, "[%u]", d->dims[i]);
}

static void print_comment(struct wbpf_cemit *e, const struct decl *d)
{
	if (d->ctext)
		out(e, " /* %s%s */", d->cpfx, d->ctext);
}

/* `<spec> name[dims]` (no name for anonymous members), no ';'. */
static int print_decl(struct wbpf_cemit *e, uint32_t type, const char *name, int indent,
		      struct decl *d)
{
	int err = resolve_decl(e, type, d);

	err = err ?: print_spec(e, d, indent);
	if (err)
		return err;
	if (name)
		out(e, " %s", name);
	print_dims(e, d);
	return 0;
}

/* Whether `name` is a member name anywhere in the definition (anonymous
 * structs and unions inside it share or nest its scope). */
static bool body_has_name(struct wbpf_cemit *e, const struct wbpf_type *t, const char *name,
			  bool prefix, int depth)
{
	uint32_t i;

	if (depth > 64)
		return true; /* be safe: treat as taken */
	for (i = 0; i < t->nmembers; i++) {
		const struct wbpf_member *mb = &t->members[i];
		const struct wbpf_type *mt;

		if (mb->kind != WBPF_MEMBER_FIELD && mb->kind != WBPF_MEMBER_VAR)
			continue;
		if (mb->name &&
		    (prefix ? !strncmp(mb->name, name, strlen(name)) : !strcmp(mb->name, name)))
			return true;
		mt = type_of(e, mb->type);
		while (mt->kind == WBPF_KIND_ARRAY)
			mt = type_of(e, mt->ref_type);
		if ((mt->kind == WBPF_KIND_STRUCT || mt->kind == WBPF_KIND_UNION) && !mt->name &&
		    body_has_name(e, mt, name, prefix, depth + 1))
			return true;
	}
	return false;
}

static const char *pad_name(struct wbpf_cemit *e)
{
	do {
		snprintf(e->padbuf, sizeof(e->padbuf), "__pad%u", e->pad_next++);
	} while (e->def_has_padlike && body_has_name(e, e->def_top, e->padbuf, false, 0));
	return e->padbuf;
}

/* A bitfield on its BTF base type; one of enum type on an integer of the
 * enum's size, as compilers warn when an enum's values do not all fit the
 * width (the BPF side's compiler did not have to see them all). */
static int print_bitfield(struct wbpf_cemit *e, const struct wbpf_member *mb, int indent)
{
	const struct wbpf_type *r = type_of(e, wbpf_model__resolve(e->m, mb->type));
	struct decl d;
	int err;

	if (r->kind == WBPF_KIND_INT && r->is_bool && mb->bit_size > 1) {
		/* not from C (a _Bool bitfield holds one bit): bits, then */
		out(e, "%s", int_name(r->size, false));
		if (mb->name)
			out(e, " %s", mb->name);
		out(e, " : %u; /* _Bool */\n", mb->bit_size);
		return 0;
	}
	if (r->kind == WBPF_KIND_ENUM) {
		out(e, "%s", int_name(r->size, r->is_signed));
		if (mb->name)
			out(e, " %s", mb->name);
		out(e, " : %u; /* enum %s */\n", mb->bit_size,
		    r->name ? e->names[r->id] : "(anonymous)");
		return 0;
	}
	err = print_decl(e, mb->type, NULL, indent, &d);
	if (err)
		return err;
	if (mb->name)
		out(e, " %s", mb->name);
	out(e, " : %u;\n", mb->bit_size);
	return 0;
}

static int print_body(struct wbpf_cemit *e, const struct wbpf_type *t, int indent)
{
	bool is_union = t->kind == WBPF_KIND_UNION;
	uint64_t p = 0; /* where the compiler will place the next bit */
	uint32_t i;
	struct decl d;
	int err;

	for (i = 0; i < t->nmembers; i++) {
		const struct wbpf_member *mb = &t->members[i];

		tabs(e, indent);
		switch (mb->kind) {
		case WBPF_MEMBER_PAD:
			out(e, "uint8_t %s[%u];\n", pad_name(e),
			    is_union ? mb->offset + mb->size : mb->size);
			p = ((uint64_t)mb->offset + mb->size) * 8;
			break;
		case WBPF_MEMBER_HIDDEN:
			out(e, "uint8_t %s[%u]; /* static %s */\n", pad_name(e), mb->size,
			    mb->name ? mb->name : "");
			p = ((uint64_t)mb->offset + mb->size) * 8;
			break;
		case WBPF_MEMBER_FIELD:
		case WBPF_MEMBER_VAR:
			if (!mb->bit_size) {
				err = print_decl(e, mb->type, mb->name, indent, &d);
				if (err)
					return err;
				out(e, ";");
				print_comment(e, &d);
				out(e, "\n");
				p = ((uint64_t)mb->offset + mb->size) * 8;
				break;
			}
			/* bits the BTF leaves unused before this bitfield:
			 * unnamed bitfields of at most the rest of a byte
			 * never straddle anything, so they land exactly */
			while (!is_union && p < mb->bit_offset) {
				uint64_t n = mb->bit_offset - p, room = 8 - p % 8;

				if (n > room)
					n = room;
				out(e, "uint8_t : %u;\n", (unsigned int)n);
				tabs(e, indent);
				p += n;
			}
			err = print_bitfield(e, mb, indent);
			if (err)
				return err;
			p = (uint64_t)mb->bit_offset + mb->bit_size;
			break;
		}
	}
	return 0;
}

/* ---- definitions --------------------------------------------------------- */

static bool typedef_has_data(struct wbpf_cemit *e, const struct wbpf_type *t)
{
	const struct wbpf_type *r = type_of(e, wbpf_model__resolve(e->m, t->id));

	return r->kind != WBPF_KIND_FUNC && r->kind != WBPF_KIND_VOID &&
	       r->kind != WBPF_KIND_DATASEC;
}

static const char *kw_of(const struct wbpf_type *t)
{
	switch (t->kind) {
	case WBPF_KIND_UNION:
		return "union";
	case WBPF_KIND_ENUM:
		return "enum";
	case WBPF_KIND_TYPEDEF:
		return "";
	default:
		return "struct";
	}
}

/* Whether emit_def prints anything for t. */
static bool has_def(struct wbpf_cemit *e, const struct wbpf_type *t)
{
	switch (t->kind) {
	case WBPF_KIND_STRUCT:
	case WBPF_KIND_UNION:
	case WBPF_KIND_DATASEC:
		return true;
	case WBPF_KIND_ENUM:
		return t->nvalues > 0;
	case WBPF_KIND_TYPEDEF:
		return !e->reserved[t->id] && typedef_has_data(e, t);
	default:
		return false;
	}
}

static void print_enum_value(struct wbpf_cemit *e, const struct wbpf_type *t, uint32_t i)
{
	uint64_t v = t->values[i].value;
	const char *name = e->vnames[e->vbase[t->id] + i];

	if (t->is_signed && (int64_t)v < 0) {
		if ((int64_t)v == INT64_MIN)
			out(e, "\t%s = (-9223372036854775807LL - 1),\n", name);
		else
			out(e, "\t%s = %lld,\n", name, (long long)(int64_t)v);
	} else {
		out(e, "\t%s = %llu%s,\n", name, (unsigned long long)v, v > INT64_MAX ? "ULL" : "");
	}
}

int wbpf_cemit__emit_def(struct wbpf_cemit *e, uint32_t id, const char *name)
{
	const struct wbpf_type *t = type_of(e, id);
	struct decl d;
	uint32_t i;
	int err;

	if (!t)
		return -EINVAL;
	if (!name)
		name = e->names[t->id];
	switch (t->kind) {
	case WBPF_KIND_STRUCT:
	case WBPF_KIND_UNION:
	case WBPF_KIND_DATASEC:
		if (!name)
			return -EINVAL;
		e->def_top = t;
		e->pad_next = 0;
		e->def_has_padlike = body_has_name(e, t, "__pad", true, 0);
		out(e, "%s %s {\n", kw_of(t), name);
		err = print_body(e, t, 1);
		if (err)
			return err;
		out(e, "}%s;\n", packed_attr(t));
		return 0;
	case WBPF_KIND_ENUM:
		if (!t->nvalues)
			return 0;
		if (name && e->emode[t->id] == EM_INT)
			out(e,
			    "/* enum %s: %u byte%s on the BPF side, another size on wasm32; "
			    "members of this type are %s */\n",
			    name, t->size, t->size == 1 ? "" : "s",
			    int_name(t->size, t->is_signed));
		if (name)
			out(e, "enum %s {\n", name);
		else
			out(e, "enum {\n");
		for (i = 0; i < t->nvalues; i++)
			print_enum_value(e, t, i);
		out(e, "}%s;\n", e->emode[t->id] == EM_PACKED ? " __attribute__((packed))" : "");
		return 0;
	case WBPF_KIND_TYPEDEF:
		if (!has_def(e, t))
			return 0;
		e->def_top = NULL;
		e->pad_next = 0;
		e->def_has_padlike = true;
		out(e, "typedef ");
		/* pads of an anonymous struct inside: checked against it */
		err = resolve_decl(e, t->ref_type, &d);
		if (err)
			return err;
		e->def_top = type_of(e, d.base);
		err = print_decl(e, t->ref_type, name, 0, &d);
		if (err)
			return err;
		out(e, ";");
		print_comment(e, &d);
		out(e, "\n");
		return 0;
	default:
		return -EINVAL;
	}
}

/* ---- asserts ------------------------------------------------------------- */

/* The anonymous struct/union a member's type is, through arrays; else NULL.
 * *narr = how many array levels were crossed. */
static const struct wbpf_type *anon_composite(struct wbpf_cemit *e, uint32_t type, int *narr)
{
	const struct wbpf_type *t = type_of(e, type);

	*narr = 0;
	while (t->kind == WBPF_KIND_ARRAY) {
		t = type_of(e, t->ref_type);
		(*narr)++;
	}
	if ((t->kind == WBPF_KIND_STRUCT || t->kind == WBPF_KIND_UNION) && !t->name)
		return t;
	return NULL;
}

static int assert_members(struct wbpf_cemit *e, const char *tname, const struct wbpf_type *t,
			  uint32_t base, int depth)
{
	size_t keep = e->path.len;
	uint32_t i;
	int err = 0, narr, k;

	if (depth > 64)
		return 0; /* the sizes and the outer offsets still hold */
	for (i = 0; i < t->nmembers && !err; i++) {
		const struct wbpf_member *mb = &t->members[i];
		const struct wbpf_type *anon;
		uint32_t off = base + mb->offset;

		if ((mb->kind != WBPF_MEMBER_FIELD && mb->kind != WBPF_MEMBER_VAR) || mb->bit_size)
			continue;
		e->path.len = keep;
		if (e->path.s)
			e->path.s[keep] = 0;
		anon = anon_composite(e, mb->type, &narr);
		if (!mb->name) {
			if (anon)
				err = assert_members(e, tname, anon, off, depth + 1);
			continue;
		}
		err = strbuf_add(&e->path, mb->name, strlen(mb->name));
		if (err)
			break;
		out(e, "_Static_assert(offsetof(%s, %s) == %u, \"%s: %s at offset %u\");\n", tname,
		    e->path.s, off, tname, e->path.s, off);
		if (!anon)
			continue;
		out(e, "_Static_assert(sizeof(((%s *)0)->%s) == %u, \"%s: %s of %u byte%s\");\n",
		    tname, e->path.s, mb->size, tname, e->path.s, mb->size,
		    mb->size == 1 ? "" : "s");
		for (k = 0; k < narr && !err; k++)
			err = strbuf_add(&e->path, "[0]", 3);
		err = err ?: strbuf_add(&e->path, ".", 1);
		err = err ?: assert_members(e, tname, anon, off, depth + 1);
	}
	e->path.len = keep;
	if (e->path.s)
		e->path.s[keep] = 0;
	return err;
}

int wbpf_cemit__emit_asserts(struct wbpf_cemit *e, uint32_t id, const char *name)
{
	const struct wbpf_type *t = type_of(e, id), *r;
	char *tname = e->namebuf;
	int narr;

	if (!t)
		return -EINVAL;
	if (!name)
		name = e->names[t->id];
	if (!name)
		return t->kind == WBPF_KIND_ENUM ? 0 : -EINVAL;
	switch (t->kind) {
	case WBPF_KIND_STRUCT:
	case WBPF_KIND_UNION:
	case WBPF_KIND_DATASEC:
		snprintf(tname, sizeof(e->namebuf), "%s %s", kw_of(t), name);
		r = t;
		break;
	case WBPF_KIND_ENUM:
		if (!t->nvalues || e->emode[t->id] == EM_INT)
			return 0;
		snprintf(tname, sizeof(e->namebuf), "enum %s", name);
		r = NULL;
		break;
	case WBPF_KIND_TYPEDEF:
		if (!has_def(e, t) || !t->wasm_align)
			return 0; /* nothing printed, or incomplete */
		snprintf(tname, sizeof(e->namebuf), "%s", name);
		r = anon_composite(e, t->ref_type, &narr);
		if (narr)
			r = NULL;
		break;
	default:
		return -EINVAL;
	}
	out(e, "_Static_assert(sizeof(%s) == %u, \"%s: %u byte%s\");\n", tname, t->size, tname,
	    t->size, t->size == 1 ? "" : "s");
	e->path.len = 0;
	return r ? assert_members(e, tname, r, 0, 0) : 0;
}

/* ---- whole files --------------------------------------------------------- */

static void print_guard_name(struct wbpf_cemit *e, const struct wbpf_type *t)
{
	const char *k = t->kind == WBPF_KIND_TYPEDEF ? "TYPEDEF" :
			t->kind == WBPF_KIND_UNION   ? "UNION" :
			t->kind == WBPF_KIND_ENUM    ? "ENUM" :
						       "STRUCT";

	if (e->names[t->id])
		out(e, "__WBPF_%s_%s", k, e->names[t->id]);
	else /* an anonymous enum: named after its first constant */
		out(e, "__WBPF_ENUM_ANON_%s", e->vnames[e->vbase[t->id]]);
}

int wbpf_cemit__emit_types(struct wbpf_cemit *e, const uint32_t *ids, int n)
{
	int i, err;

	for (i = 0; i < n; i++) {
		const struct wbpf_type *t = type_of(e, ids[i]);

		if (!t)
			return -EINVAL;
		if (t->kind == WBPF_KIND_DATASEC || !has_def(e, t))
			continue;
		if (e->type_guards) {
			out(e, "#ifndef ");
			print_guard_name(e, t);
			out(e, "\n#define ");
			print_guard_name(e, t);
			out(e, "\n");
		}
		err = wbpf_cemit__emit_def(e, t->id, NULL);
		err = err ?: wbpf_cemit__emit_asserts(e, t->id, NULL);
		if (err)
			return err;
		if (e->type_guards)
			out(e, "#endif\n");
		out(e, "\n");
	}
	return 0;
}

int wbpf_cemit__emit_prologue(struct wbpf_cemit *e, const char *tool, const char *source,
			      const char *guard)
{
	out(e, "/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */\n");
	out(e, "/* autogenerated by %s from %s: do not edit */\n", tool, source);
	out(e, "/*\n"
	       " * wasm32 declarations of BPF-side (LP64) types: integers by size, pointers\n"
	       " * as uint64_t, every gap as explicit padding. The asserts after each type\n"
	       " * stop the build if a size or an offset differs from the BPF side.\n"
	       " */\n");
	if (guard)
		out(e, "#ifndef %s\n#define %s\n", guard, guard);
	out(e, "\n#include <stddef.h>\n#include <stdint.h>\n\n");
	return 0;
}

int wbpf_cemit__emit_epilogue(struct wbpf_cemit *e, const char *guard)
{
	if (guard)
		out(e, "#endif /* %s */\n", guard);
	return 0;
}

int wbpf_cemit__emit_decl(struct wbpf_cemit *e, uint32_t id, const char *var)
{
	struct decl d;

	e->def_top = NULL;
	e->def_has_padlike = false;
	return print_decl(e, id, var, 0, &d);
}

const char *wbpf_cemit__type_name(struct wbpf_cemit *e, uint32_t id)
{
	const struct wbpf_type *t = type_of(e, id);
	const char *s = NULL;

	if (!t)
		goto inval;
	switch (t->kind) {
	case WBPF_KIND_STRUCT:
	case WBPF_KIND_UNION:
	case WBPF_KIND_FWD:
		if (!e->names[t->id])
			goto inval;
		snprintf(e->namebuf, sizeof(e->namebuf), "%s %s",
			 t->kind == WBPF_KIND_UNION ||
					 (t->kind == WBPF_KIND_FWD && t->fwd_is_union) ?
				 "union" :
				 "struct",
			 e->names[t->id]);
		return e->namebuf;
	case WBPF_KIND_ENUM:
		if (t->name && e->emode[t->id] != EM_INT) {
			snprintf(e->namebuf, sizeof(e->namebuf), "enum %s", e->names[t->id]);
			return e->namebuf;
		}
		s = int_name(t->size, t->is_signed);
		break;
	case WBPF_KIND_TYPEDEF:
		if (e->reserved[t->id])
			return wbpf_cemit__type_name(e, t->ref_type);
		s = e->names[t->id];
		break;
	case WBPF_KIND_INT:
		s = t->is_bool && t->size == 1 ? "_Bool" : int_name(t->size, t->is_signed);
		break;
	case WBPF_KIND_FLOAT:
		s = t->size == 4 ? "float" : "double";
		break;
	case WBPF_KIND_PTR:
		s = int_name(t->size, false);
		break;
	default:
		goto inval;
	}
	snprintf(e->namebuf, sizeof(e->namebuf), "%s", s);
	return e->namebuf;
inval:
	errno = EINVAL;
	return NULL;
}
