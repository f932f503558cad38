// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "nested.h"

#define SEC(name) __attribute__((section(name), used))

struct outer g_outer;

SEC("tp/syscalls/sys_enter_getpid")
int handle(void *ctx)
{
	return g_outer.last;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
