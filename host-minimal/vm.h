/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The engine-neutral state of one running guest. Everything the ABI and
 * WASI handlers need is reached from struct wbpf_vm; the engine adapter is
 * behind vm->ops (engine.h). Nothing here knows which engine runs the guest.
 *
 * Host calls: an adapter turns every imported call into
 * wbpf_vm__dispatch(vm, import, args, ret). Handlers have one shape:
 *
 *	int handler(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret);
 *
 * args[i] holds parameter i (an i32 zero-extended, an i64 as is), ret[0] the
 * result. A handler returns 0, or WBPF_TRAP after wbpf_vm__trap() or
 * wbpf_vm__exit(): the adapter then unwinds the guest with an engine trap.
 */
#ifndef __WBPF_VM_H
#define __WBPF_VM_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct wbpf_engine;
struct wbpf_engine_ops;
struct wbpf_import;
struct wbpf_wasi;
struct wbpf_bpf;

/* A handler's "stop the guest" status (never a valid -errno). */
#define WBPF_TRAP 1

/* Exit status of the host when the guest traps (as wasmtime: abort's). */
#define WBPF_EXIT_TRAP 134

struct wbpf_vm {
	const struct wbpf_engine_ops *ops;
	struct wbpf_engine *engine;

	const char *wasm_path; /* for messages: "wasm-bpf: <path>: ..." */
	int module_fd;	       /* the module's open file (the AOT engine loads it), or -1 */
	int verbose;	       /* -v: libbpf debug log to stderr */

	/* Set when the guest must stop: a trap (trap_msg) or proc_exit. */
	bool trapped;
	bool exited;
	/* Set by an ABI handler whose negative result is already in the
	 * guest's errno numbering (a value returned by a guest callback). */
	bool ret_raw;
	int exit_code;
	char trap_msg[256];

	struct wbpf_wasi *wasi;
	struct wbpf_bpf *bpf;

	/* Host calls in progress (a guest callback's own host calls are
	 * nested in the buffer poll that called it). */
	int depth;
	/* The guest's signal function (wasm_bpf_set_signal_fn): a table
	 * entry, (i32, i32, i32) -> i32, called as fn(signal_ctx, 0, sig);
	 * 0 when none. */
	uint32_t signal_fn;
	uint32_t signal_ctx;
	/* The first SIGINT/SIGTERM went to it: it is passed on once. */
	bool signal_done;

	/* Host calls into libbpf hold this; it is released while the guest
	 * runs a callback, so the watchdog can clean up at any guest point. */
	pthread_mutex_t lock;

	/* The CLI's printer for one-line diagnostics (library code never
	 * prints): called with a message without the "wasm-bpf: file: "
	 * prefix and without a newline. */
	void (*note)(struct wbpf_vm *vm, const char *msg);
	/* The CLI's printer for libbpf's own messages under -v. */
	void (*log)(struct wbpf_vm *vm, const char *msg);
};

typedef int (*wbpf_host_fn)(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret);

int wbpf_vm__init(struct wbpf_vm *vm, const char *wasm_path);
/* Detaches and closes every BPF object and frees the WASI state. */
void wbpf_vm__cleanup(struct wbpf_vm *vm);

/* Record a trap with its reason; returns WBPF_TRAP for `return`. */
int wbpf_vm__trap(struct wbpf_vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* proc_exit: record the exit code; returns WBPF_TRAP. */
int wbpf_vm__exit(struct wbpf_vm *vm, int code);

/* A one-line diagnostic through vm->note (no-op without a printer). */
void wbpf_vm__notef(struct wbpf_vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Guest linear memory, re-read at every use: memory may grow and move
 * whenever the guest runs. */
uint8_t *wbpf_vm__mem(struct wbpf_vm *vm, uint64_t *size);

/* Call guest function-table entry `idx` as (i32, i32, i32) -> i32. The host
 * lock is released for the duration of the guest call. Returns 0 with the
 * result in *ret, -EINVAL if idx is not a function of that type, or
 * WBPF_TRAP if the guest trapped or exited (the vm holds why). */
int wbpf_vm__call_cb(struct wbpf_vm *vm, uint32_t idx, uint32_t a, uint32_t b, uint32_t c,
		     int32_t *ret);
/* 0 if table entry idx is a function of type (i32, i32, i32) -> i32, else
 * -EINVAL. */
int wbpf_vm__check_cb(struct wbpf_vm *vm, uint32_t idx);

/*
 * The single entry point of every imported call (ABI and WASI).
 *
 * It is also where the guest hears of SIGINT/SIGTERM (signals.h): the
 * first one is passed once to the signal function the guest registered
 * (vm->signal_fn; the SDK's calls wasi-libc's raise()), at a host call
 * that is not nested in a guest callback: before running the call when
 * the guest was computing, and after it, before it returns to the guest,
 * when the call was blocked (a sleep or a poll the signal ended, which
 * still returns early or -EINTR). A signal that comes before the guest
 * registers a function waits for it. Never from the signal handler, never
 * with vm->lock held, never while libbpf is in the middle of a buffer (a
 * callback's own host calls are nested: the poll that called it delivers
 * on its way out), so the guest's handler may call the host as any guest
 * code may.
 */
int wbpf_vm__dispatch(struct wbpf_vm *vm, const struct wbpf_import *imp, const uint64_t *args,
		      uint64_t *ret);

#ifdef __cplusplus
}
#endif

#endif /* __WBPF_VM_H */
