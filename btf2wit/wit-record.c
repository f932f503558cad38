// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A struct, union or global-data section of the layout model as the fields
 * of one WIT record whose canonical-ABI layout is the BTF layout.
 *
 * A record's fields are laid out one after the other, each at the next
 * multiple of its alignment, and the record's size is rounded up to its
 * largest field alignment (CanonicalABI.md, elem_size_record). So:
 *   1. members become fields at their BTF offsets, anonymous struct members
 *      flattened into the record (C reaches their members directly);
 *   2. every gap becomes an explicit padding field (list<u8, N>), tail
 *      included, so no field is ever placed by implicit padding;
 *   3. a member whose WIT alignment does not divide its offset, or exceeds
 *      the record's alignment (packed structs), is kept as bytes, with a
 *      warning: its bytes are right, its type is lost;
 *   4. when the fields' alignment is below the BTF alignment (bitfields
 *      declared wider than the bits they use), a padding field is given a
 *      wider integer type to carry it; when none can, a warning says so.
 * Bitfields are kept as their storage bytes (an unsigned integer where the
 * storage is 1, 2, 4 or 8 aligned bytes), anonymous unions as the units of
 * wit_type__units(); comments name what they hold.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wit-internal.h"

enum slot_kind {
	SLOT_VALUE,  /* a member of some type */
	SLOT_UNION,  /* an anonymous union member */
	SLOT_BITS,   /* a run of bitfields */
	SLOT_HIDDEN, /* static variables of a section */
	SLOT_EMPTY,  /* a member of no size (flexible array, empty struct) */
};

struct bitfield {
	const char *name;
	uint32_t type;
	uint32_t bit_off; /* from the record's start */
	uint32_t bits;
};

struct slot {
	enum slot_kind kind;
	const char *cname;
	uint32_t type;
	uint32_t off, size;
	/* SLOT_BITS: bitfields [first, first + n) of the builder */
	int first, n;
	uint32_t unit_lo, unit_hi; /* declared storage units, in bytes */
};

struct builder {
	struct wit_emitter *e;
	const struct wbpf_model *m;
	const char *label; /* the record's WIT name, for nested names */
	const char *what;  /* the record's C name, for messages */
	uint32_t id;	   /* the record's model id */
	struct slot *slots;
	int nslots, cap;
	struct bitfield *bf;
	int nbf, bfcap;
	struct wit_record *r;
};

static int push_slot(struct builder *b, const struct slot *s)
{
	if (b->nslots == b->cap) {
		int cap = b->cap ? b->cap * 2 : 16;
		struct slot *n = realloc(b->slots, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		b->slots = n;
		b->cap = cap;
	}
	b->slots[b->nslots++] = *s;
	return 0;
}

static uint32_t type_size(const struct wbpf_model *m, uint32_t id)
{
	const struct wbpf_type *t = wbpf_model__type(m, wbpf_model__resolve(m, id));

	return t ? t->size : 0;
}

static int add_bitfield(struct builder *b, const struct wbpf_member *mb, uint32_t base)
{
	uint32_t bit_off = base * 8 + mb->bit_offset, bits = mb->bit_size;
	uint32_t unit = type_size(b->m, mb->type), lo, hi, ulo, uhi;
	struct slot *last = b->nslots ? &b->slots[b->nslots - 1] : NULL;

	if (b->nbf == b->bfcap) {
		int cap = b->bfcap ? b->bfcap * 2 : 8;
		struct bitfield *n = realloc(b->bf, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		b->bf = n;
		b->bfcap = cap;
	}
	b->bf[b->nbf] = (struct bitfield){ mb->name, mb->type, bit_off, bits };
	lo = bit_off / 8;
	hi = (bit_off + bits + 7) / 8;
	if (!unit || unit > 8)
		unit = 1;
	ulo = bit_off / (8 * unit) * unit;
	uhi = ulo + unit;
	/* consecutive bitfields share one storage field when their bytes
	 * overlap, or when they lie in the same declared storage unit, even
	 * with unused bits between them (a:3, b:5, :8, c:8 in one unsigned
	 * int); a new unit starts a new field */
	if (last && last->kind == SLOT_BITS &&
	    (lo < last->off + last->size || (ulo >= last->unit_lo && uhi <= last->unit_hi))) {
		if (hi > last->off + last->size)
			last->size = hi - last->off;
		last->n++;
		if (ulo < last->unit_lo)
			last->unit_lo = ulo;
		if (uhi > last->unit_hi)
			last->unit_hi = uhi;
		b->nbf++;
		return 0;
	}
	struct slot s = {
		.kind = SLOT_BITS,
		.off = lo,
		.size = hi - lo,
		.first = b->nbf,
		.n = 1,
		.unit_lo = ulo,
		.unit_hi = uhi,
	};

	b->nbf++;
	return push_slot(b, &s);
}

static int collect(struct builder *b, uint32_t id, uint32_t base, int depth)
{
	const struct wbpf_type *t = wbpf_model__type(b->m, id);
	uint32_t i;
	int err;

	if (depth > 64) {
		wit_set_err("%s: anonymous members nested too deep", b->what);
		return -ELOOP;
	}
	for (i = 0; i < t->nmembers; i++) {
		const struct wbpf_member *mb = &t->members[i];
		uint32_t rid = wbpf_model__resolve(b->m, mb->type);
		const struct wbpf_type *rt = wbpf_model__type(b->m, rid);
		struct slot s = { .cname = mb->name, .type = mb->type, .off = base + mb->offset };

		switch (mb->kind) {
		case WBPF_MEMBER_PAD:
			continue; /* gaps are found again below, after bitfields */
		case WBPF_MEMBER_HIDDEN:
			s.kind = SLOT_HIDDEN;
			s.size = mb->size;
			break;
		case WBPF_MEMBER_FIELD:
		case WBPF_MEMBER_VAR:
			if (mb->bit_size) {
				if (!mb->name)
					continue; /* unnamed bitfield: padding */
				if ((err = add_bitfield(b, mb, base)))
					return err;
				continue;
			}
			if (!rt) {
				wit_set_err("%s: member %s has an unknown type", b->what,
					    mb->name ? mb->name : "(anonymous)");
				return -EINVAL;
			}
			if (!mb->name && rt->kind == WBPF_KIND_STRUCT &&
			    t->kind != WBPF_KIND_UNION) {
				if ((err = collect(b, rid, base + mb->offset, depth + 1)))
					return err;
				continue;
			}
			s.kind = mb->name ? SLOT_VALUE : SLOT_UNION;
			s.size = rt->kind == WBPF_KIND_ARRAY && !rt->nelems ? 0 : mb->size;
			if (!s.size)
				s.size = type_size(b->m, mb->type);
			if (!s.size)
				s.kind = SLOT_EMPTY;
			break;
		}
		if ((err = push_slot(b, &s)))
			return err;
	}
	return 0;
}

static void free_field(struct wit_field *f);

static struct wit_field *new_field(struct builder *b, enum wit_field_kind kind, uint32_t off)
{
	struct wit_record *r = b->r;
	struct wit_field *f;

	f = realloc(r->fields, (r->nfields + 1) * sizeof(*f));
	if (!f)
		return NULL;
	r->fields = f;
	f = &r->fields[r->nfields++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->off = off;
	return f;
}

static int add_pad(struct builder *b, uint32_t off, uint32_t len)
{
	struct wit_type u8;
	struct wit_field *f;
	int err;

	if (!len)
		return 0;
	if (!(f = new_field(b, WIT_FIELD_PAD, off)))
		return -ENOMEM;
	if ((err = wit_type__int(&u8, 1, false)))
		return err;
	err = wit_type__list(&f->type, &u8, len, wit_emitter__tuples(b->e));
	wit_type__free(&u8);
	wit_str__printf(&f->doc, "padding, offset %u", off);
	return err;
}

/* Bytes standing in for a member WIT cannot place (step 3). */
static int as_bytes(struct builder *b, struct wit_field *f, uint32_t size, const char *why)
{
	struct wit_type u8;
	int err;

	wit_type__free(&f->type);
	if ((err = wit_type__int(&u8, 1, false)))
		return err;
	err = wit_type__list(&f->type, &u8, size, wit_emitter__tuples(b->e));
	wit_type__free(&u8);
	wit_str__printf(&f->doc, "\nnot faithful: %s; kept as %u bytes", why, size);
	return err;
}

/* Whether a WIT type is a plain integer (an enum printed as its integer,
 * not as a named item). */
static bool is_int_text(const char *t)
{
	return t && (t[0] == 'u' || t[0] == 's') &&
	       (!strcmp(t + 1, "8") || !strcmp(t + 1, "16") || !strcmp(t + 1, "32") ||
		!strcmp(t + 1, "64"));
}

/* " `a`: int | `b`: long" (the union's own padding left out) */
static void union_members(struct builder *b, const struct wbpf_type *u, struct wit_str *doc)
{
	bool first = true;
	uint32_t i;

	for (i = 0; i < u->nmembers; i++) {
		char *d;

		if (u->members[i].kind != WBPF_MEMBER_FIELD)
			continue;
		d = wit_emitter__cdecl(b->e, u->members[i].type);
		wit_str__printf(doc, "%s `%s`: %s", first ? "" : " |",
				u->members[i].name ? u->members[i].name : "(anonymous)", d);
		first = false;
		free(d);
	}
}

static int value_field(struct builder *b, const struct slot *s)
{
	const struct wbpf_type *u;
	struct wit_field *f;
	char *cdecl;
	int err;

	if (!(f = new_field(b, s->kind == SLOT_UNION ? WIT_FIELD_UNION : WIT_FIELD_MEMBER, s->off)))
		return -ENOMEM;
	f->cname = s->cname;
	cdecl = wit_emitter__cdecl(b->e, s->type);
	u = wbpf_model__type(b->m, wbpf_model__resolve(b->m, s->type));
	if (s->kind == SLOT_UNION) {
		err = wit_type__units(&f->type, s->size, u->align, wit_emitter__tuples(b->e));
		wit_str__printf(&f->doc, "anonymous union, offset %u, %u bytes:", s->off, s->size);
		union_members(b, u, &f->doc);
	} else {
		err = wit_emitter__value_type(b->e, s->type, b->label, b->what, s->cname, &f->type);
		wit_str__printf(&f->doc, "`%s`: %s, offset %u", s->cname, cdecl, s->off);
		if (u->kind == WBPF_KIND_UNION && !u->name) {
			wit_str__printf(&f->doc, "\nunion of");
			union_members(b, u, &f->doc);
		}
		if (u->kind == WBPF_KIND_ENUM && !u->name && is_int_text(f->type.text)) {
			/* an anonymous enum is its integer: its values go here */
			wit_str__printf(&f->doc, "\nvalues:");
			for (uint32_t i = 0; i < u->nvalues; i++) {
				if (u->is_signed)
					wit_str__printf(&f->doc, "%s `%s` = %lld", i ? "," : "",
							u->values[i].name,
							(long long)(int64_t)u->values[i].value);
				else
					wit_str__printf(&f->doc, "%s `%s` = %llu", i ? "," : "",
							u->values[i].name,
							(unsigned long long)u->values[i].value);
			}
		}
	}
	if (!err && f->type.size != s->size) {
		wit_set_err("%s: member %s is %u bytes in BTF but %u in WIT", b->what,
			    s->cname ? s->cname : "(anonymous)", s->size, f->type.size);
		err = -EINVAL;
	}
	if (!err && (s->off % f->type.align || f->type.align > b->r->align)) {
		char why[320];

		if (s->off % f->type.align)
			snprintf(why, sizeof(why),
				 "%s at offset %u is misaligned for %s (align %u)", cdecl, s->off,
				 f->type.text, f->type.align);
		else
			snprintf(why, sizeof(why),
				 "%s needs alignment %u as %s, more than its %s allows (%u)", cdecl,
				 f->type.align, f->type.text,
				 wbpf_model__type(b->m, b->id)->kind == WBPF_KIND_DATASEC ?
					 "section's size" :
					 "packed record",
				 b->r->align);
		wit_emitter__warn(b->e, "%s: member %s: %s; kept as %u bytes", b->what,
				  s->cname ? s->cname : "(anonymous union)", why, s->size);
		err = as_bytes(b, f, s->size, why);
	}
	free(cdecl);
	return err;
}

/* Storage of a run of bitfields: the declared units where no other member
 * or the record's end cuts them, else the bytes the bits touch. */
static void widen_bits(struct slot *s, uint32_t prev_end, uint32_t next_off)
{
	uint32_t lo = s->unit_lo, hi = s->unit_hi;

	if (lo < prev_end)
		lo = prev_end;
	if (hi > next_off)
		hi = next_off;
	if (lo <= s->off && hi >= s->off + s->size) {
		s->off = lo;
		s->size = hi - lo;
	}
}

static int bits_field(struct builder *b, const struct slot *s)
{
	struct wit_field *f;
	uint32_t i;
	int err;

	if (!(f = new_field(b, WIT_FIELD_BITS, s->off)))
		return -ENOMEM;
	if ((s->size == 1 || s->size == 2 || s->size == 4 || s->size == 8) && !(s->off % s->size) &&
	    s->size <= b->r->align)
		err = wit_type__int(&f->type, s->size, false);
	else
		err = wit_type__units(&f->type, s->size, 1, wit_emitter__tuples(b->e));
	wit_str__printf(&f->doc, "bitfields, offset %u, little-endian bit numbering:", s->off);
	for (i = 0; i < (uint32_t)s->n; i++) {
		const struct bitfield *bf = &b->bf[s->first + i];
		uint32_t from = bf->bit_off - s->off * 8;
		char *d = wit_emitter__cdecl(b->e, bf->type);

		wit_str__printf(&f->doc, "%s `%s`: %s, bits %u..%u", i ? ";" : "", bf->name, d,
				from, from + bf->bits - 1);
		free(d);
	}
	return err;
}

static int hidden_field(struct builder *b, const struct slot *s)
{
	struct wit_field *f = new_field(b, WIT_FIELD_HIDDEN, s->off);
	struct wit_type u8;
	int err;

	if (!f || (err = wit_type__int(&u8, 1, false)))
		return -ENOMEM;
	err = wit_type__list(&f->type, &u8, s->size, wit_emitter__tuples(b->e));
	wit_type__free(&u8);
	wit_str__printf(&f->doc, "static variables, offset %u", s->off);
	if (s->cname)
		wit_str__printf(&f->doc, ": `%s`", s->cname);
	return err;
}

static uint32_t fields_align(const struct wit_record *r)
{
	uint32_t a = 1;
	int i;

	for (i = 0; i < r->nfields; i++)
		if (r->fields[i].type.align > a)
			a = r->fields[i].type.align;
	return a;
}

/* Step 4: give one padding field an integer of the record's alignment:
 * padding [a, end) becomes [a, w) bytes, u<want> at w, [w + want, end). */
static int raise_align(struct builder *b)
{
	struct wit_record *r = b->r;
	uint32_t want = r->align > 8 ? 8 : r->align;
	int i, err;

	for (i = 0; i < r->nfields; i++) {
		struct wit_field *f = &r->fields[i], old, *nf;
		uint32_t a = f->off, end = f->off + f->type.size, w = wit_align_up(a, want);
		int n = 0, tail;

		if (f->kind != WIT_FIELD_PAD || w + want > end)
			continue;
		old = *f;
		tail = r->nfields - i - 1;
		/* the fields after the old padding go back after the new ones */
		struct wit_field *rest = malloc((tail ? tail : 1) * sizeof(*rest));

		if (!rest)
			return -ENOMEM;
		memcpy(rest, &r->fields[i + 1], tail * sizeof(*rest));
		r->nfields = i;
		err = add_pad(b, a, w - a);
		if (!err) {
			if (!(f = new_field(b, WIT_FIELD_PAD, w)))
				err = -ENOMEM;
			else
				err = wit_type__int(&f->type, want, false);
			if (f)
				wit_str__printf(&f->doc,
						"padding, offset %u, typed to give the record "
						"alignment %u",
						w, want);
		}
		if (!err)
			err = add_pad(b, w + want, end - w - want);
		n = r->nfields;
		nf = realloc(r->fields, (n + tail ? n + tail : 1) * sizeof(*nf));
		if (nf) {
			r->fields = nf;
			memcpy(&r->fields[n], rest, tail * sizeof(*rest));
			r->nfields = n + tail;
		} else {
			for (int k = 0; k < tail; k++)
				free_field(&rest[k]);
			err = -ENOMEM;
		}
		free(rest);
		free_field(&old);
		return err;
	}
	return 0;
}

static void free_field(struct wit_field *f)
{
	wit_type__free(&f->type);
	wit_str__free(&f->doc);
}

void wit_record__free(struct wit_record *r)
{
	int i;

	for (i = 0; i < r->nfields; i++)
		free_field(&r->fields[i]);
	free(r->fields);
	wit_str__free(&r->notes);
	memset(r, 0, sizeof(*r));
}

static int build_fields(struct builder *b)
{
	struct wit_record *r = b->r;
	uint32_t pos = 0;
	int i, err;

	for (i = 0; i < b->nslots; i++) {
		struct slot *s = &b->slots[i];
		uint32_t next = r->size;

		if (s->kind == SLOT_EMPTY) {
			char *d = wit_emitter__cdecl(b->e, s->type);

			wit_str__printf(&r->notes,
					"\n`%s`: %s, offset %u, has no size: not a field",
					s->cname ? s->cname : "(anonymous)", d, s->off);
			free(d);
			continue;
		}
		if (s->off < pos || s->off + s->size > r->size) {
			wit_set_err("%s: member %s at offset %u overlaps another or the end",
				    b->what, s->cname ? s->cname : "(anonymous)", s->off);
			return -EINVAL;
		}
		for (int j = i + 1; j < b->nslots; j++) {
			if (b->slots[j].kind != SLOT_EMPTY) {
				next = b->slots[j].off;
				break;
			}
		}
		if (s->kind == SLOT_BITS)
			widen_bits(s, pos, next);
		if ((err = add_pad(b, pos, s->off - pos)))
			return err;
		if (s->kind == SLOT_BITS)
			err = bits_field(b, s);
		else if (s->kind == SLOT_HIDDEN)
			err = hidden_field(b, s);
		else
			err = value_field(b, s);
		if (err)
			return err;
		pos = s->off + s->size;
	}
	return add_pad(b, pos, r->size - pos);
}

/* A section is the bytes of a map value, not a C type: its record takes
 * the largest alignment of its variables that its size allows (the
 * canonical ABI rounds a record's size up to its alignment), and only
 * variables aligned above that lose their type. */
static uint32_t section_align(const struct wbpf_model *m, const struct wbpf_type *t)
{
	uint32_t a = 1, i;

	for (i = 0; i < t->nmembers; i++) {
		const struct wbpf_type *vt;

		if (t->members[i].kind != WBPF_MEMBER_VAR)
			continue;
		vt = wbpf_model__type(m, wbpf_model__resolve(m, t->members[i].type));
		if (vt && vt->align > a)
			a = vt->align;
	}
	if (a > 8)
		a = 8;
	while (a > 1 && t->size % a)
		a /= 2;
	return a;
}

int wit_record__build(struct wit_emitter *e, uint32_t id, const char *label, const char *what,
		      struct wit_record *r)
{
	const struct wbpf_model *m = wit_emitter__model(e);
	const struct wbpf_type *t = wbpf_model__type(m, id);
	struct builder b = { .e = e, .m = m, .label = label, .what = what, .id = id, .r = r };
	uint32_t want;
	int err;

	memset(r, 0, sizeof(*r));
	r->size = t->size;
	r->align = t->align ? t->align : 1;
	if (t->kind == WBPF_KIND_DATASEC) {
		r->align = section_align(m, t);
	} else {
		/* the canonical ABI rounds a record up to its alignment: an
		 * alignment that does not divide the size cannot be kept */
		want = r->align;
		while (want > 1 && r->size % want)
			want /= 2;
		if (want != r->align) {
			wit_emitter__warn(e, "%s: size %u is not a multiple of its alignment %u",
					  what, r->size, r->align);
			wit_str__printf(
				&r->notes,
				"\nnot faithful: size %u is not a multiple of alignment %u; "
				"members aligned above %u are kept as bytes",
				r->size, r->align, want);
			r->align = want;
		}
	}
	err = collect(&b, id, 0, 0);
	if (!err)
		err = build_fields(&b);
	if (!err && fields_align(r) < r->align)
		err = raise_align(&b);
	if (!err && !r->nfields) {
		wit_set_err("%s has no bytes to describe", what);
		err = -EINVAL;
	}
	if (!err) {
		r->wit_align = fields_align(r);
		if (t->kind == WBPF_KIND_DATASEC)
			r->align = r->wit_align; /* no C alignment to keep */
		else if (r->wit_align != (r->align > 8 ? 8 : r->align) || r->align > 8) {
			wit_emitter__warn(
				e, "%s: alignment %u cannot be expressed in WIT (fields give %u)",
				what, r->align, r->wit_align);
			wit_str__printf(&r->notes,
					"\nnot faithful: alignment %u cannot be expressed in WIT; "
					"the record's is %u",
					r->align, r->wit_align);
		}
	}
	free(b.slots);
	free(b.bf);
	if (err)
		wit_record__free(r);
	return err;
}
