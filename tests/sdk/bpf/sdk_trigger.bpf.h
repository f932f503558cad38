/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The SDK's kernel tests count execs of one trigger binary, named by the
 * test (a copy of /bin/true called e.g. "wbpfsdk_t1234"), so that other
 * processes on the machine do not disturb the counts. The guest writes the
 * name into .rodata before load.
 */
#ifndef __SDK_TRIGGER_BPF_H
#define __SDK_TRIGGER_BPF_H

#define TASK_COMM_LEN 16

const volatile char targ_comm[TASK_COMM_LEN] = {};

static __always_inline bool is_trigger(void)
{
	char comm[TASK_COMM_LEN];
	int i;

	if (!targ_comm[0])
		return false;
	bpf_get_current_comm(comm, sizeof(comm));
	for (i = 0; i < TASK_COMM_LEN; i++) {
		if (comm[i] != targ_comm[i])
			return false;
		if (!comm[i])
			break;
	}
	return true;
}

#endif /* __SDK_TRIGGER_BPF_H */
