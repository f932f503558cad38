// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* minimal: counts the programs started on this machine, kernel side. A
 * tracepoint program bumps a global variable (in .bss) that user space
 * reads while the program runs. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "minimal.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* read by user space, live */
unsigned long long execs = 0;
int last_pid = 0;
char last_comm[TASK_COMM_LEN] = {};

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	__sync_fetch_and_add(&execs, 1);
	last_pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(last_comm, sizeof(last_comm));
	return 0;
}
