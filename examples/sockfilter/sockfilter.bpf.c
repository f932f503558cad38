// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* sockfilter: a socket filter on a raw socket bound to one interface, kernel
 * side. Every IPv4 packet's protocol, addresses and ports go to user space
 * through a ring buffer; the filter keeps no packet for the socket itself.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "sockfilter.h"

#define ETH_HLEN    14
#define ETH_P_IP    0x0800
#define IP_MF	    0x2000
#define IP_OFFSET   0x1FFF
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

static __always_inline bool ip_is_fragment(struct __sk_buff *skb, u32 nhoff)
{
	u16 frag_off;

	bpf_skb_load_bytes(skb, nhoff + offsetof(struct iphdr, frag_off), &frag_off, 2);
	frag_off = bpf_ntohs(frag_off);
	return frag_off & (IP_MF | IP_OFFSET);
}

SEC("socket")
int socket_handler(struct __sk_buff *skb)
{
	u32 nhoff = ETH_HLEN;
	struct so_event *e;
	u16 proto, ports[2];
	u8 verlen, ip_proto;

	if (bpf_skb_load_bytes(skb, 12, &proto, 2) < 0)
		return 0;
	if (bpf_ntohs(proto) != ETH_P_IP)
		return 0;
	if (ip_is_fragment(skb, nhoff))
		return 0;
	if (bpf_skb_load_bytes(skb, nhoff + offsetof(struct iphdr, protocol), &ip_proto, 1) < 0)
		return 0;

	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->ip_proto = ip_proto;
	e->src_addr = 0;
	e->dst_addr = 0;
	e->src_port = 0;
	e->dst_port = 0;
	bpf_skb_load_bytes(skb, nhoff + offsetof(struct iphdr, saddr), &e->src_addr, 4);
	bpf_skb_load_bytes(skb, nhoff + offsetof(struct iphdr, daddr), &e->dst_addr, 4);
	if (ip_proto == IPPROTO_TCP || ip_proto == IPPROTO_UDP) {
		bpf_skb_load_bytes(skb, nhoff, &verlen, 1);
		if (bpf_skb_load_bytes(skb, nhoff + ((verlen & 0xF) << 2), ports, 4) == 0) {
			e->src_port = ports[0];
			e->dst_port = ports[1];
		}
	}
	e->pkt_type = skb->pkt_type;
	e->len = skb->len;
	bpf_ringbuf_submit(e, 0);

	/* 0: the raw socket keeps nothing; it only exists to run the filter */
	return 0;
}
