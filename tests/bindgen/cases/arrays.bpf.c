// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "arrays.h"

#define SEC(name) __attribute__((section(name), used))

struct arrays g_arrays;
struct zero_len g_zero_len;

SEC("tp/syscalls/sys_enter_getpid")
int handle(void *ctx)
{
	struct flex *f = ctx;

	return g_arrays.grid[1][2] + g_zero_len.after + f->items[0].x;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
