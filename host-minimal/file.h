/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Whole files into memory, for the module loaders. */
#ifndef __WBPF_FILE_H
#define __WBPF_FILE_H

#include <stddef.h>

/* The rest of an open file (free() it), or NULL with errno set (EISDIR for
 * a directory). */
void *wbpf_file__read_fd(int fd, size_t *len);

#endif /* __WBPF_FILE_H */
