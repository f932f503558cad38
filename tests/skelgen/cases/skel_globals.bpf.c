// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Global data of every kind: .rodata, .data, .bss, custom .data.foo and
 * .rodata.bar sections, statics (bytes kept, not named), a struct with a
 * pointer and a long (64-bit on the BPF side, 32-bit natively on wasm32),
 * arrays, and .kconfig externs.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct config {
	__u32 pid;
	__u64 min_ns;
	char comm[16];
	void *cookie;
	long count;
	__u8 flag;
};

enum mode {
	MODE_OFF = 0,
	MODE_ON = 1,
	MODE_LOUD = 7,
};

const volatile __u64 min_duration_ns = 0;
const volatile struct config cfg = {};
const volatile __u32 targ_pids[4] = {};
const volatile enum mode mode = MODE_OFF;
static const volatile __u16 hidden_rodata = 3;

int data_counter = 7;
char data_msg[12] = "hello";
static int data_hidden = 3;
__u8 data_tail = 1;

__u64 bss_events;
long bss_long;
void *bss_ptr;
struct config bss_cfg;
static __u32 bss_hidden;
__u16 bss_small;

int foo_val SEC(".data.foo") = 1;
__u64 foo_big SEC(".data.foo") = 2;
const volatile char bar_name[10] SEC(".rodata.bar") = "bar";

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_HZ __kconfig __weak;

SEC("raw_tp/sched_switch")
int on_switch(void *ctx)
{
	bss_events += min_duration_ns + cfg.min_ns + targ_pids[0] + mode + hidden_rodata;
	bss_hidden += data_hidden + data_counter + data_msg[0] + data_tail;
	bss_long = LINUX_KERNEL_VERSION + CONFIG_HZ + foo_val + foo_big + bar_name[0];
	bss_small = bss_hidden;
	bss_ptr = ctx;
	bss_cfg.count = bss_events;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
