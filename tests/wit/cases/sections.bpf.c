// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf2wit case: global-data sections as records (-t .rodata -t .bss
 * -t .data), the way a guest mirrors them, next to a struct they hold.
 */
#define SEC(name) __attribute__((section(name), used))

struct config {
	int verbose;
	unsigned long long min_ns;
};

const volatile struct config cfg = {};
const volatile int target_pid = 0;

unsigned long long counter;
char last_comm[10];
int with_data = 5;

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	if (target_pid && cfg.verbose)
		return 0;
	counter++;
	last_comm[0] = (char)with_data;
	return 0;
}
