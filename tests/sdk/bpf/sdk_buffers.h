/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Records of sdk_buffers.bpf.c, shared by the BPF program and the guest:
 * fixed-width fields only, the same layout on both sides. */
#ifndef __SDK_BUFFERS_H
#define __SDK_BUFFERS_H

struct sdk_small {
	unsigned int seq;
	unsigned int pid;
	char comm[16];
};

/* 16 KiB: four times the original runtime's 4 KiB cut */
#define SDK_BIG_SIZE  16384
#define SDK_BIG_WORDS ((SDK_BIG_SIZE - 8) / 4)

struct sdk_big {
	unsigned int seq;
	unsigned int pad;
	unsigned int words[SDK_BIG_WORDS];
};

static inline unsigned int sdk_big_word(unsigned int seq, unsigned int i)
{
	return seq * 2654435761u ^ (i * 40503u);
}

#endif /* __SDK_BUFFERS_H */
