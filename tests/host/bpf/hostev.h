/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Shared by hostev.bpf.c and the test guests: the event, its layout on
 * both sides (fixed-width types only), and the modes the guest selects by
 * writing the .data variable `mode` through its mirror.
 */
#ifndef __HOSTEV_H
#define __HOSTEV_H

/* getpgid(magic + seq), seq < HOSTEV_SPAN, is an event */
#define HOSTEV_SPAN 0x100000
/* bytes of a big record (mode HOSTEV_MODE_BIG) */
#define HOSTEV_BIG_SIZE 16384
/* the last 8 bytes of a big record: seq ^ HOSTEV_BIG_TAG */
#define HOSTEV_BIG_TAG 0x5a5a5a5a5a5a5a5aull

enum hostev_mode {
	HOSTEV_MODE_SMALL = 1, /* one hostev_event to rb */
	HOSTEV_MODE_BIG = 2,   /* one HOSTEV_BIG_SIZE-byte record to rb */
	HOSTEV_MODE_TWO = 3,   /* even seq to rb, odd seq to rb2 */
	HOSTEV_MODE_PERF = 4,  /* one hostev_event to the perf buffer pb */
};

struct hostev_event {
	unsigned int seq;
	unsigned int cpu;
	unsigned long long magic;
};

_Static_assert(sizeof(struct hostev_event) == 16, "hostev_event size");

#endif /* __HOSTEV_H */
