/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* events: data shared by events.bpf.c and events.c. */
#ifndef __EVENTS_H
#define __EVENTS_H

#define TASK_COMM_LEN	 16
#define MAX_FILENAME_LEN 127

/* One ring buffer record: a program started. Fixed-size C types only, so
 * the layout is the same for BPF and wasm32. */
struct event {
	int pid;
	int ppid;
	unsigned int uid;
	char comm[TASK_COMM_LEN];
	char filename[MAX_FILENAME_LEN];
};

#endif /* __EVENTS_H */
