// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Which types to print and in what order: a depth-first walk over by-value
 * uses (pointers are integers on the wasm side, so they order nothing),
 * every type listed after what it needs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "layout-internal.h"

enum {
	MARK_NEW = 0,
	MARK_BUSY,
	MARK_DONE
};

struct order {
	const struct wbpf_model *m;
	uint8_t *mark;
	uint32_t *ids;
	int n;
};

static int visit(struct order *o, uint32_t id);

/* Whether a type is printed as an item of its own (else inline or not at
 * all). */
static bool is_item(const struct wbpf_type *t)
{
	switch (t->kind) {
	case WBPF_KIND_STRUCT:
	case WBPF_KIND_UNION:
		return t->name != NULL;
	case WBPF_KIND_ENUM:
	case WBPF_KIND_DATASEC:
	case WBPF_KIND_TYPEDEF:
		return true;
	default:
		return false;
	}
}

/* A typedef of a function or of void has no layout and no wasm form. */
static bool is_data_typedef(const struct wbpf_model *m, const struct wbpf_type *t)
{
	const struct wbpf_type *r = t;

	while (r->kind == WBPF_KIND_TYPEDEF)
		r = &m->types[r->ref_type];
	return r->kind != WBPF_KIND_FUNC && r->kind != WBPF_KIND_VOID;
}

static int uses(struct order *o, uint32_t id, int depth);

/* The by-value uses of `t`'s own definition. */
static int deps_of(struct order *o, const struct wbpf_type *t, int depth)
{
	uint32_t i;
	int err = 0;

	switch (t->kind) {
	case WBPF_KIND_STRUCT:
	case WBPF_KIND_UNION:
	case WBPF_KIND_DATASEC:
		for (i = 0; i < t->nmembers && !err; i++) {
			const struct wbpf_member *mb = &t->members[i];

			if (mb->kind == WBPF_MEMBER_FIELD || mb->kind == WBPF_MEMBER_VAR)
				err = uses(o, mb->type, depth + 1);
		}
		return err;
	case WBPF_KIND_ARRAY:
	case WBPF_KIND_TYPEDEF:
		return uses(o, t->ref_type, depth + 1);
	default:
		return 0;
	}
}

static int uses(struct order *o, uint32_t id, int depth)
{
	const struct wbpf_type *t = &o->m->types[id];

	if (depth > 1024)
		return -ELOOP; /* cannot happen on a built model */
	switch (t->kind) {
	case WBPF_KIND_STRUCT:
	case WBPF_KIND_UNION:
		/* anonymous ones are printed inside their user */
		return t->name ? visit(o, id) : deps_of(o, t, depth);
	case WBPF_KIND_ARRAY:
		return deps_of(o, t, depth);
	case WBPF_KIND_ENUM:
	case WBPF_KIND_TYPEDEF:
		return visit(o, id);
	default:
		return 0;
	}
}

static int visit(struct order *o, uint32_t id)
{
	const struct wbpf_type *t = &o->m->types[id];
	int err;

	if (o->mark[id] != MARK_NEW)
		return 0; /* done, or a by-value cycle the builder refused */
	o->mark[id] = MARK_BUSY;
	err = deps_of(o, t, 0);
	if (err)
		return err;
	o->mark[id] = MARK_DONE;
	if (t->kind == WBPF_KIND_TYPEDEF && !is_data_typedef(o->m, t))
		return 0;
	o->ids[o->n++] = id;
	return 0;
}

int wbpf_model__order(const struct wbpf_model *m, const uint32_t *roots, int nroots, uint32_t **ids)
{
	struct order o = { .m = m };
	uint32_t id;
	int i, err = 0;

	*ids = NULL;
	o.mark = calloc(m->cnt, 1);
	o.ids = malloc((m->cnt ? m->cnt : 1) * sizeof(*o.ids));
	if (!o.mark || !o.ids) {
		err = wbpf_layout_set_err(ENOMEM, "out of memory");
		goto out;
	}
	if (nroots > 0 || m->nroots > 0) {
		const uint32_t *r = nroots > 0 ? roots : m->roots;
		int nr = nroots > 0 ? nroots : m->nroots;

		for (i = 0; i < nr && !err; i++) {
			if (r[i] >= m->cnt || !is_item(&m->types[m->canon[r[i]]])) {
				err = wbpf_layout_set_err(ENOENT,
							  "type [%u] is not a struct, union, "
							  "enum, typedef or data section",
							  r[i]);
				break;
			}
			err = visit(&o, m->canon[r[i]]);
		}
	} else {
		for (id = 1; id < m->cnt && !err; id++) {
			const struct wbpf_type *t = &m->types[id];

			if (m->canon[id] != id || !t->name || t->kind == WBPF_KIND_DATASEC ||
			    !is_item(t))
				continue;
			err = visit(&o, id);
		}
	}
out:
	free(o.mark);
	if (err) {
		free(o.ids);
		return err;
	}
	*ids = o.ids;
	return o.n;
}

int wbpf_model__find(const struct wbpf_model *m, const char *name)
{
	int found_typedef = -ENOENT, found_sec = -ENOENT;
	uint32_t id;

	for (id = 1; id < m->cnt; id++) {
		const struct wbpf_type *t = &m->types[id];

		if (m->canon[id] != id || !t->name || strcmp(t->name, name))
			continue;
		switch (t->kind) {
		case WBPF_KIND_STRUCT:
		case WBPF_KIND_UNION:
		case WBPF_KIND_ENUM:
			return id;
		case WBPF_KIND_TYPEDEF:
			if (found_typedef < 0)
				found_typedef = id;
			break;
		case WBPF_KIND_DATASEC:
			if (found_sec < 0)
				found_sec = id;
			break;
		default:
			break;
		}
	}
	return found_typedef >= 0 ? found_typedef : found_sec;
}
