/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* bootstrap: data shared by bootstrap.bpf.c and bootstrap.c. */
#ifndef __BOOTSTRAP_H
#define __BOOTSTRAP_H

#define TASK_COMM_LEN	 16
#define MAX_FILENAME_LEN 127

/* One ring buffer record: an exec (filename) or an exit (code, duration).
 * Fixed-size C types only, so the layout is the same for BPF and wasm32. */
struct event {
	int pid;
	int ppid;
	unsigned int exit_code;
	unsigned long long duration_ns;
	char comm[TASK_COMM_LEN];
	char filename[MAX_FILENAME_LEN];
	bool exit_event;
};

#endif /* __BOOTSTRAP_H */
