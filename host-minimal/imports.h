/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The host's import tables: module "wasm_bpf", expanded from
 * sdk/wasm-bpf-abi.def, and module "wasi_snapshot_preview1", expanded from
 * host-minimal/wasi.def. Neither list is written anywhere else.
 */
#ifndef __WBPF_IMPORTS_H
#define __WBPF_IMPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "vm.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WBPF_WASI_MODULE "wasi_snapshot_preview1"

enum wbpf_import_kind {
	WBPF_IMPORT_ABI,  /* wasm_bpf: takes the host lock, syncs mirrors */
	WBPF_IMPORT_WASI, /* wasi_snapshot_preview1 */
};

struct wbpf_import {
	const char *module;
	const char *name;
	const char *params;  /* one letter per parameter: i = i32, I = i64 */
	const char *results; /* "", "i" or "I" */
	wbpf_host_fn fn;
	enum wbpf_import_kind kind;
};

/* The import (module, name), or NULL if the host does not provide it. */
const struct wbpf_import *wbpf_import__find(const char *module, const char *name);
/* Iterate all imports: NULL after the last. */
const struct wbpf_import *wbpf_import__at(size_t i);

/* Writes "(i32, i64) -> i32" for a signature in letters into buf. */
void wbpf_import__sig_str(const char *params, const char *results, char *buf, size_t sz);

/*
 * The host's import for a guest import, as every engine checks it before
 * the guest runs: `kind` is NULL for a function (then params/results are
 * its type in letters) or the name of another kind ("memory", "table",
 * ...). 0 and *out, or -errno with the one-line reason in err:
 *   unknown import env.foo (the host does not provide it)
 *   import wasm_bpf.x has type (i32) -> (i32), the host's is (i32) -> (i64)
 *   import env.memory is a memory; the host provides only functions
 */
int wbpf_import__resolve(const char *module, const char *name, const char *kind, const char *params,
			 const char *results, const struct wbpf_import **out, char *err,
			 size_t err_sz);

/* Handlers, declared from the tables. */
#define WBPF_IMPORT(name, params, result, c_result, c_params) \
	int wbpf_abi_##name(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret);
#include "wasm-bpf-abi.def"
#undef WBPF_IMPORT

#define WBPF_WASI(name, params, result) \
	int wbpf_wasi_##name(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret);
#include "wasi.def"
#undef WBPF_WASI

#ifdef __cplusplus
}
#endif

#endif /* __WBPF_IMPORTS_H */
