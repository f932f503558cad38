/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Which native code runs a module: an .aot file, or `--aot`'s cache. */
#ifndef __WBPF_AOT_SELECT_H
#define __WBPF_AOT_SELECT_H

#include <stddef.h>

#include "aot-glue.h"

/* An .aot file, open and read: the AOT engine loads fd, its bytes checked. */
struct wbpf_aot_file {
	int fd;
	void *bytes;
	size_t len;
};

void wbpf_aot_file__release(struct wbpf_aot_file *f);

/* For FOO.aot run as is: when FOO.wasm lies beside it, it must be the
 * module FOO.aot was compiled from. 0, or -ESTALE with the line in err. */
int wbpf_aot__check_sibling(const char *path, const struct wbpf_aot_note *note, char *err,
			    size_t err_sz);

/*
 * `--aot` for a module's bytes: its cache entry, compiled first when it is
 * missing (or stale). Returns
 *   0   *out is the entry to run; msg says "compiled ahead of time into
 *       ..." when it was compiled now, else is empty;
 *   1   the interpreter must run the module; msg says why (no compiler, no
 *       usable cache, the compiler failed);
 *   <0  the module is refused; msg is the interpreter's reason.
 */
int wbpf_aot__from_cache(const void *wasm, size_t len, struct wbpf_aot_file *out, char *msg,
			 size_t msg_sz);

#endif /* __WBPF_AOT_SELECT_H */
