// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The smallest CO-RE program: counts getppid() calls in .bss, and
 * getpgid(magic) calls, magic set in .rodata before load. Used to test the
 * CMake helpers (vmlinux.h generation, BPF and wasm compiles) and, built by
 * an outside project from an installed wbpf, the whole pipeline. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct minimal_event {
	__u32 pid;
	__u64 calls;
};

const volatile __u64 magic = 0;
__u64 calls = 0;
__u64 hits = 0;
struct minimal_event last = {};

SEC("tp/syscalls/sys_enter_getppid")
int count_getppid(void *ctx)
{
	calls++;
	last.pid = bpf_get_current_pid_tgid() >> 32;
	last.calls = calls;
	return 0;
}

SEC("tp/syscalls/sys_enter_getpgid")
int count_getpgid(struct trace_event_raw_sys_enter *ctx)
{
	if (magic && ctx->args[0] == magic)
		__sync_fetch_and_add(&hits, 1);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
