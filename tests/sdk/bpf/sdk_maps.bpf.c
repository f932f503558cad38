// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Map element calls: iteration from the first key, per-CPU values. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "sdk_trigger.bpf.h"

struct sdk_val {
	__u64 a;
	__u32 b;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, struct sdk_val);
} sdk_mp_hash SEC(".maps");

/* counted here on the CPU the trigger ran on */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} sdk_mp_pcpu SEC(".maps");

/* written by the guest: a 4-byte value takes an 8-byte slot per CPU */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} sdk_mp_phash SEC(".maps");

SEC("tp/sched/sched_process_exec")
int sdk_mp_exec(void *ctx)
{
	__u32 key = 0;
	__u64 *v;

	if (!is_trigger())
		return 0;
	v = bpf_map_lookup_elem(&sdk_mp_pcpu, &key);
	if (v)
		*v += 1;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
