// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The benchmarks' producer: the driver's getppid() calls (it names itself
 * DRAIN_COMM) each send one fixed-size record, to a ring buffer or a perf
 * buffer, 64 B or 1 KiB, one program per kind (the consumer loads one);
 * and a hash map for the map operation benchmark.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "drain.h"

__u64 seq = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096); /* set by the consumer to hold every record */
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} pb SEC(".maps");

/* room for a 1 KiB perf record (more than the BPF stack) */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct drain_large);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} hmap SEC(".maps");

static __always_inline bool from_driver(void)
{
	/* words, not bytes: the verifier wants aligned stack accesses */
	union {
		char c[16];
		__u64 w[2];
	} comm, want = { .c = DRAIN_COMM };

	bpf_get_current_comm(comm.c, sizeof(comm.c));
	return comm.w[0] == want.w[0] && comm.w[1] == want.w[1];
}

static __always_inline void head(struct drain_head *h)
{
	h->seq = __sync_fetch_and_add(&seq, 1);
	h->value = h->seq + 1;
}

/* one record of size bytes (a constant: the verifier checks the reserve)
 * to the ring buffer; every record starts with its drain_head */
static __always_inline int ring_send(__u64 size)
{
	struct drain_head *h;

	if (!from_driver())
		return 0;
	h = bpf_ringbuf_reserve(&rb, size, 0);
	if (!h)
		return 0;
	head(h);
	bpf_ringbuf_submit(h, 0);
	return 0;
}

SEC("tp/syscalls/sys_enter_getppid")
int drain_ring_small(void *ctx)
{
	return ring_send(sizeof(struct drain_small));
}

SEC("tp/syscalls/sys_enter_getppid")
int drain_ring_large(void *ctx)
{
	return ring_send(sizeof(struct drain_large));
}

SEC("tp/syscalls/sys_enter_getppid")
int drain_perf_small(void *ctx)
{
	struct drain_small r = {};

	if (!from_driver())
		return 0;
	head(&r.h);
	bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, &r, sizeof(r));
	return 0;
}

SEC("tp/syscalls/sys_enter_getppid")
int drain_perf_large(void *ctx)
{
	struct drain_large *r;
	__u32 zero = 0;

	if (!from_driver())
		return 0;
	r = bpf_map_lookup_elem(&scratch, &zero);
	if (!r)
		return 0;
	head(&r->h);
	bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, r, sizeof(*r));
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
