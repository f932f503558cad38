/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Guest SDK: Ctrl-C reaches the program's own signal handler.
 *
 * WASI has no signals. wasi-libc emulates signal() and raise() inside the
 * module (-D_WASI_EMULATED_SIGNAL, -lwasi-emulated-signal), so a handler
 * installed with signal(SIGINT, sig_handler) runs when the module raises
 * the signal itself. A constructor here registers the function through
 * which the host does that (wasm_bpf_set_signal_fn, ABI version 4): at the
 * first SIGINT or SIGTERM it receives, wasm-bpf calls it through the
 * function table with the signal's number (wasi-libc's numbers are
 * Linux's: SIGINT 2, SIGTERM 15), from inside the host call the guest is
 * blocked in (a sleep, a buffer poll) before that call returns, or at the
 * guest's next host call. So libbpf-tools' loop
 *
 *	signal(SIGINT, sig_handler);	// sig_handler sets `exiting`
 *	while (1) {
 *		sleep(env.interval);
 *		...
 *		if (exiting || --env.times == 0)
 *			break;
 *	}
 *
 * works as natively: the handler runs, then the sleep returns early.
 *
 * Through the table, not an export: wasm-ld (LLVM 14) wraps every export
 * of a command module so that calling it runs the module's constructors
 * again first and its atexit() handlers after; a table entry is called as
 * it is, as buffer callbacks are.
 *
 * With no handler installed (SIG_DFL), this does nothing: wasi-libc's
 * default action for SIGINT would print "Program recieved fatal signal"
 * and abort, a trap, where the host's own handling keeps polls returning
 * -EINTR, sleeps ending early and the watchdog stopping a guest that does
 * not end. docs/abi.md has the whole contract.
 *
 * Every file of the module that includes the SDK has its own static
 * constructor; the first to run registers, the others see the shared flag
 * (wbpf_sdk_state, a weak definition) and do nothing. On a host older than
 * ABI version 4 nothing is registered and nothing is said. Left out when
 * the module is built without wasi-libc's signal emulation, where no
 * handler can be installed and <signal.h> is an error.
 *
 * Part of the guest SDK: include <libbpf-wasm.h>, not this file.
 */
#ifndef __WBPF_SDK_SIGNAL_H
#define __WBPF_SDK_SIGNAL_H

#ifndef __LIBBPF_WASM_H
#error "include <libbpf-wasm.h>, not wbpf-sdk-signal.h"
#endif

#ifdef _WASI_EMULATED_SIGNAL
#include <signal.h>

/* The first wasm_bpf ABI version with wasm_bpf_set_signal_fn. */
#define WBPF_SDK_ABI_SIGNAL_FN 4

/* Called by the host as fn(ctx, 0, sig): raises sig when the program has a
 * handler for it. */
static int wbpf_sdk_signal_fn(uint32_t ctx, uint32_t unused, int sig)
{
	void (*handler)(int);

	(void)ctx;
	(void)unused;
	/* wasi-libc's signal() returns the handler it replaces: read it,
	 * put it back */
	handler = signal(sig, SIG_DFL);
	if (handler == SIG_ERR)
		return 0;
	signal(sig, handler);
	if (handler != SIG_DFL && handler != SIG_IGN)
		raise(sig);
	return 0;
}

__attribute__((constructor)) static void wbpf_sdk_signal_init(void)
{
	if (wbpf_sdk_state.signal_fn_set)
		return;
	wbpf_sdk_state.signal_fn_set = true;
	if (wasm_bpf_abi_version() >= WBPF_SDK_ABI_SIGNAL_FN)
		wasm_bpf_set_signal_fn((int32_t)(uintptr_t)wbpf_sdk_signal_fn, 0);
}
#endif /* _WASI_EMULATED_SIGNAL */

#endif /* __WBPF_SDK_SIGNAL_H */
