/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The benchmark's records, shared by drain.bpf.c and drain.c. */
#ifndef __DRAIN_H
#define __DRAIN_H

/* the driver's name: only its getppid() calls make records */
#define DRAIN_COMM "wbpf-bench-drv"

#define DRAIN_SMALL 64
#define DRAIN_LARGE 1024

struct drain_head {
	unsigned long long seq;	  /* 0, 1, 2, ... per program run */
	unsigned long long value; /* the field the handler sums: seq + 1 */
};

struct drain_small {
	struct drain_head h;
	unsigned char pad[DRAIN_SMALL - sizeof(struct drain_head)];
};

struct drain_large {
	struct drain_head h;
	unsigned char pad[DRAIN_LARGE - sizeof(struct drain_head)];
};

_Static_assert(sizeof(struct drain_small) == DRAIN_SMALL, "drain_small size");
_Static_assert(sizeof(struct drain_large) == DRAIN_LARGE, "drain_large size");

#endif /* __DRAIN_H */
