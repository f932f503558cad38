/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* histogram: data shared by histogram.bpf.c and histogram.c. */
#ifndef __HISTOGRAM_H
#define __HISTOGRAM_H

#define MAX_SLOTS 32

/* A log2 distribution: slots[i] counts sizes in [2^i, 2^(i+1)), slot 0 also
 * counts 0. */
struct hist {
	unsigned int slots[MAX_SLOTS];
};

#endif /* __HISTOGRAM_H */
