// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Loads and attaches an object the kernel (or the user) cannot take, and
 * prints what the guest got back; run-errors.sh checks the host's one-line
 * explanation on stderr.
 *
 *   errors_test kprobe | fentry | lsm | tracepoint | capture
 *
 * capture: libbpf's messages kept for the guest (wasm_bpf_log_capture) and
 * read back with wasm_bpf_log_read, around the LSM load failure.
 */
#include <string.h>

#include "hostev.bpf.h"
#include "test-abi.h"
#include "unsup_fentry.bpf.h"
#include "unsup_kprobe.bpf.h"
#include "unsup_lsm.bpf.h"

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	int64_t obj;

	if (strcmp(what, "kprobe") == 0) {
		obj = wasm_load_bpf_object(unsup_kprobe_bpf_o, unsup_kprobe_bpf_o_len);
		printf("load: %s\n", obj > 0 ? "ok" : "failed");
		printf("attach: %d\n", wasm_attach_bpf_program(obj, "unsup_kprobe", NULL));
		return 0;
	}
	if (strcmp(what, "fentry") == 0) {
		obj = wasm_load_bpf_object(unsup_fentry_bpf_o, unsup_fentry_bpf_o_len);
		printf("load: %s\n", obj > 0 ? "ok" : "failed");
		return 0;
	}
	if (strcmp(what, "lsm") == 0) {
		obj = wasm_bpf_object_open(unsup_lsm_bpf_o, unsup_lsm_bpf_o_len);
		printf("open: %s\n", obj > 0 ? "ok" : "failed");
		printf("load: %d\n", wasm_bpf_object_load(obj));
		return 0;
	}
	if (strcmp(what, "tracepoint") == 0) {
		obj = wasm_bpf_object_open(hostev_bpf_o, hostev_bpf_o_len);
		printf("open: %lld\n", (long long)(obj > 0 ? 1 : obj));
		if (obj < 0)
			printf("open: %s\n", obj == -EPERM ? "-EPERM" : "other error");
		printf("load: %d\n", wasm_bpf_object_load(obj));
		printf("attach: %d\n", wasm_bpf_program_attach(obj, "hostev_getpgid", NULL) > 0);
		return 0;
	}
	if (strcmp(what, "capture") == 0) {
		char msg[512], tiny[8];
		int level, n = 0, failed = 0, debug = 0;

		CHECK_EQ(wasm_bpf_log_capture(1), 0, "capture on");
		obj = wasm_bpf_object_open(unsup_lsm_bpf_o, unsup_lsm_bpf_o_len);
		CHECK(wasm_bpf_object_load(obj) < 0, "the LSM object does not load");
		level = wasm_bpf_log_read(tiny, sizeof(tiny));
		CHECK(level >= 0 && level <= 2 && strlen(tiny) == sizeof(tiny) - 1,
		      "a message cut to the buffer (level %d, \"%s\")", level, tiny);
		while ((level = wasm_bpf_log_read(msg, sizeof(msg))) >= 0) {
			n++;
			debug += level == 2;
			failed += level == 0 &&
				  strstr(msg, "prog 'handle_rmdir': BPF program load failed");
		}
		CHECK_EQ(level, -ENOENT, "until none is left");
		CHECK(n > 1 && debug > 0, "messages captured (%d, %d debug)", n, debug);
		CHECK_EQ(failed, 1, "libbpf's warning about handle_rmdir among them");
		CHECK_EQ(wasm_bpf_log_capture(0), 0, "capture off");
		return test_failures;
	}
	return 100;
}
