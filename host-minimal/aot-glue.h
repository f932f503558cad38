/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The contract between wasm-bpf and an ahead-of-time compiled module (an
 * .aot file): a shared object that `wasm-bpf --compile` (`wbpf aot`) builds
 * with cc from wasm2c's C, the wasm2c runtime, aot-runtime.c and the import
 * glue aot-gen.c writes for the module.
 *
 * Both sides compile this header: the host, and every .aot (the host writes
 * its own copy next to the generated C). Any change here bumps
 * WBPF_AOT_FORMAT, and the host refuses .aot files of another format.
 *
 * Before it loads any code, the host reads the file's descriptor: an ELF
 * note in section WBPF_AOT_NOTE_SECTION (owner "wbpf", type
 * WBPF_AOT_NOTE_TYPE) holding a struct wbpf_aot_note. Only a file whose
 * note has the magic, this format and this host's WBPF_ABI_VERSION is
 * opened; then the symbol WBPF_AOT_SYMBOL, a struct wbpf_aot_module, must
 * repeat what the note says.
 */
#ifndef __WBPF_AOT_GLUE_H
#define __WBPF_AOT_GLUE_H

#include <stddef.h>
#include <stdint.h>

#define WBPF_AOT_FORMAT	      3		 /* 2: signal(); 3: signal() gone again */
#define WBPF_AOT_MAGIC	      "WBPF-AOT" /* 8 bytes, no NUL */
#define WBPF_AOT_NOTE_SECTION ".note.wbpf"
#define WBPF_AOT_NOTE_OWNER   "wbpf"
#define WBPF_AOT_NOTE_TYPE    1
#define WBPF_AOT_SYMBOL	      "wbpf_aot_module"

/* The descriptor of the note. */
struct wbpf_aot_note {
	char magic[8];		   /* WBPF_AOT_MAGIC */
	uint32_t format;	   /* WBPF_AOT_FORMAT */
	uint32_t abi_version;	   /* WBPF_ABI_VERSION of the host it is made for */
	uint8_t module_sha256[32]; /* SHA-256 of the .wasm it was compiled from */
};
_Static_assert(sizeof(struct wbpf_aot_note) == 48, "wbpf_aot_note size");

/* What the host hands the module at instantiation. */
struct wbpf_aot_host {
	void *vm; /* struct wbpf_vm */
	/* every imported call: dispatch(vm, imports[i], args, ret) is
	 * wbpf_vm__dispatch(); non-zero (WBPF_TRAP) stops the guest */
	int (*dispatch)(void *vm, const void *imp, const uint64_t *args, uint64_t *ret);
	/* the host's import (struct wbpf_import) for each of the module's,
	 * in the module's order */
	const void *const *imports;
	/* records why the guest stopped (a reason already there is kept) */
	void (*trap)(void *vm, const char *msg);
	/* memory.grow fails beyond this many pages */
	uint32_t max_memory_pages;
};

/* One import of the module, as the host checks it against its tables. */
struct wbpf_aot_import {
	const char *module;
	const char *name;
	const char *params;  /* one letter per parameter: i = i32, I = i64 */
	const char *results; /* "", "i" or "I" */
};

/* run_start() and call_cb() result when the guest trapped or exited (the
 * host's WBPF_TRAP): the reason has gone to host->trap(). */
#define WBPF_AOT_TRAP 1

struct wbpf_aot_module {
	uint32_t format;      /* WBPF_AOT_FORMAT */
	uint32_t abi_version; /* as in the note */
	uint8_t module_sha256[32];
	uint32_t nimports;
	const struct wbpf_aot_import *imports;
	uint32_t memory_pages; /* initial size of memory 0 (0: none) */

	/* An instance, or NULL with a one-line reason in err (it trapped
	 * while instantiating). host must outlive the instance. */
	void *(*instantiate)(const struct wbpf_aot_host *host, char *err, size_t err_sz);
	/* 0: _start returned; WBPF_AOT_TRAP: trapped or exited */
	int (*run_start)(void *inst);
	/* base and size of memory 0 (NULL/0 when none) */
	uint8_t *(*memory)(void *inst, uint64_t *size);
	/* 0 if table 0 entry idx is a (i32, i32, i32) -> i32 function, else
	 * -EINVAL */
	int (*check_cb)(void *inst, uint32_t idx);
	/* calls that entry: 0 and *ret, -EINVAL, or WBPF_AOT_TRAP */
	int (*call_cb)(void *inst, uint32_t idx, uint32_t a, uint32_t b, uint32_t c, int32_t *ret);
	/* frees the instance and puts the host's fault handlers back */
	void (*free)(void *inst);
};

#endif /* __WBPF_AOT_GLUE_H */
