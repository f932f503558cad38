// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Explicit attach targets: a uprobe by "binary:function", an XDP program
 * by interface name. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "sdk_trigger.bpf.h"

__u64 exit_calls;
__u64 xdp_packets;

/* libc's exit(), called by the trigger (a copy of /bin/true) */
SEC("uprobe")
int sdk_at_exit(void *ctx)
{
	if (is_trigger())
		__sync_fetch_and_add(&exit_calls, 1);
	return 0;
}

SEC("uretprobe")
int sdk_at_ret(void *ctx)
{
	return 0;
}

SEC("xdp")
int sdk_at_xdp(struct xdp_md *ctx)
{
	__sync_fetch_and_add(&xdp_packets, 1);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
