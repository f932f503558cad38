// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Ctrl-C reaching the guest's own signal() handler (run-signals.sh). Built
 * twice: signals.wasm with the SDK, whose constructor registers its signal
 * function (wasm_bpf_set_signal_fn), and signals_noreg.wasm with
 * -DWBPF_TEST_NO_SDK, the way a module of the original runtime looks (raw
 * imports, nothing registered); and signals_oldhost.wasm with
 * -DWBPF_TEST_OLD_HOST, whose SDK sees an older host. The handler counts
 * and prints; every mode prints "ready" once its handler is in place:
 *
 *   sleep [DIR]   libbpf-tools' loop: sleep(30), then `if (exiting ||
 *                 --times == 0) break` (prints what `exiting` was at the
 *                 first wake); cleanup prints the count, and with
 *                 DIR writes it to DIR/cleanup.txt (stdio and the preopened
 *                 directory still work after the handler ran)
 *   nohandler     no handler (SIG_DFL): a sleep(30) still ends early, and
 *                 nothing aborts
 *   compute       computes between host calls (a clock read): the handler
 *                 runs at the next host call, never inside the computation
 *   stubborn      handler installed, then sleeps for ever whatever it says
 *   handler-spin  the handler itself never returns
 *   handler-exit  the handler calls exit(7)
 *   handler-trap  the handler executes `unreachable`
 *   poll          loads tests/host/bpf/hostev.bpf.c and blocks in a ring
 *                 buffer poll with no timeout until it returns -EINTR
 *   ctors         the program's own constructor counts its runs and an
 *                 atexit() handler prints: both must run once, the handler
 *                 at the real exit, not at the signal
 *   register      wasm_bpf_set_signal_fn itself: entries of other types
 *                 and past the table are -EINVAL; then the guest's own
 *                 function replaces the SDK's and is called as
 *                 fn(ctx, 0, sig)
 *   unregister    the SDK's function unregistered (0): the handler does
 *                 not run, the sleep still ends early
 */
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef WBPF_TEST_NO_SDK
#include <libbpf-wasm.h>
#endif
#include "test-abi.h"

#include "hostev.bpf.h"

#ifdef WBPF_TEST_OLD_HOST
/* signals_oldhost.wasm (-Wl,--wrap=wasm_bpf_abi_version): the SDK sees a
 * host of ABI version 3, which has no wasm_bpf_set_signal_fn */
int __wrap_wasm_bpf_abi_version(void)
{
	return 3;
}
#endif

static volatile sig_atomic_t exiting;
static volatile int handled, last_sig;
static volatile int ctor_runs;

/* A constructor of the program's own: it must run once, before main
 * (volatile, so that the compiler cannot fold it into a constant). */
__attribute__((constructor)) static void count_ctor(void)
{
	ctor_runs++;
	printf("constructor: run %d\n", ctor_runs);
}

static void sig_handler(int sig)
{
	handled++;
	last_sig = sig;
	exiting = true;
	printf("handler: signal %d (%d)\n", sig, handled);
}

static void spin_handler(int sig)
{
	volatile unsigned long n = 0;

	printf("handler: signal %d, spinning\n", sig);
	for (;;)
		n++;
}

static void trap_handler(int sig)
{
	printf("handler: signal %d, trapping\n", sig);
	__builtin_trap();
}

static void exit_handler(int sig)
{
	printf("handler: signal %d, exit(7)\n", sig);
	exit(7);
}

static void install(void (*fn)(int))
{
	signal(SIGINT, fn);
	signal(SIGTERM, fn);
	printf("ready\n");
}

static int cleanup(const char *dir)
{
	char path[512];
	FILE *f;

	printf("cleanup: the handler ran %d time(s), last signal %d\n", handled, last_sig);
	if (!dir)
		return 0;
	snprintf(path, sizeof(path), "%s/cleanup.txt", dir);
	f = fopen(path, "w");
	if (!f) {
		printf("cleanup: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fprintf(f, "handler ran %d time(s)\n", handled);
	return fclose(f) ? 1 : 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int mode_sleep(const char *dir)
{
	long times = 99999999, woke = 0;

	install(sig_handler);
	while (1) {
		sleep(30);
		if (!woke++)
			printf("woke: exiting = %d\n", (int)exiting);
		if (exiting || --times == 0)
			break;
	}
	return cleanup(dir);
}

static int mode_nohandler(void)
{
	double t0;

	printf("ready\n");
	t0 = now_s();
	sleep(30);
	printf("sleep ended %s\n", now_s() - t0 < 20 ? "early" : "after 30 s");
	return cleanup(NULL);
}

/* No host call in here: the guest is computing. */
static void work(void)
{
	volatile unsigned long n;

	for (n = 0; n < 100000; n++)
		;
}

static int mode_compute(void)
{
	unsigned long chunk;
	int before;

	install(sig_handler);
	for (chunk = 0; chunk < 1000000000; chunk++) {
		work();
		before = exiting;
		(void)time(NULL); /* a host call: clock_time_get */
		if (exiting) {
			printf("compute: the handler ran at the host call after the computation "
			       "(exiting before the call: %d)\n",
			       before);
			break;
		}
	}
	return cleanup(NULL);
}

static int on_event(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	(void)size;
	return 0;
}

static int mode_poll(void)
{
	static char data[256];
	int64_t obj, buf;
	int err;

	obj = wasm_bpf_object_open(hostev_bpf_o, hostev_bpf_o_len);
	if (obj <= 0 || wasm_bpf_object_load(obj) ||
	    wasm_bpf_program_attach(obj, "hostev_getpgid", NULL) <= 0) {
		printf("setup failed\n");
		return 1;
	}
	buf = wasm_bpf_buffer_new(obj, wasm_bpf_map_fd_by_name(obj, "rb"),
				  (int32_t)(uintptr_t)on_event, 0, 0, 0);
	install(sig_handler);
	do {
		err = wasm_bpf_buffer_poll_id(obj, buf, data, sizeof(data), -1);
	} while (err >= 0);
	printf("poll: %s, exiting = %d\n", err == -EINTR ? "-EINTR" : strerror(-err), (int)exiting);
	CHECK_EQ(wasm_close_bpf_object(obj), 0, "close after the poll");
	return cleanup(NULL) + test_failures;
}

static void at_exit(void)
{
	printf("atexit: handler ran %d time(s), constructor ran %d time(s)\n", handled, ctor_runs);
}

static void ctor_handler(int sig)
{
	sig_handler(sig);
	printf("handler: constructor ran %d time(s)\n", ctor_runs);
}

static int mode_ctors(void)
{
	atexit(at_exit);
	install(ctor_handler);
	while (!exiting)
		sleep(30);
	printf("main: constructor ran %d time(s), returning\n", ctor_runs);
	return 0;
}

#ifndef WBPF_TEST_NO_SDK
/* Not signal functions: their types are (i32) -> () and
 * (i32, i32, i32) -> (). */
static void one_arg(int a)
{
	printf("one_arg(%d)\n", a);
}

static void no_result(int a, int b, int c)
{
	printf("no_result(%d, %d, %d)\n", a, b, c);
}

static volatile int own_calls;

static int own_signal_fn(uint32_t ctx, uint32_t arg, int sig)
{
	own_calls++;
	exiting = true;
	printf("signal fn: ctx %u, arg %u, sig %d (%d)\n", ctx, arg, sig, own_calls);
	return 0;
}

static int mode_register(void)
{
	CHECK_EQ(wasm_bpf_set_signal_fn((int32_t)(uintptr_t)one_arg, 0), -EINVAL,
		 "an entry of type (i32) -> ()");
	CHECK_EQ(wasm_bpf_set_signal_fn((int32_t)(uintptr_t)no_result, 0), -EINVAL,
		 "an entry of type (i32, i32, i32) -> ()");
	CHECK_EQ(wasm_bpf_set_signal_fn(1 << 20, 0), -EINVAL, "an entry past the table");
	CHECK_EQ(wasm_bpf_set_signal_fn(-1, 0), -EINVAL, "entry -1");
	CHECK_EQ(wasm_bpf_set_signal_fn(0, 0), 0, "0 unregisters");
	CHECK_EQ(wasm_bpf_set_signal_fn((int32_t)(uintptr_t)own_signal_fn, 1234), 0,
		 "the guest's own function, ctx 1234");
	/* a signal() handler too: the SDK's function no longer raises it */
	install(sig_handler);
	while (!exiting)
		sleep(30);
	printf("register: own function called %d time(s), handler %d time(s)\n", own_calls,
	       handled);
	return test_failures;
}

static int mode_unregister(void)
{
	CHECK_EQ(wasm_bpf_set_signal_fn(0, 0), 0, "0 unregisters the SDK's function");
	install(sig_handler);
	sleep(30);
	printf("woke: exiting = %d\n", (int)exiting);
	return cleanup(NULL) + test_failures;
}
#endif /* WBPF_TEST_NO_SDK */

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(mode, "sleep") == 0)
		return mode_sleep(argc > 2 ? argv[2] : NULL);
	if (strcmp(mode, "nohandler") == 0)
		return mode_nohandler();
	if (strcmp(mode, "compute") == 0)
		return mode_compute();
	if (strcmp(mode, "stubborn") == 0) {
		install(sig_handler);
		for (;;)
			sleep(1);
	}
	if (strncmp(mode, "handler-", 8) == 0) {
		install(strcmp(mode, "handler-spin") == 0 ? spin_handler :
			strcmp(mode, "handler-trap") == 0 ? trap_handler :
							    exit_handler);
		for (;;)
			sleep(1);
	}
	if (strcmp(mode, "poll") == 0)
		return mode_poll();
	if (strcmp(mode, "ctors") == 0)
		return mode_ctors();
#ifndef WBPF_TEST_NO_SDK
	if (strcmp(mode, "register") == 0)
		return mode_register();
	if (strcmp(mode, "unregister") == 0)
		return mode_unregister();
#endif
	printf("unknown mode '%s'\n", mode);
	return 100;
}
