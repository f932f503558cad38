// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Ctrl-C reaching the guest's own signal() handler (run-signals.sh). Built
 * twice: signals.wasm with the SDK's export (wbpf_signal), and
 * signals_noexport.wasm with -DWBPF_TEST_NO_EXPORT, the way a module of the
 * original runtime looks (raw imports, no export). The handler counts and
 * prints; every mode prints "ready" once its handler is in place:
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
 */
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef WBPF_TEST_NO_EXPORT
#include <libbpf-wasm.h>
#endif
#include "test-abi.h"

#include "hostev.bpf.h"

static volatile sig_atomic_t exiting;
static volatile int handled, last_sig;

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
	printf("unknown mode '%s'\n", mode);
	return 100;
}
