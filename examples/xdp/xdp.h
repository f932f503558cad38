/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* xdp: data shared by xdp.bpf.c and xdp.c. */
#ifndef __XDP_H
#define __XDP_H

/* Keys of the counter array: 0..255 are IP protocol numbers (IPv4
 * protocol, IPv6 next header); one more key counts everything not IP. */
#define XDP_KEY_NON_IP 256
#define XDP_NKEYS      257

/* Per-CPU value of the counter array. */
struct datarec {
	unsigned long long packets;
	unsigned long long bytes;
};

#endif /* __XDP_H */
