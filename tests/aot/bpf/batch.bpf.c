// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Events for the batch delivery tests: every getpgid(magic + seq) sends a
 * record to the ring buffer (discarded for some seq, 300 KiB for one) and
 * one to the perf buffer.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "batch.h"

const volatile __u64 magic = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 22);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} pb SEC(".maps");

SEC("tp/syscalls/sys_enter_getpgid")
int batch_getpgid(struct trace_event_raw_sys_enter *ctx)
{
	struct batch_event e = {}, *r;
	__u64 arg = ctx->args[0];
	__u8 *big;

	if (!magic || arg < magic || arg >= magic + BATCH_SPAN)
		return 0;
	e.seq = arg - magic;
	e.magic = magic;
	bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, &e, sizeof(e));
	if (e.seq == BATCH_BIG_SEQ) {
		big = bpf_ringbuf_reserve(&rb, BATCH_BIG_SIZE, 0);
		if (!big)
			return 0;
		__builtin_memcpy(big, &e, sizeof(e));
		*(__u64 *)(big + BATCH_BIG_SIZE - 8) = e.seq ^ BATCH_BIG_TAG;
		bpf_ringbuf_submit(big, 0);
		return 0;
	}
	r = bpf_ringbuf_reserve(&rb, sizeof(*r), 0);
	if (!r)
		return 0;
	*r = e;
	if (e.seq % BATCH_DISCARD_EVERY == BATCH_DISCARD_AT)
		bpf_ringbuf_discard(r, 0);
	else
		bpf_ringbuf_submit(r, 0);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
