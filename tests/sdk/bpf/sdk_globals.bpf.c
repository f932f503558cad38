// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Globals: .rodata set before load, .data written live, .bss read live. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "sdk_trigger.bpf.h"

const volatile __u32 step_mul = 1;		    /* .rodata: the guest sets 3 */
int data_step = 1;				    /* .data: the guest sets 2, then 10 live */
__u64 exec_count;				    /* .bss: counted here, read by the guest */
__u64 exec_sum;					    /* .bss: sum of data_step * step_mul */
static __u32 hidden_calls;			    /* a static: its bytes are kept, unnamed */
__u64 foo_count SEC(".data.foo") = 1000;	    /* a custom data section */
extern unsigned int LINUX_KERNEL_VERSION __kconfig; /* .kconfig, filled by libbpf */
__u32 kver_seen;

SEC("tp/sched/sched_process_exec")
int sdk_gl_exec(void *ctx)
{
	if (!is_trigger())
		return 0;
	hidden_calls++;
	kver_seen = LINUX_KERNEL_VERSION;
	__sync_fetch_and_add(&exec_count, 1);
	__sync_fetch_and_add(&exec_sum, (__u64)data_step * step_mul);
	__sync_fetch_and_add(&foo_count, hidden_calls ? 1 : 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
