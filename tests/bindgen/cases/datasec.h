/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Global data: .bss, .data, .rodata with globals and statics. */
#ifndef __CASE_DATASEC_H
#define __CASE_DATASEC_H

struct stats {
	long count;
	int last_pid;
	char comm[16];
};

#endif
