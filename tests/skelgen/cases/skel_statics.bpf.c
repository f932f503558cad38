// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Sections holding only static variables (as runqlat's `static struct hist
 * zero` in .bss): libbpf does not map them into memory, so the skeleton has
 * no pointer for them, as bpftool's has none; .data keeps one.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct hist {
	__u32 slots[8];
	char comm[16];
};

static struct hist zero;
static __u64 calls;
int visible = 1;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct hist);
} hists SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	__u32 key = 0;

	calls++;
	visible += calls;
	bpf_map_update_elem(&hists, &key, &zero, BPF_NOEXIST);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
