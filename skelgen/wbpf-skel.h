/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * wbpf-skel's generator: a libbpf-style skeleton of a BPF object for a
 * wasm32 guest using the wbpf SDK (libbpf-wasm.h).
 *
 * The object's maps and programs come from libbpf (bpf_object__open_mem(),
 * as bpftool's `gen skeleton` does); the data-section structs and the types
 * they use come from the layout core's C printer (wbpf-cemit.h), laid out
 * for wasm32 exactly as BTF says, with _Static_asserts.
 *
 * Library rules: 0 or -errno, nothing printed anywhere but `out`;
 * wbpf_skel_errstr() describes the last failure in one line.
 */
#ifndef __WBPF_SKEL_H
#define __WBPF_SKEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct wbpf_skel_opts {
	size_t sz; /* sizeof(struct wbpf_skel_opts) */
	/* object name: identifiers are <name>_bpf, <name>_bpf__open(), ...;
	 * NULL = the file name without ".o" and ".bpf" */
	const char *name;
	/* embed the object as it is rather than zlib-compressed (for hosts
	 * of wbpf ABI version 2 and older, which cannot inflate it) */
	bool no_compress;
	size_t : 0;
};

/* Print the skeleton of the BPF object file `path` to `out`. Errors:
 * ENOENT/EACCES/... (cannot read), ENOEXEC (not a BPF ELF object),
 * ENODATA (no .BTF section), ENOENT (no programs), EINVAL (libbpf or the
 * layout core rejects the object), ENOMEM. */
int wbpf_skel__gen(const char *path, FILE *out, const struct wbpf_skel_opts *opts);

/* One line describing this thread's last failure (no file name). */
const char *wbpf_skel_errstr(void);

#endif /* __WBPF_SKEL_H */
