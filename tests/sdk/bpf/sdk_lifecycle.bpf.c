// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Autoload off, set_max_entries, detaching one of two links. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "sdk_trigger.bpf.h"

__u64 count_a;
__u64 count_b;
__u64 count_off;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16); /* the guest makes it 4242 */
	__type(key, __u32);
	__type(value, __u64);
} sdk_lc_map SEC(".maps");

SEC("tp/sched/sched_process_exec")
int sdk_lc_a(void *ctx)
{
	if (is_trigger())
		__sync_fetch_and_add(&count_a, 1);
	return 0;
}

SEC("tp/sched/sched_process_exec")
int sdk_lc_b(void *ctx)
{
	__u32 key = 0;
	__u64 one = 1, *v;

	if (!is_trigger())
		return 0;
	__sync_fetch_and_add(&count_b, 1);
	v = bpf_map_lookup_elem(&sdk_lc_map, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&sdk_lc_map, &key, &one, BPF_NOEXIST);
	return 0;
}

/* the guest turns autoload off: it must never reach the kernel */
SEC("tp/sched/sched_process_exec")
int sdk_lc_off(void *ctx)
{
	if (is_trigger())
		__sync_fetch_and_add(&count_off, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
