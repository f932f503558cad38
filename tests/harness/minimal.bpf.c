// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The smallest CO-RE program: counts getppid() calls in .bss. Used to test
 * the CMake helpers (vmlinux.h generation, BPF and wasm compiles). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct minimal_event {
	__u32 pid;
	__u64 calls;
};

__u64 calls = 0;
struct minimal_event last = {};

SEC("tp/syscalls/sys_enter_getppid")
int count_getppid(void *ctx)
{
	calls++;
	last.pid = bpf_get_current_pid_tgid() >> 32;
	last.calls = calls;
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
