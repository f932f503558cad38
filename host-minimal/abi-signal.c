// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wasm_bpf_set_signal_fn: the guest's function for SIGINT/SIGTERM. It is a
 * function-table entry, called as buffer callbacks are (wbpf_vm__dispatch
 * delivers the signal), not an export: wasm-ld wraps a command module's
 * exports so that each call runs the constructors again and the atexit()
 * handlers after.
 */
#include <errno.h>

#include "imports.h"
#include "vm.h"

int wbpf_abi_wasm_bpf_set_signal_fn(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	uint32_t fn = (uint32_t)args[0], ctx = (uint32_t)args[1];

	/* checked now, so that a wrong entry is the guest's error at once and
	 * not a handler that silently never runs */
	if (fn && wbpf_vm__check_cb(vm, fn)) {
		*ret = (uint32_t)-EINVAL;
		return 0;
	}
	vm->signal_fn = fn;
	vm->signal_ctx = ctx;
	*ret = 0;
	return 0;
}
