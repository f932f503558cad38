// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "bitfields.h"

#define SEC(name) __attribute__((section(name), used))

struct bits g_bits;
struct packed_bits g_packed_bits;
union bit_union g_bit_union;

SEC("tp/syscalls/sys_enter_getpid")
int handle(void *ctx)
{
	return g_bits.b + g_packed_bits.e + g_bit_union.raw;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
