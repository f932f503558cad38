/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Shared by batch.bpf.c and the batch test guest. */
#ifndef __BATCH_H
#define __BATCH_H

/* getpgid(magic + seq), seq < BATCH_SPAN, is an event */
#define BATCH_SPAN 0x100000
/* ring records with seq % BATCH_DISCARD_EVERY == BATCH_DISCARD_AT are
 * reserved, then discarded */
#define BATCH_DISCARD_EVERY 7
#define BATCH_DISCARD_AT    3
/* this seq's ring record is BATCH_BIG_SIZE bytes, more than a batch */
#define BATCH_BIG_SEQ  77
#define BATCH_BIG_SIZE (300 * 1024)
#define BATCH_BIG_TAG  0x5a5a5a5a5a5a5a5aull

struct batch_event {
	unsigned long long seq;
	unsigned long long magic;
};

#endif /* __BATCH_H */
