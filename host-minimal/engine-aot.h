/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Reading an .aot file's descriptor (aot-glue.h) without loading it. */
#ifndef __WBPF_ENGINE_AOT_H
#define __WBPF_ENGINE_AOT_H

#include <stddef.h>

#include "aot-glue.h"

/* 0 and *note when bytes are an .aot file of this host's AOT format and
 * wbpf ABI version; else -ENOEXEC with the one-line reason in err (a
 * shared object from elsewhere, another machine, another format or ABI). */
int wbpf_aot__read_note(const void *bytes, size_t len, struct wbpf_aot_note *note, char *err,
			size_t err_sz);

#endif /* __WBPF_ENGINE_AOT_H */
