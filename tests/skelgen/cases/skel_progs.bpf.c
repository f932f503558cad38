// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Programs of many types, as libbpf classifies them from SEC(): some that
 * auto-attach, some that need a target (xdp, tc, socket, cgroup), one with
 * autoload off ("?"), a uprobe with its target in SEC(). One map shared.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} hits SEC(".maps");

static __always_inline int hit(__u32 i)
{
	__u64 *v = bpf_map_lookup_elem(&hits, &i);

	if (v)
		__sync_fetch_and_add(v, 1);
	return 0;
}

SEC("tp/sched/sched_process_exec")
int tp_exec(void *ctx)
{
	return hit(0);
}

SEC("raw_tp/sched_switch")
int raw_switch(void *ctx)
{
	return hit(1);
}

SEC("uprobe//bin/bash:readline")
int probe_readline(void *ctx)
{
	return hit(2);
}

SEC("uretprobe//bin/bash:readline")
int probe_readline_ret(void *ctx)
{
	return hit(3);
}

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	hit(4);
	return XDP_PASS;
}

SEC("tc")
int tc_ingress(struct __sk_buff *skb)
{
	hit(5);
	return 0;
}

SEC("socket")
int sock_filter(struct __sk_buff *skb)
{
	hit(6);
	return 0;
}

SEC("cgroup_skb/ingress")
int cg_ingress(struct __sk_buff *skb)
{
	hit(7);
	return 1;
}

SEC("?tp/syscalls/sys_enter_getpid")
int not_autoloaded(void *ctx)
{
	return hit(8);
}

SEC("kprobe/do_unlinkat")
int kprobe_unlink(void *ctx)
{
	return hit(9);
}

char LICENSE[] SEC("license") = "GPL";
