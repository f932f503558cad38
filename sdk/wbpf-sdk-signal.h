/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Guest SDK: Ctrl-C reaches the program's own signal handler.
 *
 * WASI has no signals. wasi-libc emulates signal() and raise() inside the
 * module (-D_WASI_EMULATED_SIGNAL, -lwasi-emulated-signal), so a handler
 * installed with signal(SIGINT, sig_handler) runs when the module raises
 * the signal itself. This file exports the function through which the host
 * does that: at the first SIGINT or SIGTERM it receives, wasm-bpf calls the
 * export WBPF_SIGNAL_EXPORT ("wbpf_signal", type (i32) -> ()) with the
 * signal's number (wasi-libc's numbers are Linux's: SIGINT 2, SIGTERM 15),
 * from inside the host call the guest is blocked in (a sleep, a buffer
 * poll) before that call returns, or at the guest's next host call. So
 * libbpf-tools' loop
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
 * With no handler installed (SIG_DFL), this does nothing: wasi-libc's
 * default action for SIGINT would print "Program recieved fatal signal"
 * and abort, a trap, where the host's own handling keeps polls returning
 * -EINTR, sleeps ending early and the watchdog stopping a guest that does
 * not end. docs/abi.md has the whole contract.
 *
 * A definition in a header: weak, so that every file of the module may
 * include the SDK and the linker keeps one. Not static inline, unlike the
 * rest of the SDK: an export must be an external function. Left out when
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

void wbpf_signal(int sig);

__attribute__((weak, export_name(WBPF_SIGNAL_EXPORT))) void wbpf_signal(int sig)
{
	void (*handler)(int);

	/* wasi-libc's signal() returns the handler it replaces: read it,
	 * put it back */
	handler = signal(sig, SIG_DFL);
	if (handler == SIG_ERR)
		return;
	signal(sig, handler);
	if (handler != SIG_DFL && handler != SIG_IGN)
		raise(sig);
}
#endif /* _WASI_EMULATED_SIGNAL */

#endif /* __WBPF_SDK_SIGNAL_H */
