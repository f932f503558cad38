// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* histogram: sizes of write() calls as a log2 distribution, kernel side.
 * The counts live in a hash map (one entry, key 0, as in bcc's runqlat)
 * that user space prints and clears every interval. An optional PID filter
 * is set in .rodata before load. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "histogram.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* set by user space before load: this process only (0: all) */
const volatile int targ_pid = 0;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

static struct hist zero;

/* floor(log2(v)), 0 for v == 0 */
static __always_inline u32 log2_u64(u64 v)
{
	u32 r = 0;
	int i;

	for (i = 32; i > 0; i >>= 1) {
		if (v >> i) {
			v >>= i;
			r += i;
		}
	}
	return r;
}

SEC("tp/syscalls/sys_enter_write")
int handle_write(struct trace_event_raw_sys_enter *ctx)
{
	u64 count = ctx->args[2];
	struct hist *histp;
	u32 key = 0, slot;

	if (targ_pid && targ_pid != (int)(bpf_get_current_pid_tgid() >> 32))
		return 0;

	histp = bpf_map_lookup_elem(&hists, &key);
	if (!histp) {
		bpf_map_update_elem(&hists, &key, &zero, BPF_NOEXIST);
		histp = bpf_map_lookup_elem(&hists, &key);
		if (!histp)
			return 0;
	}
	slot = log2_u64(count);
	if (slot >= MAX_SLOTS)
		slot = MAX_SLOTS - 1;
	__sync_fetch_and_add(&histp->slots[slot], 1);
	return 0;
}
