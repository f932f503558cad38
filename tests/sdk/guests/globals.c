// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Globals through the skeleton: .rodata written before load (the trigger's
 * name and step_mul) changes what the BPF program counts; .data written
 * before load and live after it; .bss and .data.foo read live after load.
 *
 * usage: globals.wasm TRIGGER|- N
 *   counts execs of TRIGGER ("-": leave targ_comm empty, nothing counts)
 *   until N were seen or 15 s passed; after 2 it sets data_step to 10 live.
 */
#include "guest.h"
#include "sdk_globals.skel.h"

int main(int argc, char **argv)
{
	struct sdk_globals_bpf *skel;
	unsigned long long last = 0;
	long long deadline;
	int n, err, stepped = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: globals TRIGGER|- N\n");
		return 2;
	}
	n = atoi(argv[2]);
	skel = sdk_globals_bpf__open();
	if (!skel) {
		printf("open failed: %s\n", errname(errno));
		return 1;
	}
	/* initial values from the object, copied in at open */
	printf("initial step_mul=%u data_step=%d foo_count=%llu\n", skel->rodata->step_mul,
	       skel->data->data_step, (unsigned long long)skel->data_foo->foo_count);
	if (strcmp(argv[1], "-") != 0)
		set_trigger(skel->rodata->targ_comm, argv[1]);
	skel->rodata->step_mul = 3;
	skel->data->data_step = 2;

	err = sdk_globals_bpf__load(skel);
	if (!err)
		err = sdk_globals_bpf__attach(skel);
	if (err) {
		printf("load/attach failed: %s\n", errname(err));
		sdk_globals_bpf__destroy(skel);
		return 1;
	}
	/* .kconfig is mirrored once libbpf filled it in at load */
	printf("kconfig LINUX_KERNEL_VERSION=%u\n", skel->kconfig->LINUX_KERNEL_VERSION);
	printf("ready\n");

	deadline = now_ms() + (n ? 15000 : 3000);
	while (now_ms() < deadline) {
		sleep_ms(20);
		if (skel->bss->exec_count != last) {
			last = skel->bss->exec_count;
			printf("count=%llu sum=%llu foo=%llu\n", last,
			       (unsigned long long)skel->bss->exec_sum,
			       (unsigned long long)skel->data_foo->foo_count);
		}
		if (!stepped && last >= 2) {
			skel->data->data_step = 10;
			stepped = 1;
			printf("step=10\n");
		}
		if (n && last >= (unsigned long long)n)
			break;
	}
	printf("done count=%llu sum=%llu foo=%llu\n", (unsigned long long)skel->bss->exec_count,
	       (unsigned long long)skel->bss->exec_sum,
	       (unsigned long long)skel->data_foo->foo_count);
	if (skel->bss->exec_count)
		printf("kver_seen=%u\n", skel->bss->kver_seen);
	sdk_globals_bpf__destroy(skel);
	return guest_failures ? 1 : 0;
}
