/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* uprobe: data shared by uprobe.bpf.c and uprobe.c. */
#ifndef __UPROBE_H
#define __UPROBE_H

#define TASK_COMM_LEN 16

enum uprobe_event_kind {
	UPROBE_ENTRY = 0,
	UPROBE_RETURN = 1,
};

/* One ring buffer record: a call of the probed function (its two
 * arguments) or its return (the result). */
struct uprobe_event {
	int pid;
	int kind;
	int a;
	int b;
	int ret;
	char comm[TASK_COMM_LEN];
};

#endif /* __UPROBE_H */
