/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The import glue of an ahead-of-time compiled module: one C file that
 * includes wasm2c's header and aot-runtime.c, defines one forwarder per
 * import the module has (from the host's tables, through wbpf_vm__dispatch
 * at run time), the struct wbpf_aot_module the host looks up and the ELF
 * note it reads first (aot-glue.h).
 */
#ifndef __WBPF_AOT_GEN_H
#define __WBPF_AOT_GEN_H

#include <stdint.h>
#include <stdio.h>

#include "wasm-module.h"

/* wasm2c's names are prefixed with this module name (wasm2c -n). */
#define WBPF_AOT_W2C_NAME "m"

/*
 * Writes the glue for a module that wbpf_wasm__inspect() accepted as info
 * and wasm2c translated with -n WBPF_AOT_W2C_NAME into a header whose text
 * is w2c_h (include name w2c_h_name). 0, or -errno with a one-line reason
 * in err (wasm2c's header is not what the generator expects, or a write
 * failed).
 */
int wbpf_aot_gen__glue(FILE *out, const char *w2c_h, const char *w2c_h_name,
		       const struct wbpf_wasm_info *info, const uint8_t sha256[32], char *err,
		       size_t err_sz);

#endif /* __WBPF_AOT_GEN_H */
