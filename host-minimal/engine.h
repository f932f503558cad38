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
 *    per call (this is the per-record path of ring/perf buffers).
 *  - run_start(): run `_start`.
 *
 * A wasm2c (ahead-of-time) adapter fits the same shape: its generated
 * import stubs expand the two .def tables and call wbpf_vm__dispatch();
 * a WBPF_TRAP result becomes wasm_rt_trap(); memory() reads the instance's
 * wasm_rt_memory_t; call_cb() checks the funcref table entry's type and
 * calls it; run_start() wraps the call in wasm_rt_impl_try().
 */
#ifndef __WBPF_ENGINE_H
#define __WBPF_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "vm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Linear memory a guest may have, in 64 KiB pages: 1 GiB. memory.grow past
 * it fails (returns -1) as the wasm spec allows. */
#define WBPF_MAX_MEMORY_PAGES 16384u

struct wbpf_engine_ops {
	const char *name;
	/* 0 and *out set, or -errno with a one-line reason in err. */
	int (*load)(struct wbpf_vm *vm, const void *bytes, size_t len, struct wbpf_engine **out,
		    char *err, size_t err_sz);
	/* 0: _start returned; WBPF_TRAP: the guest trapped or exited (the vm
	 * holds the reason or exit code). */
	int (*run_start)(struct wbpf_engine *e);
	uint8_t *(*memory)(struct wbpf_engine *e, uint64_t *size);
	/* 0 if entry idx is a (i32, i32, i32) -> i32 function, else -EINVAL */
	int (*check_cb)(struct wbpf_engine *e, uint32_t idx);
	/* 0 and *ret, -EINVAL for a bad entry, WBPF_TRAP if the guest trapped
	 * (the reason is copied to vm->trap_msg) */
	int (*call_cb)(struct wbpf_engine *e, uint32_t idx, uint32_t a, uint32_t b, uint32_t c,
		       int32_t *ret);
	void (*free)(struct wbpf_engine *e);
};

/* wabt's interpreter (engine-interp.cc). */
extern const struct wbpf_engine_ops wbpf_engine_interp;

#ifdef __cplusplus
}
#endif

#endif /* __WBPF_ENGINE_H */
