// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The layout model: BTF (read with libbpf's accessors) turned into one
 * wbpf_type per id, with every struct's members, padding and packing worked
 * out once for all printers.
 *
 * BTF from a file is untrusted: every id and name is checked first
 * (layout-check.c), and offsets, cycles and absurd nesting as the layouts are
 * worked out -- errors, never a crash or a hang.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "layout-internal.h"

/* Deeper by-value nesting than this is taken for corrupt BTF (vmlinux
 * needs about 20). */
#define MAX_DEPTH 512

enum {
	ST_NEW = 0,
	ST_BUSY,
	ST_DONE
};

static __thread char errbuf[512];

const char *wbpf_layout_errstr(void)
{
	return errbuf[0] ? errbuf : "no error";
}

int wbpf_layout_set_err(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
	va_end(ap);
	return -err;
}

int wbpf_layout_silent_print(enum libbpf_print_level level, const char *fmt, va_list args)
{
	(void)level;
	(void)fmt;
	(void)args;
	return 0;
}

struct builder {
	struct wbpf_model *m;
	uint8_t *state;
	size_t *mem_first; /* per id: index of its first member in m->members */
	size_t *val_first; /* per id: index of its first value in m->values */
	size_t *decl_off;  /* per id: offset of c_decl in m->strs, or SIZE_MAX */
	size_t mem_cap, val_cap, strs_cap;
};

static const char *btf_name(const struct btf *btf, uint32_t off)
{
	return btf__name_by_offset(btf, off);
}

/* ---- pass 2: layouts ---------------------------------------------------- */

static int build_type(struct builder *b, uint32_t id, int depth);

/* Can be a member, an element or a variable: data with a size. */
static bool has_layout(const struct wbpf_type *t)
{
	return t->wasm_align > 0 && t->kind != WBPF_KIND_DATASEC;
}

static const char *type_label(const struct wbpf_model *m, uint32_t id, char *buf, size_t sz)
{
	const struct wbpf_type *t = &m->types[id];

	if (t->name)
		snprintf(buf, sz, "'%s' [%u]", t->name, id);
	else
		snprintf(buf, sz, "anonymous type [%u]", id);
	return buf;
}

static int push_member(struct builder *b, const struct wbpf_member *mb)
{
	struct wbpf_model *m = b->m;

	if (m->nmembers == b->mem_cap) {
		size_t cap = b->mem_cap ? b->mem_cap * 2 : 1024;
		void *p = realloc(m->members, cap * sizeof(*m->members));

		if (!p)
			return wbpf_layout_set_err(ENOMEM, "out of memory");
		m->members = p;
		b->mem_cap = cap;
	}
	m->members[m->nmembers++] = *mb;
	return 0;
}

static int push_pad(struct builder *b, uint32_t off, uint32_t len)
{
	struct wbpf_member pad = { .kind = WBPF_MEMBER_PAD, .offset = off, .size = len };

	return push_member(b, &pad);
}

/* The end of a struct, union or data section whose members are laid out
 * up to byte `end`: tail padding up to its size, and packed (alignment 1)
 * when its size is no multiple of its natural wasm32 alignment nat. */
static int finish_record(struct builder *b, uint32_t id, uint32_t end, uint32_t size, uint32_t nat,
			 bool packed)
{
	struct wbpf_type *wt = &b->m->types[id];
	int err;

	if (end < size) {
		err = push_pad(b, end, size - end);
		if (err)
			return err;
	}
	if (size % nat)
		packed = true;
	wt->packed = packed;
	wt->wasm_align = packed ? 1 : nat;
	wt->nmembers = b->m->nmembers - b->mem_first[id];
	return 0;
}

/* The type of a member, built, with a layout; else an error naming both. */
static int member_type(struct builder *b, uint32_t parent, uint32_t type, const char *mname,
		       int depth, const struct wbpf_type **out)
{
	struct wbpf_model *m = b->m;
	uint32_t tid = m->canon[type];
	char l1[160];
	int err;

	err = build_type(b, tid, depth + 1);
	if (err)
		return err;
	*out = &m->types[tid];
	if (!has_layout(*out))
		return wbpf_layout_set_err(EINVAL, "%s: member '%s' has no size (type [%u])",
					   type_label(m, parent, l1, sizeof(l1)),
					   mname && *mname ? mname : "(anonymous)", tid);
	return 0;
}

static const struct wbpf_type *skip_typedefs(const struct wbpf_model *m, const struct wbpf_type *t)
{
	while (t->kind == WBPF_KIND_TYPEDEF)
		t = &m->types[t->ref_type];
	return t;
}

static int build_composite(struct builder *b, uint32_t id, const struct btf_type *t, int depth)
{
	struct wbpf_model *m = b->m;
	struct wbpf_type *wt = &m->types[id];
	const struct btf_member *bm = btf_members(t);
	bool is_union = btf_is_union(t), packed = false;
	uint32_t i, vlen = btf_vlen(t), size = t->size, nat = 1, end = 0;
	uint64_t end_bits = 0;
	char l1[160];
	int err;

	wt->kind = is_union ? WBPF_KIND_UNION : WBPF_KIND_STRUCT;
	wt->size = size;
	/* members' types first: building them appends their own members */
	for (i = 0; i < vlen; i++) {
		const struct wbpf_type *mt;

		err = member_type(b, id, bm[i].type, btf_name(m->btf, bm[i].name_off), depth, &mt);
		if (err)
			return err;
	}
	b->mem_first[id] = m->nmembers;
	for (i = 0; i < vlen; i++) {
		uint32_t boff = btf_member_bit_offset(t, i);
		uint32_t bsz = btf_member_bitfield_size(t, i);
		const char *mname = btf_name(m->btf, bm[i].name_off);
		const struct wbpf_type *mt;
		struct wbpf_member mb = { .kind = WBPF_MEMBER_FIELD,
					  .name = *mname ? mname : NULL };
		uint64_t start_bits, stop_bits;

		err = member_type(b, id, bm[i].type, mname, depth, &mt);
		if (err)
			return err;
		wt = &m->types[id];
		if (!*mname && !bsz &&
		    ((mt->kind != WBPF_KIND_STRUCT && mt->kind != WBPF_KIND_UNION) || mt->name))
			return wbpf_layout_set_err(EINVAL,
						   "corrupt BTF: %s: a member without a name "
						   "that is no anonymous struct or union",
						   type_label(m, id, l1, sizeof(l1)));
		mb.type = mt->id;
		mb.size = mt->size;
		if (bsz) {
			const struct wbpf_type *base = skip_typedefs(m, mt);
			uint32_t unit = mt->size * 8;

			if ((base->kind != WBPF_KIND_INT && base->kind != WBPF_KIND_ENUM) ||
			    bsz > unit)
				return wbpf_layout_set_err(EINVAL,
							   "corrupt BTF: %s: bitfield '%s' of %u "
							   "bits in type [%u]",
							   type_label(m, id, l1, sizeof(l1)), mname,
							   bsz, mt->id);
			mb.bit_offset = boff;
			mb.bit_size = bsz;
			if (boff / unit != (boff + bsz - 1) / unit) {
				/* straddles its storage unit: only a packed
				 * struct lays bitfields out like that */
				mb.offset = boff / 8;
				packed = true;
			} else {
				mb.offset = boff / unit * mt->size;
			}
			start_bits = boff;
			stop_bits = (uint64_t)boff + bsz;
		} else {
			if (boff % 8)
				return wbpf_layout_set_err(EINVAL,
							   "corrupt BTF: %s: member '%s' is not "
							   "at a byte offset (bit %u)",
							   type_label(m, id, l1, sizeof(l1)), mname,
							   boff);
			mb.offset = boff / 8;
			if (mb.offset % mt->wasm_align)
				packed = true;
			start_bits = boff;
			stop_bits = (uint64_t)boff + (uint64_t)mt->size * 8;
		}
		if (mt->wasm_align > nat)
			nat = mt->wasm_align;
		if (is_union) {
			if (boff)
				return wbpf_layout_set_err(EINVAL,
							   "corrupt BTF: %s: union member '%s' at "
							   "bit %u, not 0",
							   type_label(m, id, l1, sizeof(l1)), mname,
							   boff);
			if (stop_bits > end_bits)
				end_bits = stop_bits;
		} else {
			if (start_bits < end_bits)
				return wbpf_layout_set_err(EINVAL,
							   "corrupt BTF: %s: member '%s' at bit "
							   "%u overlaps the member before it",
							   type_label(m, id, l1, sizeof(l1)), mname,
							   boff);
			if (start_bits / 8 > end) {
				err = push_pad(b, end, start_bits / 8 - end);
				if (err)
					return err;
			}
			end_bits = stop_bits;
		}
		if ((end_bits + 7) / 8 > size)
			return wbpf_layout_set_err(EINVAL,
						   "corrupt BTF: %s: member '%s' ends at byte "
						   "%llu, beyond the size %u",
						   type_label(m, id, l1, sizeof(l1)), mname,
						   (unsigned long long)(end_bits + 7) / 8, size);
		end = (end_bits + 7) / 8;
		err = push_member(b, &mb);
		if (err)
			return err;
	}
	err = finish_record(b, id, end, size, nat, packed);
	if (err)
		return err;
	err = btf__align_of(m->btf, id);
	wt->align = err > 0 ? (uint32_t)err : 1;
	return 0;
}

struct sec_var {
	const struct btf_var_secinfo *vi;
	uint32_t idx;
};

static int cmp_sec_var(const void *a, const void *b)
{
	const struct sec_var *x = a, *y = b;

	if (x->vi->offset != y->vi->offset)
		return x->vi->offset < y->vi->offset ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* A DATASEC as a struct of its variables, in offset order; statics keep
 * their bytes as HIDDEN members. */
static int build_datasec(struct builder *b, uint32_t id, const struct btf_type *t, int depth)
{
	struct wbpf_model *m = b->m;
	struct wbpf_type *wt = &m->types[id];
	const struct btf_var_secinfo *vi = btf_var_secinfos(t);
	uint32_t i, vlen = btf_vlen(t), size = t->size, nat = 1, end = 0;
	bool packed = false;
	struct sec_var *sv;
	int err = 0;

	wt->kind = WBPF_KIND_DATASEC;
	wt->size = size;
	b->mem_first[id] = m->nmembers;
	if (!size && vlen) {
		/* not sized by a loader (see wbpf_model__open()): where the
		 * variables live is unknown, so none is laid out */
		wt->wasm_align = wt->align = 1;
		return 0;
	}
	sv = calloc(vlen ? vlen : 1, sizeof(*sv));
	if (!sv)
		return wbpf_layout_set_err(ENOMEM, "out of memory");
	for (i = 0; i < vlen; i++) {
		sv[i].vi = &vi[i];
		sv[i].idx = i;
	}
	qsort(sv, vlen, sizeof(*sv), cmp_sec_var);
	/* variables' types first: building them appends their own members */
	for (i = 0; i < vlen && !err; i++) {
		const struct btf_type *var = btf__type_by_id(m->btf, sv[i].vi->type);
		const struct wbpf_type *vt;

		err = member_type(b, id, var->type, btf_name(m->btf, var->name_off), depth, &vt);
	}
	b->mem_first[id] = m->nmembers;
	for (i = 0; i < vlen && !err; i++) {
		const struct btf_type *var = btf__type_by_id(m->btf, sv[i].vi->type);
		const char *vname = btf_name(m->btf, var->name_off);
		const struct wbpf_type *vt;
		struct wbpf_member mb = { .name = vname };

		err = member_type(b, id, var->type, vname, depth, &vt);
		if (err)
			break;
		wt = &m->types[id];
		mb.kind = btf_var(var)->linkage == BTF_VAR_STATIC ? WBPF_MEMBER_HIDDEN :
								    WBPF_MEMBER_VAR;
		mb.type = vt->id;
		mb.offset = sv[i].vi->offset;
		mb.size = mb.kind == WBPF_MEMBER_HIDDEN ? sv[i].vi->size : vt->size;
		if (sv[i].vi->size < vt->size || mb.offset < end ||
		    (uint64_t)mb.offset + sv[i].vi->size > size) {
			err = wbpf_layout_set_err(EINVAL,
						  "corrupt BTF: data section '%s' [%u]: variable "
						  "'%s' at %u (%u bytes) overlaps another or the "
						  "section's end (%u bytes)",
						  wt->name, id, vname, mb.offset, sv[i].vi->size,
						  size);
			break;
		}
		if (mb.offset > end)
			err = push_pad(b, end, mb.offset - end);
		err = err ?: push_member(b, &mb);
		end = mb.offset + mb.size;
		if (mb.kind == WBPF_MEMBER_VAR) {
			if (mb.offset % vt->wasm_align)
				packed = true;
			if (vt->wasm_align > nat)
				nat = vt->wasm_align;
		}
	}
	free(sv);
	if (err)
		return err;
	err = finish_record(b, id, end, size, nat, packed);
	if (err)
		return err;
	wt->align = wt->wasm_align;
	return 0;
}

static int build_enum(struct builder *b, uint32_t id, const struct btf_type *t)
{
	struct wbpf_model *m = b->m;
	struct wbpf_type *wt = &m->types[id];
	uint32_t i, vlen = btf_vlen(t);

	wt->kind = WBPF_KIND_ENUM;
	wt->size = t->size;
	wt->align = wt->wasm_align = t->size;
	/* BTF: kflag set = signed; without it (older compilers) unsigned */
	wt->is_signed = btf_kflag(t);
	if (m->nvalues + vlen > b->val_cap) {
		size_t cap = (m->nvalues + vlen) * 2 + 256;
		void *p = realloc(m->values, cap * sizeof(*m->values));

		if (!p)
			return wbpf_layout_set_err(ENOMEM, "out of memory");
		m->values = p;
		b->val_cap = cap;
	}
	b->val_first[id] = m->nvalues;
	for (i = 0; i < vlen; i++) {
		struct wbpf_enum_value *v = &m->values[m->nvalues++];

		if (btf_is_enum(t)) {
			const struct btf_enum *e = &btf_enum(t)[i];

			v->name = btf_name(m->btf, e->name_off);
			v->value = wt->is_signed ? (uint64_t)(int64_t)e->val :
						   (uint64_t)(uint32_t)e->val;
		} else {
			const struct btf_enum64 *e = &btf_enum64(t)[i];

			v->name = btf_name(m->btf, e->name_off);
			v->value = btf_enum64_value(e);
		}
	}
	wt->nvalues = vlen;
	return 0;
}

/* An int or float of a size wasm32 C has no type for (16-byte ints, long
 * double): kept as bytes, 8-aligned at most on the BPF side, 1 in Wasm. */
static void set_opaque(struct wbpf_type *wt)
{
	wt->kind = WBPF_KIND_OPAQUE;
	wt->align = wt->size > 8 ? 8 : wt->size;
	wt->wasm_align = 1;
}

static int build_type(struct builder *b, uint32_t id, int depth)
{
	struct wbpf_model *m = b->m;
	const struct btf_type *t;
	struct wbpf_type *wt;
	const struct wbpf_type *rt;
	const char *name;
	char l1[160];
	int err = 0;

	id = m->canon[id];
	if (b->state[id] == ST_DONE)
		return 0;
	if (b->state[id] == ST_BUSY)
		return wbpf_layout_set_err(EINVAL, "corrupt BTF: type [%u] contains itself", id);
	if (depth > MAX_DEPTH)
		return wbpf_layout_set_err(EINVAL,
					   "corrupt BTF: types nested more than %d deep at [%u]",
					   MAX_DEPTH, id);
	b->state[id] = ST_BUSY;
	t = btf__type_by_id(m->btf, id);
	wt = &m->types[id];
	wt->id = id;
	name = btf_name(m->btf, t->name_off);
	wt->name = name && *name ? name : NULL;

	switch (btf_kind(t)) {
	case BTF_KIND_UNKN: /* void */
		wt->kind = WBPF_KIND_VOID;
		wt->name = "void";
		break;
	case BTF_KIND_INT:
		wt->size = t->size;
		if (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8) {
			uint8_t enc = btf_int_encoding(t);

			wt->kind = WBPF_KIND_INT;
			wt->is_signed = enc & BTF_INT_SIGNED;
			wt->is_bool = enc & BTF_INT_BOOL;
			wt->is_char = (enc & BTF_INT_CHAR) || (name && !strcmp(name, "char"));
			wt->align = wt->wasm_align = t->size;
		} else {
			set_opaque(wt);
		}
		break;
	case BTF_KIND_FLOAT:
		wt->size = t->size;
		if (t->size == 4 || t->size == 8) {
			wt->kind = WBPF_KIND_FLOAT;
			wt->align = wt->wasm_align = t->size;
		} else {
			set_opaque(wt);
		}
		break;
	case BTF_KIND_PTR: {
		size_t psz = btf__pointer_size(m->btf);

		wt->kind = WBPF_KIND_PTR;
		wt->size = psz == 4 ? 4 : 8;
		wt->align = wt->wasm_align = wt->size;
		wt->ref_type = m->canon[t->type];
		break;
	}
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);
		uint64_t sz;

		err = build_type(b, a->type, depth + 1);
		if (err)
			break;
		wt = &m->types[id];
		rt = &m->types[m->canon[a->type]];
		if (!has_layout(rt)) {
			err = wbpf_layout_set_err(EINVAL,
						  "corrupt BTF: array [%u] of elements with no "
						  "size (type [%u])",
						  id, rt->id);
			break;
		}
		sz = (uint64_t)rt->size * a->nelems;
		if (sz > UINT32_MAX) {
			err = wbpf_layout_set_err(EINVAL, "corrupt BTF: array [%u] of %llu bytes",
						  id, (unsigned long long)sz);
			break;
		}
		wt->kind = WBPF_KIND_ARRAY;
		wt->ref_type = rt->id;
		wt->nelems = a->nelems;
		wt->size = sz;
		wt->align = rt->align;
		wt->wasm_align = rt->wasm_align;
		break;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		err = build_composite(b, id, t, depth);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		err = build_enum(b, id, t);
		break;
	case BTF_KIND_FWD:
		wt->kind = WBPF_KIND_FWD;
		wt->fwd_is_union = btf_kflag(t);
		break;
	case BTF_KIND_TYPEDEF:
		err = build_type(b, t->type, depth + 1);
		if (err)
			break;
		wt = &m->types[id];
		rt = &m->types[m->canon[t->type]];
		wt->kind = WBPF_KIND_TYPEDEF;
		wt->ref_type = rt->id;
		if (has_layout(rt)) {
			wt->size = rt->size;
			wt->align = rt->align;
			wt->wasm_align = rt->wasm_align;
		}
		wt->is_signed = rt->is_signed;
		break;
	case BTF_KIND_DATASEC:
		err = build_datasec(b, id, t, depth);
		wt = &m->types[id];
		wt->name = name; /* ".bss": kept even though it is no C name */
		break;
	case BTF_KIND_FUNC:
	case BTF_KIND_FUNC_PROTO:
	case BTF_KIND_DECL_TAG:
		wt->kind = WBPF_KIND_FUNC;
		break;
	default:
		err = wbpf_layout_set_err(EINVAL, "corrupt BTF: %s has unexpected kind %u",
					  type_label(m, id, l1, sizeof(l1)), btf_kind(t));
	}
	if (err)
		return err;
	b->state[id] = ST_DONE;
	return 0;
}

/* ---- pass 3: the original C type of every pointer, via btf_dump -------- */

struct decl_buf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void decl_printf(void *ctx, const char *fmt, va_list args)
{
	struct decl_buf *d = ctx;
	va_list cp;
	int n;

	va_copy(cp, args);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if (d->len + n + 1 > d->cap) {
		size_t cap = (d->len + n + 1) * 2;
		char *p = realloc(d->s, cap);

		if (!p) {
			d->oom = true;
			return;
		}
		d->s = p;
		d->cap = cap;
	}
	vsnprintf(d->s + d->len, n + 1, fmt, args);
	d->len += n;
}

/* One line into `out` (3 * strlen(s) + 1 bytes at least): bodies of
 * anonymous structs inlined by btf_dump become {...}, runs of white space
 * one space, and "*" "/" never follow each other (it goes in a comment). */
static size_t squeeze_decl(const char *s, char *out)
{
	size_t w = 0;
	int depth = 0;
	bool space = false;

	for (; *s; s++) {
		char c = *s;

		if (c == '}') {
			if (depth > 0)
				depth--;
			continue;
		}
		if (depth && c != '{')
			continue;
		if (c == ' ' || c == '\t' || c == '\n') {
			space = w > 0;
			continue;
		}
		if (space) {
			out[w++] = ' ';
			space = false;
		}
		if (c == '{') {
			if (depth++ == 0) {
				memcpy(out + w, "{...}", 5);
				w += 5;
			}
			continue;
		}
		if (c == '/' && w > 0 && out[w - 1] == '*')
			out[w++] = ' ';
		out[w++] = c;
	}
	out[w] = 0;
	return w;
}

static int pointer_decls(struct builder *b)
{
	struct wbpf_model *m = b->m;
	struct decl_buf d = { 0 };
	struct btf_dump *dump;
	uint32_t id;
	int err = 0;

	dump = btf_dump__new(m->btf, decl_printf, &d, NULL);
	if (!dump)
		return wbpf_layout_set_err(errno ?: ENOMEM, "btf_dump__new: %s", strerror(errno));
	for (id = 1; id < m->cnt && !err; id++) {
		LIBBPF_OPTS(btf_dump_emit_type_decl_opts, o, .field_name = "");
		size_t n;

		if (m->canon[id] != id || m->types[id].kind != WBPF_KIND_PTR)
			continue;
		d.len = 0;
		if (btf_dump__emit_type_decl(dump, id, &o) || d.oom || !d.s) {
			d.oom = false;
			continue; /* c_decl stays NULL: unknown */
		}
		d.s[d.len] = 0;
		/* room for squeeze_decl()'s worst case */
		if (m->strs_len + 3 * d.len + 1 > b->strs_cap) {
			size_t cap = (m->strs_len + 3 * d.len + 1) * 2 + 4096;
			char *p = realloc(m->strs, cap);

			if (!p) {
				err = wbpf_layout_set_err(ENOMEM, "out of memory");
				break;
			}
			m->strs = p;
			b->strs_cap = cap;
		}
		n = squeeze_decl(d.s, m->strs + m->strs_len);
		b->decl_off[id] = m->strs_len;
		m->strs_len += n + 1;
	}
	btf_dump__free(dump);
	free(d.s);
	return err;
}

/* ---- the model ---------------------------------------------------------- */

struct wbpf_model *wbpf_model_build(const struct btf *btf, struct btf *owned,
				    struct bpf_object *obj, const struct wbpf_model_opts *opts)
{
	struct builder b = { 0 };
	struct wbpf_model *m;
	uint32_t id;
	int err = 0;

	(void)opts;
	m = calloc(1, sizeof(*m));
	if (!m) {
		btf__free(owned);
		bpf_object__close(obj);
		errno = ENOMEM;
		return NULL;
	}
	m->btf = btf;
	m->owned_btf = owned;
	m->obj = obj;
	m->cnt = btf__type_cnt(btf);
	m->types = calloc(m->cnt, sizeof(*m->types));
	m->canon = calloc(m->cnt, sizeof(*m->canon));
	b.m = m;
	b.state = calloc(m->cnt, 1);
	b.mem_first = calloc(m->cnt, sizeof(size_t));
	b.val_first = calloc(m->cnt, sizeof(size_t));
	b.decl_off = malloc(m->cnt * sizeof(size_t));
	if (!m->types || !m->canon || !b.state || !b.mem_first || !b.val_first || !b.decl_off) {
		err = wbpf_layout_set_err(ENOMEM, "out of memory");
		goto out;
	}
	memset(b.decl_off, 0xff, m->cnt * sizeof(size_t));

	err = wbpf_layout_validate(m);
	for (id = 0; id < m->cnt && !err; id++)
		err = build_type(&b, id, 0);
	err = err ?: pointer_decls(&b);
	if (err)
		goto out;

	/* members, values and strings are in place: point into them */
	for (id = 0; id < m->cnt; id++) {
		struct wbpf_type *t = &m->types[id];

		if (m->canon[id] != id)
			continue;
		if (t->nmembers)
			t->members = &m->members[b.mem_first[id]];
		if (t->nvalues)
			t->values = &m->values[b.val_first[id]];
		if (b.decl_off[id] != SIZE_MAX)
			t->c_decl = m->strs + b.decl_off[id];
	}
	err = wbpf_layout_check_names(m);
out:
	free(b.state);
	free(b.mem_first);
	free(b.val_first);
	free(b.decl_off);
	if (err) {
		wbpf_model__free(m);
		errno = -err;
		return NULL;
	}
	return m;
}

struct wbpf_model *wbpf_model__new(const struct btf *btf, const struct wbpf_model_opts *opts)
{
	if (!btf) {
		wbpf_layout_set_err(EINVAL, "no BTF");
		errno = EINVAL;
		return NULL;
	}
	return wbpf_model_build(btf, NULL, NULL, opts);
}

void wbpf_model__free(struct wbpf_model *m)
{
	if (!m)
		return;
	free(m->types);
	free(m->canon);
	free(m->members);
	free(m->values);
	free(m->strs);
	free(m->roots);
	btf__free(m->owned_btf);
	bpf_object__close(m->obj);
	free(m);
}

const struct btf *wbpf_model__btf(const struct wbpf_model *m)
{
	return m->btf;
}

uint32_t wbpf_model__type_cnt(const struct wbpf_model *m)
{
	return m->cnt;
}

const struct wbpf_type *wbpf_model__type(const struct wbpf_model *m, uint32_t id)
{
	if (id >= m->cnt) {
		errno = ENOENT;
		return NULL;
	}
	return &m->types[m->canon[id]];
}

uint32_t wbpf_model__resolve(const struct wbpf_model *m, uint32_t id)
{
	const struct wbpf_type *t = wbpf_model__type(m, id);

	if (!t)
		return 0;
	return skip_typedefs(m, t)->id;
}
