// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * One program per kind of explicit attach target, each counting its hits in
 * `hits` (index = enum target_slot): XDP and tc on an interface, a socket
 * filter, a cgroup program, a uprobe and a uretprobe on the trigger binary,
 * a tracepoint and a raw tracepoint named by the guest.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "targets.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, TGT_SLOTS);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

static __always_inline void hit(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &slot);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("xdp")
int tgt_xdp(struct xdp_md *ctx)
{
	hit(TGT_XDP);
	return XDP_PASS;
}

SEC("tc")
int tgt_tc(struct __sk_buff *skb)
{
	hit(TGT_TC);
	return 0; /* TC_ACT_OK */
}

SEC("socket")
int tgt_socket(struct __sk_buff *skb)
{
	hit(TGT_SOCKET);
	return 0; /* keep nothing: the host never reads this socket */
}

SEC("cgroup_skb/egress")
int tgt_cgroup(struct __sk_buff *skb)
{
	hit(TGT_CGROUP);
	return 1; /* let every packet through */
}

SEC("uprobe")
int tgt_uprobe(void *ctx)
{
	hit(TGT_UPROBE);
	return 0;
}

SEC("uretprobe")
int tgt_uretprobe(void *ctx)
{
	hit(TGT_URETPROBE);
	return 0;
}

SEC("tracepoint")
int tgt_tp(void *ctx)
{
	hit(TGT_TP);
	return 0;
}

SEC("raw_tracepoint")
int tgt_raw_tp(void *ctx)
{
	hit(TGT_RAW_TP);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
