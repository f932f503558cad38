// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* One program, no maps, no globals. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("tp/syscalls/sys_enter_getpid")
int on_getpid(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
