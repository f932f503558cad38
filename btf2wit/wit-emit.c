// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The WIT printer's driver: walks the model's types in dependency order
 * (wbpf_model__order), names them, and prints one interface item per type:
 *   struct, section       record (wit-record.c)
 *   union                 type <name> = <units>;   members in the comment
 *   enum                  type <name> = <int>;     values in the comment, or
 *                         a WIT enum when its cases are exactly 0..n-1 and
 *                         the canonical discriminant has the C size
 *   typedef of the above  type <name> = <target>;  (or names an anonymous one)
 * then the package line, the `types` interface and a world exporting it.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "wit-internal.h"

enum item_state {
	ITEM_NONE = 0,
	ITEM_BUSY,  /* being laid out: reaching it again is a cycle */
	ITEM_DONE,  /* printed: label and lay are set */
	ITEM_EMPTY, /* a struct of no bytes: WIT has no empty record */
};

struct wit_emitter {
	const struct wbpf_model *m;
	const struct wbpf_wit_opts *o;
	struct wit_cdecl *cdecl;
	struct wbpf_wit_names *types; /* the interface's names */
	uint32_t cnt;
	const char **label;   /* per id: the item's WIT name */
	struct wit_type *lay; /* per id: the item's layout (no text) */
	uint8_t *state;	      /* per id: enum item_state */
	uint8_t *root;	      /* per id: asked for with -t */
	struct wit_str body;  /* the interface's items */
};

static __thread char wit_errbuf[512];

void wit_set_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(wit_errbuf, sizeof(wit_errbuf), fmt, ap);
	va_end(ap);
}

const char *wbpf_wit_errstr(void)
{
	return wit_errbuf[0] ? wit_errbuf : "unknown error";
}

const struct wbpf_model *wit_emitter__model(const struct wit_emitter *e)
{
	return e->m;
}

bool wit_emitter__tuples(const struct wit_emitter *e)
{
	return e->o->tuples;
}

char *wit_emitter__cdecl(struct wit_emitter *e, uint32_t id)
{
	char *s = wit_cdecl__type(e->cdecl, id);

	return s ? s : strdup("?");
}

void wit_emitter__warn(struct wit_emitter *e, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (e->o->warn)
		e->o->warn(e->o->warn_ctx, msg);
}

/* ---- names and doc comments ---------------------------------------------- */

static const char *esc(const char *label)
{
	return wbpf_wit__is_keyword(label) ? "%" : "";
}

/* `text` as "/// " lines at `indent` */
static void put_doc(struct wit_str *s, const char *indent, const char *text)
{
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		if (len)
			wit_str__printf(s, "%s/// %.*s\n", indent, len, p);
		p = nl ? nl + 1 : NULL;
	}
}

static int name_item(struct wit_emitter *e, uint32_t id, const char *cname)
{
	int err = wbpf_wit_names__add(e->types, cname, &e->label[id]);

	if (err)
		wit_set_err("cannot name %s: %s", cname, strerror(-err));
	return err;
}

/* ---- records --------------------------------------------------------------- */

static const char *generated_base(enum wit_field_kind k)
{
	switch (k) {
	case WIT_FIELD_UNION:
		return "anon";
	case WIT_FIELD_BITS:
		return "bits";
	case WIT_FIELD_HIDDEN:
		return "hidden";
	default:
		return "pad";
	}
}

/* C members keep their names first; generated fields take pad0, bits0,
 * anon0, hidden0, ... counting per kind and skipping names C already took. */
static int name_fields(struct wit_record *r, struct wbpf_wit_names *scope)
{
	unsigned int next[WIT_FIELD_HIDDEN + 1] = {};
	char buf[32];
	int i, err;

	for (i = 0; i < r->nfields; i++) {
		struct wit_field *f = &r->fields[i];

		if (f->kind == WIT_FIELD_MEMBER &&
		    (err = wbpf_wit_names__add(scope, f->cname, &f->label)))
			return err;
	}
	for (i = 0; i < r->nfields; i++) {
		struct wit_field *f = &r->fields[i];

		if (f->kind == WIT_FIELD_MEMBER)
			continue;
		do
			snprintf(buf, sizeof(buf), "%s%u", generated_base(f->kind),
				 next[f->kind]++);
		while (wbpf_wit_names__has(scope, buf));
		if ((err = wbpf_wit_names__add(scope, buf, &f->label)))
			return err;
	}
	return 0;
}

/* Lay out and print struct/union-as-record/section `id` as record `label`;
 * `what` names it in C for comments and messages. */
static int emit_record(struct wit_emitter *e, uint32_t id, const char *what)
{
	const char *label = e->label[id];
	struct wbpf_wit_names *scope = NULL;
	struct wit_record r;
	struct wit_str s = {};
	int i, err;

	e->state[id] = ITEM_BUSY;
	err = wit_record__build(e, id, label, what, &r);
	if (err)
		return err;
	scope = wbpf_wit_names__new();
	err = scope ? name_fields(&r, scope) : -ENOMEM;
	if (err) {
		wit_set_err("%s: cannot name its fields: %s", what, strerror(-err));
		goto out;
	}
	wit_str__printf(&s, "C `%s`: %u bytes, align %u", what, r.size, r.align);
	if (r.notes.buf)
		wit_str__printf(&s, "%s", r.notes.buf);
	put_doc(&e->body, "  ", s.buf);
	wit_str__printf(&e->body, "  record %s%s {\n", esc(label), label);
	for (i = 0; i < r.nfields; i++) {
		put_doc(&e->body, "    ", r.fields[i].doc.buf);
		wit_str__printf(&e->body, "    %s%s: %s,\n", esc(r.fields[i].label),
				r.fields[i].label, r.fields[i].type.text);
	}
	wit_str__printf(&e->body, "  }\n\n");
	e->lay[id].size = r.size;
	e->lay[id].align = r.wit_align;
	e->state[id] = ITEM_DONE;
out:
	wit_str__free(&s);
	wbpf_wit_names__free(scope);
	wit_record__free(&r);
	return err;
}

/* ---- unions and enums ---------------------------------------------------- */

static int emit_union(struct wit_emitter *e, uint32_t id, const char *what)
{
	const struct wbpf_type *t = wbpf_model__type(e->m, id);
	struct wit_type u = {};
	struct wit_str s = {};
	uint32_t i, align = t->align ? t->align : 1;
	int err;

	err = wit_type__units(&u, t->size, align, e->o->tuples);
	if (err)
		return err;
	wit_str__printf(&s, "C `%s`: %u bytes, align %u; members, all at offset 0:", what, t->size,
			align);
	for (i = 0; i < t->nmembers; i++) {
		char *d;

		if (t->members[i].kind != WBPF_MEMBER_FIELD)
			continue; /* the union's own tail padding */
		d = wit_emitter__cdecl(e, t->members[i].type);
		wit_str__printf(&s, "\n`%s`: %s",
				t->members[i].name ? t->members[i].name : "(anonymous)", d);
		free(d);
	}
	if (u.align != (align > 8 ? 8 : align) || align > 8) {
		wit_emitter__warn(e, "%s: alignment %u cannot be expressed in WIT (units give %u)",
				  what, align, u.align);
		wit_str__printf(&s,
				"\nnot faithful: alignment %u cannot be expressed in WIT; "
				"the type's is %u",
				align, u.align);
	}
	put_doc(&e->body, "  ", s.buf);
	wit_str__printf(&e->body, "  type %s%s = %s;\n\n", esc(e->label[id]), e->label[id], u.text);
	e->lay[id] = (struct wit_type){ .size = u.size, .align = u.align };
	e->state[id] = ITEM_DONE;
	wit_type__free(&u);
	wit_str__free(&s);
	return 0;
}

/* Discriminant size of a WIT enum with n cases (CanonicalABI.md). */
static uint32_t enum_disc_size(uint32_t n)
{
	return n <= 256 ? 1 : n <= 65536 ? 2 : 4;
}

static void put_value(struct wit_str *s, const struct wbpf_type *t, uint32_t i)
{
	const struct wbpf_enum_value *v = &t->values[i];

	if (t->is_signed)
		wit_str__printf(s, "`%s` = %" PRId64, v->name, (int64_t)v->value);
	else
		wit_str__printf(s, "`%s` = %" PRIu64, v->name, v->value);
}

static int emit_enum(struct wit_emitter *e, uint32_t id, const char *what)
{
	const struct wbpf_type *t = wbpf_model__type(e->m, id);
	const char *label = e->label[id];
	bool exact = t->nvalues > 0 && enum_disc_size(t->nvalues) == t->size;
	struct wbpf_wit_names *cases = NULL;
	struct wit_type it = {};
	struct wit_str s = {};
	uint32_t i;
	int err = 0;

	for (i = 0; exact && i < t->nvalues; i++)
		exact = t->values[i].value == i;
	if (exact) {
		cases = wbpf_wit_names__new();
		if (!cases)
			return -ENOMEM;
		wit_str__printf(&s, "C `%s`: %u byte%s; its values are exactly the cases, in order",
				what, t->size, t->size == 1 ? "" : "s");
		put_doc(&e->body, "  ", s.buf);
		wit_str__printf(&e->body, "  enum %s%s {\n", esc(label), label);
		for (i = 0; i < t->nvalues && !err; i++) {
			const char *c;

			wit_str__free(&s);
			put_value(&s, t, i);
			put_doc(&e->body, "    ", s.buf);
			err = wbpf_wit_names__add(cases, t->values[i].name, &c);
			if (!err)
				wit_str__printf(&e->body, "    %s%s,\n", esc(c), c);
		}
		wit_str__printf(&e->body, "  }\n\n");
		e->lay[id] = (struct wit_type){ .size = t->size, .align = t->size };
	} else {
		err = wit_type__int(&it, t->size, t->is_signed);
		if (err) {
			wit_set_err("%s: enum of %u bytes", what, t->size);
			return err;
		}
		wit_str__printf(&s, "C `%s`: %u byte%s, %s; values:", what, t->size,
				t->size == 1 ? "" : "s", t->is_signed ? "signed" : "unsigned");
		for (i = 0; i < t->nvalues; i++) {
			wit_str__printf(&s, "\n");
			put_value(&s, t, i);
		}
		put_doc(&e->body, "  ", s.buf);
		wit_str__printf(&e->body, "  type %s%s = %s;\n\n", esc(label), label, it.text);
		e->lay[id] = (struct wit_type){ .size = it.size, .align = it.align };
	}
	e->state[id] = ITEM_DONE;
	wit_type__free(&it);
	wit_str__free(&s);
	wbpf_wit_names__free(cases);
	if (err)
		wit_set_err("%s: cannot name its values: %s", what, strerror(-err));
	return err;
}

/* ---- items ----------------------------------------------------------------- */

static const char *kind_word(enum wbpf_kind k)
{
	return k == WBPF_KIND_UNION ? "union" : k == WBPF_KIND_ENUM ? "enum" : "struct";
}

/* Print the item for struct/union/enum/section `id`, already named, known in
 * C as `what`. */
static int emit_item(struct wit_emitter *e, uint32_t id, const char *what)
{
	const struct wbpf_type *t = wbpf_model__type(e->m, id);

	if (!t->size && t->kind != WBPF_KIND_ENUM) {
		/* struct sched_statistics {} of a kernel built without the
		 * option: members of it have no bytes either */
		wit_str__printf(&e->body, "  // C `%s` has no bytes: WIT has no empty record\n\n",
				what);
		e->state[id] = ITEM_EMPTY;
		return 0;
	}
	switch (t->kind) {
	case WBPF_KIND_STRUCT:
	case WBPF_KIND_DATASEC:
		return emit_record(e, id, what);
	case WBPF_KIND_UNION:
		return emit_union(e, id, what);
	case WBPF_KIND_ENUM:
		return emit_enum(e, id, what);
	default:
		wit_set_err("%s: not a struct, union, enum or section", what);
		return -EINVAL;
	}
}

/* The item of a named struct/union/enum, printed the first time. */
static int ensure_named(struct wit_emitter *e, uint32_t id)
{
	const struct wbpf_type *t = wbpf_model__type(e->m, id);
	char what[300];
	int err;

	if (e->state[id] == ITEM_DONE || e->state[id] == ITEM_EMPTY)
		return 0;
	if (e->state[id] == ITEM_BUSY) {
		wit_set_err("%s %s contains itself", kind_word(t->kind), t->name);
		return -ELOOP;
	}
	if (t->kind == WBPF_KIND_DATASEC)
		snprintf(what, sizeof(what), "%s", t->name);
	else
		snprintf(what, sizeof(what), "%s %s", kind_word(t->kind), t->name);
	if (!e->label[id] && (err = name_item(e, id, t->name)))
		return err;
	return emit_item(e, id, what);
}

int wit_emitter__value_type(struct wit_emitter *e, uint32_t id, const char *label, const char *what,
			    const char *member, struct wit_type *out)
{
	uint32_t rid = wbpf_model__resolve(e->m, id);
	const struct wbpf_type *t = wbpf_model__type(e->m, rid);
	struct wit_type elem;
	int err;

	memset(out, 0, sizeof(*out));
	if (!t) {
		wit_set_err("type id %u is not in the model", id);
		return -EINVAL;
	}
	switch (t->kind) {
	case WBPF_KIND_INT:
		if (t->is_bool && t->size == 1)
			return wit_type__prim(out, "bool", 1);
		if (t->size <= 8 && !(t->size & (t->size - 1)))
			return wit_type__int(out, t->size, t->is_signed && !t->is_char);
		return wit_type__units(out, t->size, t->align, e->o->tuples);
	case WBPF_KIND_FLOAT:
		if (t->size == 4 || t->size == 8)
			return wit_type__prim(out, t->size == 4 ? "f32" : "f64", t->size);
		return wit_type__units(out, t->size, t->align, e->o->tuples);
	case WBPF_KIND_OPAQUE:
		return wit_type__units(out, t->size, t->align, e->o->tuples);
	case WBPF_KIND_PTR:
		return wit_type__int(out, 8, false);
	case WBPF_KIND_ENUM:
		if (!t->name && !e->label[rid])
			return wit_type__int(out, t->size, t->is_signed);
		break;
	case WBPF_KIND_UNION:
		if (!t->name && !e->label[rid])
			return wit_type__units(out, t->size, t->align, e->o->tuples);
		break;
	case WBPF_KIND_STRUCT:
		break;
	case WBPF_KIND_ARRAY:
		if (!t->nelems) {
			wit_set_err("%s: flexible array %s inside an array", what,
				    member ? member : "(anonymous)");
			return -EINVAL;
		}
		if ((err = wit_emitter__value_type(e, t->ref_type, label, what, member, &elem)))
			return err;
		err = wit_type__list(out, &elem, t->nelems, e->o->tuples);
		wit_type__free(&elem);
		return err;
	default:
		wit_set_err("%s: member %s has no data layout (void, function or "
			    "declaration only)",
			    what, member ? member : "(anonymous)");
		return -EINVAL;
	}
	/* a struct, or a named union or enum: an item of its own */
	if (e->state[rid] != ITEM_DONE) {
		if (t->name || e->label[rid]) {
			err = ensure_named(e, rid);
		} else {
			/* anonymous struct: record <parent>-<member> */
			char cname[512], cwhat[512];

			snprintf(cname, sizeof(cname), "%s_%s", label, member ? member : "anon");
			snprintf(cwhat, sizeof(cwhat), "%s.%s", what,
				 member ? member : "(anonymous)");
			err = name_item(e, rid, cname);
			if (!err)
				err = emit_item(e, rid, cwhat);
		}
		if (err)
			return err;
	}
	if (e->state[rid] == ITEM_EMPTY) {
		wit_set_err("%s: member %s: %s %s has no bytes", what,
			    member ? member : "(anonymous)", kind_word(t->kind),
			    t->name ? t->name : "(anonymous)");
		return -ENODATA;
	}
	return wit_type__named(out, e->label[rid], e->lay[rid].size, e->lay[rid].align);
}

/* A typedef: names the anonymous struct/union/enum it stands for, or is an
 * alias of a named one; typedefs of plain types become aliases only when
 * asked for with -t, since fields use the plain WIT type anyway. */
static int emit_typedef(struct wit_emitter *e, uint32_t id)
{
	const struct wbpf_type *t = wbpf_model__type(e->m, id);
	uint32_t rid = wbpf_model__resolve(e->m, id);
	const struct wbpf_type *rt = wbpf_model__type(e->m, rid);
	const struct wbpf_type *direct = wbpf_model__type(e->m, t->ref_type);
	struct wit_type wt;
	struct wit_str s = {};
	char kebab[256], target[256];
	bool composite;
	int err;

	if (!rt)
		return 0;
	composite = rt->kind == WBPF_KIND_STRUCT || rt->kind == WBPF_KIND_UNION ||
		    rt->kind == WBPF_KIND_ENUM;
	if (composite && direct && direct->id == rid && !rt->name && !e->label[rid]) {
		/* typedef struct { ... } name_t; */
		if ((err = name_item(e, rid, t->name)))
			return err;
		return emit_item(e, rid, t->name);
	}
	if (!composite && !e->root[id])
		return 0;
	if (composite && !rt->size && rt->kind != WBPF_KIND_ENUM)
		return 0; /* an empty struct has no item to alias */
	if (rt->kind == WBPF_KIND_FWD || rt->kind == WBPF_KIND_VOID || rt->kind == WBPF_KIND_FUNC)
		return 0; /* nothing to lay out */
	if (composite && rt->name) {
		/* typedef struct foo foo; needs no alias */
		if (wbpf_wit__kebab(t->name, kebab, sizeof(kebab)) < 0 ||
		    wbpf_wit__kebab(rt->name, target, sizeof(target)) < 0)
			return -ENAMETOOLONG;
		if (!strcmp(kebab, target) && !e->root[id])
			return 0;
	}
	if ((err = wit_emitter__value_type(e, id, t->name, t->name, NULL, &wt)))
		return err;
	if ((err = name_item(e, id, t->name)))
		goto out;
	{
		char *d = wit_emitter__cdecl(e, t->ref_type);

		/* the C type's alignment; where WIT cannot carry it, the
		 * aliased item says so */
		wit_str__printf(&s, "C `%s`: typedef of %s, %u bytes, align %u", t->name, d,
				wt.size, rt->align ? rt->align : 1);
		free(d);
	}
	put_doc(&e->body, "  ", s.buf);
	wit_str__printf(&e->body, "  type %s%s = %s;\n\n", esc(e->label[id]), e->label[id],
			wt.text);
	e->lay[id] = (struct wit_type){ .size = wt.size, .align = wt.align };
	e->state[id] = ITEM_DONE;
out:
	wit_type__free(&wt);
	wit_str__free(&s);
	return err;
}

static int emit_types(struct wit_emitter *e)
{
	uint32_t *ids = NULL;
	int n, i, err = 0;

	n = wbpf_model__order(e->m, e->o->roots, e->o->nroots, &ids);
	if (n < 0) {
		wit_set_err("%s", wbpf_layout_errstr());
		return n;
	}
	for (i = 0; i < n && !err; i++) {
		const struct wbpf_type *t = wbpf_model__type(e->m, ids[i]);

		if (!t || e->state[ids[i]] == ITEM_DONE || e->state[ids[i]] == ITEM_EMPTY)
			continue;
		switch (t->kind) {
		case WBPF_KIND_STRUCT:
		case WBPF_KIND_UNION:
		case WBPF_KIND_ENUM:
		case WBPF_KIND_DATASEC:
			/* anonymous ones are printed where they are used */
			if (t->name)
				err = ensure_named(e, ids[i]);
			break;
		case WBPF_KIND_TYPEDEF:
			err = emit_typedef(e, ids[i]);
			break;
		default:
			break;
		}
	}
	free(ids);
	return err;
}

/* ---- package --------------------------------------------------------------- */

/* A package name's namespace and name: lowercase kebab-case labels,
 * fragment ::= [a-z][a-z0-9]* (the component model allows no uppercase
 * there). */
static const char *skip_lower_label(const char *p)
{
	for (;;) {
		if (!islower((unsigned char)*p))
			return NULL;
		while (islower((unsigned char)*p) || isdigit((unsigned char)*p))
			p++;
		if (*p != '-')
			return p;
		p++;
	}
}

static const char *skip_number(const char *p)
{
	if (!isdigit((unsigned char)*p))
		return NULL;
	while (isdigit((unsigned char)*p))
		p++;
	return p;
}

/* ns:name, optionally @MAJOR.MINOR.PATCH[-pre][+build] (full semver) */
bool wbpf_wit__valid_package(const char *pkg)
{
	const char *p = pkg ? skip_lower_label(pkg) : NULL;
	int i;

	if (!p || *p != ':' || !(p = skip_lower_label(p + 1)))
		return false;
	if (!*p)
		return true;
	if (*p != '@')
		return false;
	for (i = 0; i < 3; i++) {
		if (!(p = skip_number(p + 1)))
			return false;
		if (i < 2 && *p != '.')
			return false;
	}
	if (*p == '-' || *p == '+') {
		if (!p[1])
			return false;
		for (p++; *p; p++)
			if (!isalnum((unsigned char)*p) && !strchr(".-+", *p))
				return false;
	}
	return !*p;
}

static void emit_header(const struct wit_emitter *e, FILE *out)
{
	const char *src = e->o->source ? e->o->source : "BTF";
	const char *pkg = e->o->package, *colon = strchr(pkg, ':');
	char ns[256], name[256];

	/* ns:name@version, each label %-escaped when it is a keyword */
	snprintf(ns, sizeof(ns), "%.*s", (int)(colon - pkg), pkg);
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(colon + 1, "@"), colon + 1);
	fprintf(out,
		"// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)\n"
		"// autogenerated by btf2wit from %s; do not edit\n"
		"//\n"
		"// Each record lays out in the component model's canonical ABI exactly as\n"
		"// its C type does on the BPF side (LP64): same size, same offsets, same\n"
		"// alignment, unless its comment says \"not faithful\". Padding is explicit,\n"
		"// pointers are u64, bitfields and unions are kept as their bytes.\n"
		"package %s%s:%s%s%s;\n\n"
		"/// The data types of %s.\n"
		"interface types {\n",
		src, esc(ns), ns, esc(name), name, colon + 1 + strlen(name), src);
}

int wbpf_wit__emit(const struct wbpf_model *m, const struct wbpf_wit_opts *opts, FILE *out)
{
	struct wit_emitter e = { .m = m, .o = opts };
	char world[256];
	const char *p;
	int i, err = -ENOMEM;

	wit_errbuf[0] = '\0';
	if (!m || !opts || !out || !wbpf_wit__valid_package(opts->package)) {
		wit_set_err(
			"invalid package name '%s' (expected namespace:name, lowercase kebab-case, optionally @x.y.z)",
			opts && opts->package ? opts->package : "");
		return -EINVAL;
	}
	/* the world is named after the package: ns:NAME@version */
	p = strchr(opts->package, ':') + 1;
	snprintf(world, sizeof(world), "%.*s", (int)strcspn(p, "@"), p);

	e.cnt = wbpf_model__type_cnt(m);
	e.label = calloc(e.cnt ? e.cnt : 1, sizeof(*e.label));
	e.lay = calloc(e.cnt ? e.cnt : 1, sizeof(*e.lay));
	e.state = calloc(e.cnt ? e.cnt : 1, 1);
	e.root = calloc(e.cnt ? e.cnt : 1, 1);
	e.types = wbpf_wit_names__new();
	e.cdecl = wit_cdecl__new(m);
	if (!e.label || !e.lay || !e.state || !e.root || !e.types || !e.cdecl) {
		wit_set_err("out of memory");
		goto out;
	}
	for (i = 0; i < opts->nroots; i++)
		if (opts->roots[i] < e.cnt)
			e.root[opts->roots[i]] = 1;
	err = emit_types(&e);
	if (!err && e.body.err)
		err = e.body.err;
	if (err) {
		if (!wit_errbuf[0])
			wit_set_err("%s", strerror(-err));
		goto out;
	}
	emit_header(&e, out);
	if (e.body.len) {
		/* drop the blank line after the last item */
		e.body.buf[--e.body.len] = '\0';
		fputs(e.body.buf, out);
	}
	fprintf(out, "}\n\nworld %s%s {\n  export types;\n}\n", esc(world), world);
	if (ferror(out) || fflush(out)) {
		wit_set_err("write error");
		err = -EIO;
	}
out:
	wit_str__free(&e.body);
	wit_cdecl__free(e.cdecl);
	wbpf_wit_names__free(e.types);
	free(e.label);
	free(e.lay);
	free(e.state);
	free(e.root);
	return err;
}
