// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "typedefs.h"

#define SEC(name) __attribute__((section(name), used))

struct typedefs g_typedefs;

SEC("tp/syscalls/sys_enter_getpid")
int handle(void *ctx)
{
	return g_typedefs.pid;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
