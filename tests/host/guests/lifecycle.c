// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * How a guest ends, and what the host leaves in the kernel after each way
 * (run-lifecycle.sh counts the program hostev_getpgid before and after).
 * Every mode loads and attaches tests/host/bpf/hostev.bpf.c, then:
 *
 *   close DIR     close the object while running: prints "attached", waits
 *                 for DIR/go, closes, prints "closed", waits for DIR/done
 *   loop          libbpf-bootstrap's loop: poll every 100 ms, printing a
 *                 numbered line per poll, until the poll says -EINTR; then
 *                 close and return 0
 *   sleep-loop    the same with sleep(1) between polls (Ctrl-C must not
 *                 wait for the sleep)
 *   stubborn      keeps polling whatever the poll says: the host must stop it
 *   spin          spins without calling the host: the host must stop it
 *   exit          exit(5) without closing anything
 *   return        return 0 from main without closing anything
 *   trap          execute `unreachable` without closing anything
 * (exit, return and trap first wait for DIR/go, so the test can see the
 * program in the kernel while the guest still runs)
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hostev.bpf.h"
#include "hostev.h"
#include "test-abi.h"

static int64_t obj;

static int on_event(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	(void)size;
	return 0;
}

static void wait_file(const char *dir, const char *name)
{
	char p[512];
	int i;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	for (i = 0; i < 600 && access(p, F_OK) != 0; i++)
		usleep(50000);
}

int main(int argc, char **argv)
{
	static char data[256];
	const char *mode = argc > 1 ? argv[1] : "";
	int64_t buf;
	int err, i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	obj = wasm_bpf_object_open(hostev_bpf_o, hostev_bpf_o_len);
	if (obj <= 0 || wasm_bpf_object_load(obj) ||
	    wasm_bpf_program_attach(obj, "hostev_getpgid", NULL) <= 0) {
		printf("setup failed\n");
		return 1;
	}
	buf = wasm_bpf_buffer_new(obj, wasm_bpf_map_fd_by_name(obj, "rb"),
				  (int32_t)(uintptr_t)on_event, 0, 0, 0);
	printf("attached\n");

	if (strcmp(mode, "close") == 0 && argc > 2) {
		wait_file(argv[2], "go");
		CHECK_EQ(wasm_close_bpf_object(obj), 0, "close");
		printf("closed\n");
		wait_file(argv[2], "done");
		return test_failures;
	}
	if (strcmp(mode, "loop") == 0 || strcmp(mode, "sleep-loop") == 0) {
		for (i = 0;; i++) {
			err = wasm_bpf_buffer_poll_id(obj, buf, data, sizeof(data), 100);
			/* Ctrl-C will cause -EINTR */
			if (err == -EINTR) {
				printf("poll %d: -EINTR, leaving the loop\n", i);
				break;
			}
			if (err < 0) {
				printf("poll %d: error %d\n", i, err);
				return 1;
			}
			printf("poll %d: %d records\n", i, err);
			if (strcmp(mode, "sleep-loop") == 0)
				sleep(1);
		}
		CHECK_EQ(wasm_close_bpf_object(obj), 0, "close after the loop");
		printf("clean exit\n");
		return test_failures;
	}
	if (strcmp(mode, "stubborn") == 0) {
		for (;;)
			wasm_bpf_buffer_poll_id(obj, buf, data, sizeof(data), 100);
	}
	if (strcmp(mode, "spin") == 0) {
		volatile unsigned long spin = 0;

		for (;;)
			spin++;
	}
	if (argc > 2)
		wait_file(argv[2], "go");
	if (strcmp(mode, "exit") == 0)
		exit(5);
	if (strcmp(mode, "return") == 0)
		return 0;
	if (strcmp(mode, "trap") == 0)
		__builtin_trap();
	return 100;
}
