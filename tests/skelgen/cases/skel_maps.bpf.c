// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Maps of each common type and two programs using them. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct key {
	__u32 pid;
	__u32 cpu;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__type(key, struct key);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} totals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} pcpu_totals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} pcpu_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, struct key);
} recent SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

SEC("tp/syscalls/sys_enter_getpid")
int count_getpid(void *ctx)
{
	struct key k = { .pid = bpf_get_current_pid_tgid() >> 32,
			 .cpu = bpf_get_smp_processor_id() };
	__u32 zero = 0;
	__u64 one = 1, *v;

	bpf_map_update_elem(&counts, &k, &one, BPF_ANY);
	v = bpf_map_lookup_elem(&totals, &zero);
	if (v)
		__sync_fetch_and_add(v, 1);
	v = bpf_map_lookup_elem(&pcpu_totals, &zero);
	if (v)
		*v += 1;
	bpf_map_update_elem(&pcpu_counts, &k.pid, &k.cpu, BPF_ANY);
	bpf_map_update_elem(&recent, &k.pid, &k, BPF_ANY);
	return 0;
}

SEC("tp/syscalls/sys_exit_getpid")
int report_getpid(void *ctx)
{
	struct key k = { .pid = bpf_get_current_pid_tgid() >> 32 }, *e;

	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (e) {
		*e = k;
		bpf_ringbuf_submit(e, 0);
	}
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &k, sizeof(k));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
