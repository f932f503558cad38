/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* sockfilter: data shared by sockfilter.bpf.c and sockfilter.c. */
#ifndef __SOCKFILTER_H
#define __SOCKFILTER_H

/* One ring buffer record: an IPv4 packet seen on the interface. Addresses
 * and ports are in network byte order, as on the wire. */
struct so_event {
	unsigned int src_addr;
	unsigned int dst_addr;
	unsigned short src_port;
	unsigned short dst_port;
	unsigned int ip_proto;
	unsigned int pkt_type;
	unsigned int len;
};

#endif /* __SOCKFILTER_H */
