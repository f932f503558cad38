/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The WIT printer of the wbpf layout model (bindgen/wbpf-layout.h).
 *
 * Every record it prints lays out, by the component model's canonical ABI,
 * exactly like the BTF type it stands for: same size, same field offsets and,
 * where WIT can express it, same alignment. Where it cannot (a misaligned
 * member of a packed struct, an alignment above 8), the record says so in a
 * comment and the warn callback is called with one line.
 *
 * Library rules: 0 or -errno; nothing printed; wbpf_wit_errstr() describes
 * the last failure in one line.
 */
#ifndef __WBPF_WIT_EMIT_H
#define __WBPF_WIT_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct wbpf_model;

typedef void (*wbpf_wit_warn_fn)(void *ctx, const char *msg);

struct wbpf_wit_opts {
	size_t sz;	       /* sizeof(struct wbpf_wit_opts) */
	const char *package;   /* "ns:name" or "ns:name@version"; required */
	const char *source;    /* named in the header comment; may be NULL */
	bool tuples;	       /* tuple<T, T, ...> instead of list<T, N> */
	const uint32_t *roots; /* model ids to print (and what they need);
				* NULL/0: every named type of the model */
	int nroots;
	wbpf_wit_warn_fn warn; /* may be NULL */
	void *warn_ctx;
};

/* Print the WIT package for `m` to `out`. 0 or -errno (-EINVAL: bad
 * package name or a type that cannot be laid out; -EIO: write error). */
int wbpf_wit__emit(const struct wbpf_model *m, const struct wbpf_wit_opts *opts, FILE *out);

/* Whether `pkg` is a valid WIT package name: ns:name[@semver]. */
bool wbpf_wit__valid_package(const char *pkg);

/* One-line description of this thread's last wbpf_wit__emit() failure. */
const char *wbpf_wit_errstr(void);

#endif /* __WBPF_WIT_EMIT_H */
