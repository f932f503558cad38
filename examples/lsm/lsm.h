/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* lsm: data shared by lsm.bpf.c and lsm.c. */
#ifndef __LSM_H
#define __LSM_H

#define TASK_COMM_LEN 16
#define DIRNAME_LEN   64

/* One ring buffer record: a denied rmdir. */
struct rmdir_event {
	int pid;
	char comm[TASK_COMM_LEN];
	char dirname[DIRNAME_LEN];
};

#endif /* __LSM_H */
