/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Shared by the files of the C printer; not installed. */
#ifndef __WBPF_CEMIT_INTERNAL_H
#define __WBPF_CEMIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* A typedef name the C library defines on wasm32 (size_t, pid_t, bool...). */
bool wbpf_cemit_reserved_typedef(const char *name);
/* A struct/union/enum tag the C library defines (timespec, iovec...). */
bool wbpf_cemit_libc_tag(const char *name);
/* The whole lists, sorted. */
const char *const *wbpf_cemit_reserved_typedefs(size_t *n);
const char *const *wbpf_cemit_libc_tags(size_t *n);

#endif /* __WBPF_CEMIT_INTERNAL_H */
