// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The engine-neutral core: traps, memory, callbacks and the dispatcher every
 * imported call goes through. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bpf-state.h"
#include "engine.h"
#include "errno-wasi.h"
#include "imports.h"
#include "signals.h"
#include "vm.h"
#include "wasi.h"

int wbpf_vm__init(struct wbpf_vm *vm, const char *wasm_path)
{
	memset(vm, 0, sizeof(*vm));
	vm->wasm_path = wasm_path;
	vm->module_fd = -1;
	vm->ops = &wbpf_engine_interp;
	return -pthread_mutex_init(&vm->lock, NULL);
}

void wbpf_vm__cleanup(struct wbpf_vm *vm)
{
	pthread_mutex_lock(&vm->lock);
	wbpf_bpf__free(vm);
	pthread_mutex_unlock(&vm->lock);
	wbpf_wasi__free(vm->wasi);
	vm->wasi = NULL;
	if (vm->engine)
		vm->ops->free(vm->engine);
	vm->engine = NULL;
}

int wbpf_vm__trap(struct wbpf_vm *vm, const char *fmt, ...)
{
	va_list ap;

	if (!vm->trapped && !vm->exited) {
		va_start(ap, fmt);
		vsnprintf(vm->trap_msg, sizeof(vm->trap_msg), fmt, ap);
		va_end(ap);
		vm->trapped = true;
	}
	return WBPF_TRAP;
}

int wbpf_vm__exit(struct wbpf_vm *vm, int code)
{
	if (!vm->trapped && !vm->exited) {
		vm->exited = true;
		vm->exit_code = code;
		snprintf(vm->trap_msg, sizeof(vm->trap_msg), "exit(%d)", code);
	}
	return WBPF_TRAP;
}

void wbpf_vm__notef(struct wbpf_vm *vm, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!vm->note)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	vm->note(vm, msg);
}

uint8_t *wbpf_vm__mem(struct wbpf_vm *vm, uint64_t *size)
{
	if (!vm->engine) {
		*size = 0;
		return NULL;
	}
	return vm->ops->memory(vm->engine, size);
}

int wbpf_vm__check_cb(struct wbpf_vm *vm, uint32_t idx)
{
	if (!vm->engine)
		return -EINVAL;
	return vm->ops->check_cb(vm->engine, idx);
}

int wbpf_vm__call_cb(struct wbpf_vm *vm, uint32_t idx, uint32_t a, uint32_t b, uint32_t c,
		     int32_t *ret)
{
	int err;

	if (!vm->engine)
		return -EINVAL;
	/* The guest may run for as long as it likes: let the watchdog in. */
	pthread_mutex_unlock(&vm->lock);
	err = vm->ops->call_cb(vm->engine, idx, a, b, c, ret);
	pthread_mutex_lock(&vm->lock);
	return err;
}

/* ABI results are -errno in the guest's own numbering (wasi-libc's E*
 * constants), so `err == -EINTR` in the guest means what it says. */
static void abi_result_to_guest(const struct wbpf_import *imp, uint64_t *ret)
{
	if (imp->results[0] == 'i') {
		int32_t v = (int32_t)(uint32_t)*ret;

		if (v < 0)
			*ret = (uint32_t)-wbpf_errno__to_wasi(-v);
	} else if (imp->results[0] == 'I') {
		int64_t v = (int64_t)*ret;

		if (v < 0 && v >= -4095)
			*ret = (uint64_t)(int64_t)-wbpf_errno__to_wasi((int)-v);
	}
}

/* The first SIGINT/SIGTERM to the guest's signal function, once (see
 * wbpf_vm__dispatch in vm.h), called as a buffer callback is: 0, or
 * WBPF_TRAP if the guest trapped or exited in its handler. */
static int deliver_signal(struct wbpf_vm *vm)
{
	int sig, err;
	int32_t ret;

	if (!vm->signal_fn || vm->signal_done)
		return 0;
	sig = wbpf_signal__pending();
	if (!sig)
		return 0;
	vm->signal_done = true;
	/* the handler's own host calls are nested in this one; vm->lock is
	 * not held here, so not wbpf_vm__call_cb() */
	vm->depth++;
	err = vm->ops->call_cb(vm->engine, vm->signal_fn, vm->signal_ctx, 0,
			       (uint32_t)wbpf_signal__guest_number(sig), &ret);
	vm->depth--;
	/* checked when it was registered: only a guest that rewrote its
	 * table gets here */
	if (err == -EINVAL)
		wbpf_vm__notef(vm,
			       "the guest's signal function (table entry %u) is not a function "
			       "(i32, i32, i32) -> i32 any more: its handler did not run",
			       vm->signal_fn);
	return err == WBPF_TRAP ? WBPF_TRAP : 0;
}

static int run_import(struct wbpf_vm *vm, const struct wbpf_import *imp, const uint64_t *args,
		      uint64_t *ret)
{
	int err;

	if (imp->kind == WBPF_IMPORT_WASI) {
		if (!wbpf_bpf__has_mirrors(vm))
			return imp->fn(vm, args, ret);
		pthread_mutex_lock(&vm->lock);
		wbpf_bpf__sync_mirrors(vm);
		pthread_mutex_unlock(&vm->lock);
		err = imp->fn(vm, args, ret);
		if (!err) {
			pthread_mutex_lock(&vm->lock);
			wbpf_bpf__sync_mirrors(vm);
			pthread_mutex_unlock(&vm->lock);
		}
		return err;
	}

	pthread_mutex_lock(&vm->lock);
	wbpf_bpf__sync_mirrors(vm);
	vm->ret_raw = false;
	err = imp->fn(vm, args, ret);
	if (!err) {
		wbpf_bpf__sync_mirrors(vm);
		if (!vm->ret_raw)
			abi_result_to_guest(imp, ret);
	}
	pthread_mutex_unlock(&vm->lock);
	return err;
}

int wbpf_vm__dispatch(struct wbpf_vm *vm, const struct wbpf_import *imp, const uint64_t *args,
		      uint64_t *ret)
{
	bool outer = vm->depth == 0;
	int err;

	/* the guest was computing when the signal came */
	if (outer) {
		err = deliver_signal(vm);
		if (err)
			return err;
	}
	vm->depth++;
	err = run_import(vm, imp, args, ret);
	/* the call was blocked when it came: the handler runs before the
	 * sleep or poll returns */
	if (!err && outer)
		err = deliver_signal(vm);
	vm->depth--;
	return err;
}
