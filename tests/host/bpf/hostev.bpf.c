// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Events on demand for the host's kernel tests: every getpgid(magic + seq)
 * (tests/host/trigger.c makes them) is counted in .bss, in a per-CPU array
 * and in a hash keyed by seq, and sent to a ring or perf buffer as the
 * guest's .data `mode` says. `magic` (.rodata) is set by the guest before
 * load, so concurrent runs never see each other's events.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "hostev.h"

const volatile __u64 magic = 0;
__u64 seen = 0;
__u32 mode = HOSTEV_MODE_SMALL;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 23);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} rb2 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} pb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u64);
} seqs SEC(".maps");

/* a 4-byte value: per-CPU slots are rounded up to 8 bytes */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} pcpu SEC(".maps");

SEC("tp/syscalls/sys_enter_getpgid")
int hostev_getpgid(struct trace_event_raw_sys_enter *ctx)
{
	struct hostev_event e = {};
	__u64 arg = ctx->args[0], val;
	__u32 seq, zero = 0, *cnt;
	__u8 *big;

	if (!magic || arg < magic || arg >= magic + HOSTEV_SPAN)
		return 0;
	seq = arg - magic;
	__sync_fetch_and_add(&seen, 1);
	val = (__u64)seq + 1;
	bpf_map_update_elem(&seqs, &seq, &val, BPF_ANY);
	cnt = bpf_map_lookup_elem(&pcpu, &zero);
	if (cnt)
		*cnt += 1;

	e.seq = seq;
	e.cpu = bpf_get_smp_processor_id();
	e.magic = magic;
	if (mode == HOSTEV_MODE_SMALL) {
		bpf_ringbuf_output(&rb, &e, sizeof(e), 0);
	} else if (mode == HOSTEV_MODE_BIG) {
		big = bpf_ringbuf_reserve(&rb, HOSTEV_BIG_SIZE, 0);
		if (!big)
			return 0;
		__builtin_memcpy(big, &e, sizeof(e));
		*(__u64 *)(big + HOSTEV_BIG_SIZE - 8) = seq ^ HOSTEV_BIG_TAG;
		bpf_ringbuf_submit(big, 0);
	} else if (mode == HOSTEV_MODE_TWO) {
		if (seq & 1)
			bpf_ringbuf_output(&rb2, &e, sizeof(e), 0);
		else
			bpf_ringbuf_output(&rb, &e, sizeof(e), 0);
	} else if (mode == HOSTEV_MODE_PERF) {
		bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, &e, sizeof(e));
	}
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
