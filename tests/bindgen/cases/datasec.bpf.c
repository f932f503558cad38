// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "datasec.h"

#define SEC(name) __attribute__((section(name), used))

/* .bss */
struct stats totals;
static int hidden_counter;
char last_comm[3];
long events;

/* .data */
int verbose = 1;
static long hidden_seed = 42;
short level = 3;

/* .rodata */
const volatile unsigned long long min_duration_ns = 1000;
const volatile int target_pid = 0;
static const volatile char hidden_flag = 1;

SEC("tp/syscalls/sys_enter_getpid")
int handle(void *ctx)
{
	hidden_counter++;
	hidden_seed += hidden_flag;
	events += totals.count + last_comm[0] + verbose + level + min_duration_ns + target_pid +
		  hidden_seed;
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
