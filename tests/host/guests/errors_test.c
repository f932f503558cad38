// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Loads and attaches an object the kernel (or the user) cannot take, and
 * prints what the guest got back; run-errors.sh checks the host's one-line
 * explanation on stderr.
 *
 *   errors_test kprobe | fentry | lsm | tracepoint
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
	return 100;
}
