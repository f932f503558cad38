// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "pointers.h"

#define SEC(name) __attribute__((section(name), used))

struct pointers g_pointers;

SEC("tp/syscalls/sys_enter_getpid")
int handle(void *ctx)
{
	return g_pointers.tag;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
