// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "padding.h"

#define SEC(name) __attribute__((section(name), used))

struct gaps g_gaps;
struct tail g_tail;
struct lp64_gap g_lp64_gap;
struct holds_packed g_holds_packed;
struct holds_packed_aligned g_holds_packed_aligned;
struct holds_over g_holds_over;
struct member_aligned g_member_aligned;

SEC("tp/syscalls/sys_enter_getpid")
int handle(void *ctx)
{
	return g_gaps.d + g_tail.b;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
