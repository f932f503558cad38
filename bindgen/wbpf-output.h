/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * How every wbpf generator writes its -o file: all or nothing.
 */
#ifndef __WBPF_OUTPUT_H
#define __WBPF_OUTPUT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Write `len` bytes of `buf` to `path`. A regular file (or a path that does
 * not exist yet) is replaced atomically: a temporary file beside it, renamed
 * over it once everything is written, so a failed run leaves the old file
 * as it was. Anything else that exists (/dev/null, /dev/stdout, a FIFO) is
 * opened and written in place: renaming over it would replace the device or
 * pipe with a regular file. Returns 0 or -errno. */
int wbpf_output__write(const char *path, const void *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* __WBPF_OUTPUT_H */
