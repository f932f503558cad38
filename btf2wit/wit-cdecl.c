// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * C type names for the comments of the WIT output. libbpf's btf_dump prints
 * them (btf_dump__emit_type_decl), as every other C declaration of wbpf;
 * only types btf_dump would print inline over several lines (anonymous
 * structs, unions, enums) and models without BTF are described in words.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "wit-internal.h"

struct wit_cdecl {
	const struct wbpf_model *m;
	struct btf_dump *d; /* NULL when the model has no BTF */
	struct wit_str out; /* what btf_dump printed for the current call */
};

static void cdecl_print(void *ctx, const char *fmt, va_list args)
{
	struct wit_cdecl *c = ctx;
	va_list ap;
	char small[256];
	int n;

	va_copy(ap, args);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		wit_str__printf(&c->out, "%s", small);
		return;
	}
	char *big = malloc(n + 1);

	if (!big) {
		c->out.err = -ENOMEM;
		return;
	}
	vsnprintf(big, n + 1, fmt, args);
	wit_str__printf(&c->out, "%s", big);
	free(big);
}

struct wit_cdecl *wit_cdecl__new(const struct wbpf_model *m)
{
	struct wit_cdecl *c = calloc(1, sizeof(*c));
	const struct btf *btf;

	if (!c)
		return NULL;
	c->m = m;
	btf = wbpf_model__btf(m);
	if (btf) {
		c->d = btf_dump__new(btf, cdecl_print, c, NULL);
		if (!c->d) {
			free(c);
			return NULL;
		}
	}
	return c;
}

void wit_cdecl__free(struct wit_cdecl *c)
{
	if (!c)
		return;
	btf_dump__free(c->d);
	wit_str__free(&c->out);
	free(c);
}

static const char *kind_words(const struct wbpf_type *t)
{
	switch (t->kind) {
	case WBPF_KIND_STRUCT:
		return "struct";
	case WBPF_KIND_UNION:
		return "union";
	case WBPF_KIND_ENUM:
		return "enum";
	case WBPF_KIND_PTR:
		return "pointer";
	default:
		return "type";
	}
}

/* Without btf_dump: the model's names, arrays as [N]. */
static void describe(struct wit_cdecl *c, uint32_t id, struct wit_str *s)
{
	const struct wbpf_type *t = wbpf_model__type(c->m, id);

	if (!t) {
		wit_str__printf(s, "?");
		return;
	}
	if (t->kind == WBPF_KIND_ARRAY) {
		describe(c, t->ref_type, s);
		wit_str__printf(s, "[%u]", t->nelems);
		return;
	}
	if (t->kind == WBPF_KIND_PTR && t->c_decl) {
		wit_str__printf(s, "%s", t->c_decl);
		return;
	}
	if (t->name && (t->kind == WBPF_KIND_STRUCT || t->kind == WBPF_KIND_UNION ||
			t->kind == WBPF_KIND_ENUM))
		wit_str__printf(s, "%s %s", kind_words(t), t->name);
	else if (t->name)
		wit_str__printf(s, "%s", t->name);
	else
		wit_str__printf(s, "anonymous %s", kind_words(t));
}

char *wit_cdecl__type(struct wit_cdecl *c, uint32_t id)
{
	struct wit_str s = {};

	if (c->d) {
		LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .field_name = "");

		wit_str__free(&c->out);
		if (!btf_dump__emit_type_decl(c->d, id, &opts) && !c->out.err && c->out.buf &&
		    !strpbrk(c->out.buf, "{\n")) {
			char *r = c->out.buf;

			memset(&c->out, 0, sizeof(c->out));
			return r;
		}
		wit_str__free(&c->out);
	}
	describe(c, id, &s);
	if (s.err) {
		wit_str__free(&s);
		return NULL;
	}
	return s.buf;
}
