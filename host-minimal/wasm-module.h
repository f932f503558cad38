/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Reading a WebAssembly module, once for both engines: the header, wabt's
 * parser and validator, the memory cap, every import against the host's
 * tables (wbpf_import__resolve) and the `_start` export. The interpreter
 * instantiates what this reads; `--aot` compiles only modules this accepts.
 * So both engines refuse the same modules with the same line.
 */
#ifndef __WBPF_WASM_MODULE_H
#define __WBPF_WASM_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
/* wbpf-abi.h is C11: its asserts are C++'s static_assert */
#define _Static_assert static_assert
#include <wbpf-abi.h>
#undef _Static_assert
#else
#include <wbpf-abi.h>
#endif

#include "imports.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Linear memory a guest may have, in 64 KiB pages: 1 GiB. memory.grow past
 * it fails (returns -1) as the wasm spec allows. */
#define WBPF_MAX_MEMORY_PAGES 16384u

struct wbpf_wasm_import {
	char *module;
	char *name;
	const struct wbpf_import *imp; /* the host's, type checked */
};

/* What the ahead-of-time compiler needs to know of a module it may compile. */
struct wbpf_wasm_info {
	struct wbpf_wasm_import *imports; /* in the module's order */
	size_t nimports;
	uint32_t memory_pages; /* initial pages of memory 0; 0 when none */
};

/* 0 and *out (free with wbpf_wasm_info__free), or -errno with the one-line
 * reason in err (the interpreter's words: "not a WebAssembly module ...",
 * "unknown import ...", "no _start function ..."). */
int wbpf_wasm__inspect(const void *bytes, size_t len, struct wbpf_wasm_info **out, char *err,
		       size_t err_sz);
void wbpf_wasm_info__free(struct wbpf_wasm_info *info);

#ifdef __cplusplus
}

#include <vector>

#include <wabt/interp/interp.h>

/* The interpreter's half: the module read and checked into desc (memory
 * maxima lowered to the cap), and the host import of every import, in
 * order. May throw std::bad_alloc. */
int wbpf_wasm__read(const void *bytes, size_t len, wabt::interp::ModuleDesc *desc,
		    std::vector<const struct wbpf_import *> *imports, char *err, size_t err_sz);
#endif

#endif /* __WBPF_WASM_MODULE_H */
