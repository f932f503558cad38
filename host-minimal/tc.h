/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A tc (sched_cls) program on an interface, two ways: a tcx link where the
 * kernel has them (6.6+), an fd that detaches when closed, however the host
 * ends; or, on older kernels, a direct-action filter on a clsact qdisc
 * through netlink (libbpf's bpf_tc_*), which stays until removed: the host
 * removes it at detach and at every exit it sees (not at SIGKILL).
 */
#ifndef __WBPF_TC_H
#define __WBPF_TC_H

#include <stdbool.h>

struct wbpf_link;

/* A tcx link (WBPF_LINK_FD); NULL and -errno in *err (-EINVAL or similar
 * on a kernel without tcx). */
struct wbpf_link *wbpf_tc__attach_tcx(int prog_fd, int ifindex, bool egress, int *err);
/* A netlink filter (WBPF_LINK_TC_HOOK), on a clsact qdisc created when the
 * interface has none; NULL and -errno in *err. */
struct wbpf_link *wbpf_tc__attach_netlink(int prog_fd, int ifindex, bool egress, int *err);
/* Removes the filter, and the qdisc when attach created it. Frees nothing. */
void wbpf_tc__detach_netlink(struct wbpf_link *l);

#endif /* __WBPF_TC_H */
