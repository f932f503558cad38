/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Shared by the files of the layout core; not installed, not for tools. */
#ifndef __WBPF_LAYOUT_INTERNAL_H
#define __WBPF_LAYOUT_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>

#include <bpf/libbpf.h>

#include "wbpf-layout.h"

struct wbpf_model {
	const struct btf *btf;
	struct btf *owned_btf;	/* freed with the model */
	struct bpf_object *obj; /* owner of btf when it came from bpf_object__open() */
	uint32_t cnt;
	struct wbpf_type *types; /* cnt entries, index = id */
	uint32_t *canon;	 /* id -> id of its entry (modifiers and VARs alias) */
	struct wbpf_member *members;
	size_t nmembers;
	struct wbpf_enum_value *values;
	size_t nvalues;
	char *strs; /* c_decl strings, NUL-separated */
	size_t strs_len;
	/* model from a header: the types it defines (order's default set) */
	uint32_t *roots;
	int nroots;
};

/* Records the one-line description returned by wbpf_layout_errstr() and
 * returns -err (err > 0), for `return wbpf_layout_set_err(EINVAL, ...)`. */
int wbpf_layout_set_err(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Builds the model of `btf`; takes ownership of `owned` and `obj` (freed on
 * failure too). */
struct wbpf_model *wbpf_model_build(const struct btf *btf, struct btf *owned,
				    struct bpf_object *obj, const struct wbpf_model_opts *opts);

/* layout-check.c: ids, names, qualifier loops and inline cycles, before
 * the layouts (fills m->canon); duplicate member names, after them. */
int wbpf_layout_validate(struct wbpf_model *m);
int wbpf_layout_check_names(const struct wbpf_model *m);

/* s is spelled as a C identifier: [A-Za-z_][A-Za-z0-9_]* (keywords
 * included). */
static inline bool wbpf_layout_is_c_ident(const char *s)
{
	if (!s || !*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

/* libbpf print callback that drops everything: the library never prints. */
int wbpf_layout_silent_print(enum libbpf_print_level level, const char *fmt, va_list args);

#endif /* __WBPF_LAYOUT_INTERNAL_H */
