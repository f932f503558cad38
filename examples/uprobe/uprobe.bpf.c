// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* uprobe: a uprobe and a uretprobe on a user-space function, kernel side.
 * Both count in .bss (read live by user space) and report each call and
 * return through a ring buffer. The probed function is
 * int uprobed_add(int a, int b) of uprobe_target.c.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "uprobe.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

/* set by user space before load: trace this process only (0: all) */
const volatile int targ_pid = 0;

/* counters, read by user space while the programs run */
unsigned long long calls = 0;
unsigned long long returns = 0;

static bool traced(void)
{
	return !targ_pid || targ_pid == (int)(bpf_get_current_pid_tgid() >> 32);
}

static void emit(int kind, int a, int b, int ret)
{
	struct uprobe_event *e;

	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->kind = kind;
	e->a = a;
	e->b = b;
	e->ret = ret;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
}

SEC("uprobe")
int BPF_KPROBE(uprobe_add, int a, int b)
{
	if (!traced())
		return 0;
	__sync_fetch_and_add(&calls, 1);
	emit(UPROBE_ENTRY, a, b, 0);
	return 0;
}

SEC("uretprobe")
int BPF_KRETPROBE(uretprobe_add, int ret)
{
	if (!traced())
		return 0;
	__sync_fetch_and_add(&returns, 1);
	emit(UPROBE_RETURN, 0, 0, ret);
	return 0;
}
