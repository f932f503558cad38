// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tc programs on an interface: tcx links, else netlink (tc.h). */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf-state.h"
#include "tc.h"

/* Kernel 6.6 attach types that Debian 12's <linux/bpf.h> predates. */
#define WBPF_TCX_INGRESS 46
#define WBPF_TCX_EGRESS	 47

struct wbpf_link *wbpf_tc__attach_tcx(int prog_fd, int ifindex, bool egress, int *err)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	int fd;

	fd = bpf_link_create(prog_fd, ifindex,
			     (enum bpf_attach_type)(egress ? WBPF_TCX_EGRESS : WBPF_TCX_INGRESS),
			     &lopts);
	if (fd < 0) {
		*err = -errno;
		return NULL;
	}
	return wbpf_link__of_fd(WBPF_LINK_FD, fd, err);
}

/* Deletes the clsact qdisc attach created. bpf_tc_hook_destroy() does that
 * only for both attach points at once; for one of them it flushes every
 * filter there instead, other programs' too, and leaves the qdisc. */
static void remove_qdisc(struct bpf_tc_hook *hook)
{
	struct bpf_tc_hook both = *hook;

	both.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
	bpf_tc_hook_destroy(&both);
}

struct wbpf_link *wbpf_tc__attach_netlink(int prog_fd, int ifindex, bool egress, int *err)
{
	struct wbpf_link *l = wbpf_link__new(WBPF_LINK_TC_HOOK);

	if (!l) {
		*err = -ENOMEM;
		return NULL;
	}
	l->hook.sz = sizeof(l->hook);
	l->hook.ifindex = ifindex;
	l->hook.attach_point = egress ? BPF_TC_EGRESS : BPF_TC_INGRESS;
	l->tc_opts.sz = sizeof(l->tc_opts);
	l->tc_opts.prog_fd = prog_fd;
	*err = bpf_tc_hook_create(&l->hook);
	if (*err && *err != -EEXIST) {
		free(l);
		return NULL;
	}
	l->hook_created = *err == 0;
	*err = bpf_tc_attach(&l->hook, &l->tc_opts);
	if (*err) {
		if (l->hook_created)
			remove_qdisc(&l->hook);
		free(l);
		return NULL;
	}
	return l;
}

void wbpf_tc__detach_netlink(struct wbpf_link *l)
{
	/* bpf_tc_detach() finds the filter by the handle and priority attach
	 * filled in, and wants the rest zero */
	l->tc_opts.prog_fd = 0;
	l->tc_opts.prog_id = 0;
	l->tc_opts.flags = 0;
	bpf_tc_detach(&l->hook, &l->tc_opts);
	if (l->hook_created)
		remove_qdisc(&l->hook);
}
