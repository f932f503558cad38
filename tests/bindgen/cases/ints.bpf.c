// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "ints.h"

#define SEC(name) __attribute__((section(name), used))

struct ints g_ints;
struct wide g_wide;
struct ldouble g_ldouble;

SEC("tp/syscalls/sys_enter_getpid")
int handle(void *ctx)
{
	return g_ints.i + g_wide.after + g_ldouble.tag;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
