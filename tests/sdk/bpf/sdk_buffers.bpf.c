// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Two ring buffers in one object (one with 16 KiB records) and a perf
 * buffer, all fed on each exec of the trigger. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "sdk_trigger.bpf.h"
#include "sdk_buffers.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} sdk_bf_rb1 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} sdk_bf_rb2 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} sdk_bf_perf SEC(".maps");

__u32 seq;

SEC("tp/sched/sched_process_exec")
int sdk_bf_exec(void *ctx)
{
	struct sdk_small small = {}, *s;
	struct sdk_big *big;
	__u32 i, n;

	if (!is_trigger())
		return 0;
	n = ++seq; /* triggers run one at a time */
	small.seq = n;
	small.pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(small.comm, sizeof(small.comm));

	s = bpf_ringbuf_reserve(&sdk_bf_rb1, sizeof(*s), 0);
	if (s) {
		*s = small;
		bpf_ringbuf_submit(s, 0);
	}
	big = bpf_ringbuf_reserve(&sdk_bf_rb2, sizeof(*big), 0);
	if (big) {
		big->seq = n;
		for (i = 0; i < SDK_BIG_WORDS; i++)
			big->words[i] = sdk_big_word(n, i);
		bpf_ringbuf_submit(big, 0);
	}
	bpf_perf_event_output(ctx, &sdk_bf_perf, BPF_F_CURRENT_CPU, &small, sizeof(small));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
