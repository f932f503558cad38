/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The boundary between the host and a WebAssembly engine. An engine adapter
 * is one small file that fills struct wbpf_engine_ops; the ABI, WASI and
 * CLI code only ever talk to the guest through it (and vm.h's wrappers).
 *
 * What an adapter must do:
 *  - load(): parse and validate the module; resolve every import with
 *    wbpf_import__find() and refuse, with a one-line reason in err, an
 *    import the host does not provide or one whose type differs from the
 *    table (wbpf_import__check()); instantiate; require a `_start` export.
 *    Every imported call goes to wbpf_vm__dispatch(); a WBPF_TRAP result
 *    becomes an engine trap carrying vm->trap_msg.
 *  - memory(): base and size of linear memory 0 (NULL/0 when none). The
 *    host re-reads it after every guest call and keeps no pointer across.
 *  - call_cb(): call table entry N as (i32, i32, i32) -> i32 from inside a
 *    host call, checking the entry exists and has that type; no allocation
 *    per call (this is the per-record path of ring/perf buffers, and how
 *    the guest's signal function is called).
 *  - run_start(): run `_start`.
 *
 * The ahead-of-time adapter (engine-aot.c) fits the same shape: the
 * module is a shared object made by wasm2c and cc (aot-compile.c), whose
 * generated glue (aot-gen.c, contract in aot-glue.h) forwards every import
 * to wbpf_vm__dispatch() and turns a WBPF_TRAP result into wasm_rt_trap().
 */
#ifndef __WBPF_ENGINE_H
#define __WBPF_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm.h"

#ifdef __cplusplus
extern "C" {
#endif

struct wbpf_engine_ops {
	const char *name;
	/* Calling the guest once per record is cheaper than a loop in the
	 * guest over a batch (WBPF_BUFFER_F_RECORD_FN): true for wabt's
	 * interpreter, whose calls from the host cost less than the wasm
	 * instructions of such a loop. */
	bool per_record;
	/* 0 and *out set, or -errno with a one-line reason in err. */
	int (*load)(struct wbpf_vm *vm, const void *bytes, size_t len, struct wbpf_engine **out,
		    char *err, size_t err_sz);
	/* 0: _start returned; WBPF_TRAP: the guest trapped or exited (the vm
	 * holds the reason or exit code). */
	int (*run_start)(struct wbpf_engine *e);
	uint8_t *(*memory)(struct wbpf_engine *e, uint64_t *size);
	/* 0 if entry idx is a (i32, i32, i32) -> i32 function, else -EINVAL
	 * (also while the module is being instantiated: its start function
	 * cannot hand out table entries) */
	int (*check_cb)(struct wbpf_engine *e, uint32_t idx);
	/* 0 and *ret, -EINVAL for a bad entry, WBPF_TRAP if the guest trapped
	 * (the reason is copied to vm->trap_msg) */
	int (*call_cb)(struct wbpf_engine *e, uint32_t idx, uint32_t a, uint32_t b, uint32_t c,
		       int32_t *ret);
	void (*free)(struct wbpf_engine *e);
};

/* wabt's interpreter (engine-interp.cc). */
extern const struct wbpf_engine_ops wbpf_engine_interp;
/* Ahead-of-time compiled modules (engine-aot.c): load() takes the bytes of
 * an .aot file, read from vm->module_fd. */
extern const struct wbpf_engine_ops wbpf_engine_aot;

#ifdef __cplusplus
}
#endif

#endif /* __WBPF_ENGINE_H */
