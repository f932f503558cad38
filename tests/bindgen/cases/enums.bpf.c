// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#define NO_ENUM64
#include "enums.h"

#define SEC(name) __attribute__((section(name), used))

struct enums g_enums;

SEC("tp/syscalls/sys_enter_getpid")
int handle(void *ctx)
{
	return g_enums.c;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
