/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * SIGINT/SIGTERM: the first one asks the guest to stop (blocking polls
 * return -EINTR, sleeps return early, from then on) and runs the guest's
 * own signal() handler when the module registered a signal function
 * (wasm_bpf_set_signal_fn; at a safe point: wbpf_vm__dispatch() in vm.h);
 * a watchdog thread stops a guest that has not come back within the grace
 * period, or at a second signal, by detaching and closing everything and
 * exiting with 128 + signal.
 */
#ifndef __WBPF_SIGNALS_H
#define __WBPF_SIGNALS_H

#include <stdbool.h>

#include "vm.h"

/* Default grace period after the first signal. */
#define WBPF_GRACE_MS 3000

/* Installs the handlers (SIGPIPE is ignored: a closed pipe is EPIPE to the
 * guest). 0 or -errno. */
int wbpf_signal__install(void);
/* The first signal received, or 0. Async-signal-safe. */
int wbpf_signal__pending(void);
/* A descriptor that becomes readable at the first signal and stays so: add
 * it to every blocking wait. */
int wbpf_signal__fd(void);
/* A host signal's number in the guest's (wasi-libc's) numbering. */
int wbpf_signal__guest_number(int sig);

/* Starts the watchdog for vm; stop it when the guest has returned (before
 * the host's own cleanup). 0 or -errno. */
int wbpf_watchdog__start(struct wbpf_vm *vm, int grace_ms);
void wbpf_watchdog__stop(void);

#endif /* __WBPF_SIGNALS_H */
