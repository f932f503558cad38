// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Explicit attach targets (tests/host/bpf/targets.bpf.c), driven by
 * run-targets.sh:
 *
 *   targets_test DIR TRIGGER CGROUP IFACE
 *
 * attaches every program to its target, prints "attached", waits for
 * DIR/go (the harness then sends UDP on IFACE, calls the trigger's
 * function N times and makes getpgid calls), prints the hit counts,
 * detaches one link by id, and exits without closing (the host cleans up).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "targets.bpf.h"
#include "targets.h"
#include "test-abi.h"

static const char *slot_name[TGT_SLOTS] = { "xdp",    "tc",	   "socket",	 "cgroup",
					    "uprobe", "uretprobe", "tracepoint", "raw_tracepoint" };

int main(int argc, char **argv)
{
	char target[512], path[512];
	uint64_t v;
	int64_t obj;
	int fd, i, xdp_link;
	uint32_t k;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 5)
		return 100;
	obj = wasm_load_bpf_object(targets_bpf_o, targets_bpf_o_len);
	CHECK(obj > 0, "load (handle %lld)", (long long)obj);

	xdp_link = wasm_bpf_program_attach(obj, "tgt_xdp", argv[4]);
	CHECK(xdp_link > 0, "xdp on %s (link %d)", argv[4], xdp_link);
	snprintf(target, sizeof(target), "%s:ingress", argv[4]);
	CHECK(wasm_bpf_program_attach(obj, "tgt_tc", target) > 0, "tc on %s", target);
	/* the original import with an explicit target */
	CHECK_EQ(wasm_attach_bpf_program(obj, "tgt_socket", argv[4]), 0,
		 "socket filter on an interface");
	CHECK(wasm_bpf_program_attach(obj, "tgt_cgroup", argv[3]) > 0, "cgroup_skb on %s", argv[3]);
	snprintf(target, sizeof(target), "%s:wbpf_trigger_func", argv[2]);
	CHECK(wasm_bpf_program_attach(obj, "tgt_uprobe", target) > 0, "uprobe on %s", target);
	CHECK(wasm_bpf_program_attach(obj, "tgt_uretprobe", target) > 0, "uretprobe on %s", target);
	CHECK(wasm_bpf_program_attach(obj, "tgt_tp", "syscalls:sys_enter_getpgid") > 0,
	      "tracepoint syscalls:sys_enter_getpgid");
	CHECK(wasm_bpf_program_attach(obj, "tgt_raw_tp", "sys_enter") > 0,
	      "raw tracepoint sys_enter");
	CHECK_EQ(wasm_bpf_program_attach(obj, "tgt_xdp", "no-such-if0"), -ENODEV,
		 "xdp on a missing interface");
	CHECK_EQ(wasm_bpf_program_attach(obj, "tgt_cgroup", "/no/such/cgroup"), -ENOENT,
		 "cgroup program on a missing cgroup");
	CHECK_EQ(wasm_bpf_program_attach(obj, "tgt_tc", "lo:sideways"), -EINVAL,
		 "tc with a direction that is neither ingress nor egress");
	CHECK_EQ(wasm_bpf_program_attach(obj, "tgt_uprobe", "no-colon"), -EINVAL,
		 "uprobe target without binary:function");
	printf("attached\n");

	snprintf(path, sizeof(path), "%s/go", argv[1]);
	for (i = 0; i < 600 && access(path, F_OK) != 0; i++)
		usleep(50000);

	fd = wasm_bpf_map_fd_by_name(obj, "hits");
	for (k = 0; k < TGT_SLOTS; k++) {
		v = 0;
		wasm_bpf_map_operate(fd, WBPF_MAP_LOOKUP_ELEM, &k, &v, NULL, 0);
		printf("hits %s %llu\n", slot_name[k], (unsigned long long)v);
	}
	CHECK_EQ(wasm_bpf_link_destroy(obj, xdp_link), 0, "detach the xdp link by id");
	CHECK_EQ(wasm_bpf_link_destroy(obj, xdp_link), -EBADF, "detach it again");
	printf("xdp detached\n");
	snprintf(path, sizeof(path), "%s/done", argv[1]);
	for (i = 0; i < 600 && access(path, F_OK) != 0; i++)
		usleep(50000);
	return test_failures;
}
