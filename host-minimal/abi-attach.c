// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Attaching a program: by its SEC() name (target NULL or ""), or to an
 * explicit target chosen by program type:
 *
 *   xdp                 interface name                     "eth0"
 *   tc (sched_cls)      interface[:ingress|:egress]        "eth0:egress"
 *   cgroup programs     cgroup directory                   "/sys/fs/cgroup/unified"
 *   socket filter       interface name: the host opens a raw AF_PACKET
 *                       socket bound to it, attaches with SO_ATTACH_BPF and
 *                       keeps it open until detach
 *   uprobe/uretprobe    binary:function or binary:0xoffset "/bin/bash:readline"
 *   kprobe/kretprobe    kernel function                    "do_unlinkat"
 *   tracepoint          category:name                      "syscalls:sys_enter_openat"
 *   raw_tracepoint      name                               "sched_switch"
 *
 * Everything is an fd-based link or socket, so even a host killed hard
 * leaves nothing attached; tc uses a tcx link where the kernel has them and
 * netlink (detached explicitly) where it does not.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf-state.h"
#include "tc.h"

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static bool is_cgroup_type(enum bpf_prog_type t)
{
	switch (t) {
	case BPF_PROG_TYPE_CGROUP_SKB:
	case BPF_PROG_TYPE_CGROUP_SOCK:
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
	case BPF_PROG_TYPE_SOCK_OPS:
		return true;
	default:
		return false;
	}
}

/* Programs whose attach goes through tracefs (event ids, kprobe/uprobe
 * events). */
static bool needs_tracefs(struct bpf_program *prog)
{
	enum bpf_prog_type t = bpf_program__type(prog);

	return t == BPF_PROG_TYPE_TRACEPOINT || t == BPF_PROG_TYPE_KPROBE;
}

static struct wbpf_link *wrap_bpf_link(struct bpf_link *bl, int *err)
{
	struct wbpf_link *l;

	if (!bl) {
		*err = -errno;
		return NULL;
	}
	l = wbpf_link__new(WBPF_LINK_BPF);
	if (!l) {
		bpf_link__destroy(bl);
		*err = -ENOMEM;
		return NULL;
	}
	l->link = bl;
	return l;
}

static int ifindex_of(const char *name)
{
	unsigned int idx = if_nametoindex(name);

	return idx ? (int)idx : -ENODEV;
}

static struct wbpf_link *attach_socket(struct bpf_program *prog, const char *ifname, int *err)
{
	struct sockaddr_ll sll;
	int ifindex = ifindex_of(ifname), prog_fd = bpf_program__fd(prog), s;

	if (ifindex < 0) {
		*err = ifindex;
		return NULL;
	}
	s = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (s < 0) {
		*err = -errno;
		return NULL;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = ifindex;
	sll.sll_protocol = htons(ETH_P_ALL);
	if (bind(s, (struct sockaddr *)&sll, sizeof(sll)) ||
	    setsockopt(s, SOL_SOCKET, SO_ATTACH_BPF, &prog_fd, sizeof(prog_fd))) {
		*err = -errno;
		close(s);
		return NULL;
	}
	return wbpf_link__of_fd(WBPF_LINK_SOCKET, s, err);
}

static struct wbpf_link *attach_tc(struct bpf_program *prog, const char *target, int *err)
{
	char ifname[IF_NAMESIZE + 1];
	const char *colon = strchr(target, ':');
	bool egress = false;
	struct wbpf_link *l;
	int ifindex;
	size_t n = colon ? (size_t)(colon - target) : strlen(target);

	if (colon) {
		if (strcmp(colon + 1, "egress") == 0)
			egress = true;
		else if (strcmp(colon + 1, "ingress") != 0) {
			*err = -EINVAL;
			return NULL;
		}
	}
	if (n == 0 || n > IF_NAMESIZE) {
		*err = -EINVAL;
		return NULL;
	}
	memcpy(ifname, target, n);
	ifname[n] = 0;
	ifindex = ifindex_of(ifname);
	if (ifindex < 0) {
		*err = ifindex;
		return NULL;
	}
	l = wbpf_tc__attach_tcx(bpf_program__fd(prog), ifindex, egress, err);
	/* no tcx links (kernel < 6.6): a clsact qdisc through netlink */
	if (!l && *err != -ENOMEM)
		l = wbpf_tc__attach_netlink(bpf_program__fd(prog), ifindex, egress, err);
	return l;
}

static struct wbpf_link *attach_uprobe(struct bpf_program *prog, const char *target, int *err)
{
	LIBBPF_OPTS(bpf_uprobe_opts, uopts);
	const char *colon = strrchr(target, ':');
	char *binary, *end;
	size_t offset = 0;

	if (!colon || colon == target || !colon[1]) {
		*err = -EINVAL;
		return NULL;
	}
	binary = strndup(target, colon - target);
	if (!binary) {
		*err = -ENOMEM;
		return NULL;
	}
	uopts.retprobe = has_prefix(bpf_program__section_name(prog), "uretprobe");
	if (has_prefix(colon + 1, "0x")) {
		errno = 0;
		offset = strtoull(colon + 1, &end, 16);
		if (errno || *end) {
			free(binary);
			*err = -EINVAL;
			return NULL;
		}
	} else {
		uopts.func_name = colon + 1;
	}
	/* -1: every process running the binary */
	struct bpf_link *bl = bpf_program__attach_uprobe_opts(prog, -1, binary, offset, &uopts);

	free(binary);
	return wrap_bpf_link(bl, err);
}

static struct wbpf_link *attach_tracepoint(struct bpf_program *prog, const char *target, int *err)
{
	const char *colon = strchr(target, ':');
	struct bpf_link *bl;
	char *cat;

	if (!colon || colon == target || !colon[1]) {
		*err = -EINVAL;
		return NULL;
	}
	cat = strndup(target, colon - target);
	if (!cat) {
		*err = -ENOMEM;
		return NULL;
	}
	bl = bpf_program__attach_tracepoint(prog, cat, colon + 1);
	free(cat);
	return wrap_bpf_link(bl, err);
}

static struct wbpf_link *attach_target(struct bpf_program *prog, const char *target, int *err)
{
	enum bpf_prog_type type = bpf_program__type(prog);
	const char *sec = bpf_program__section_name(prog);
	int fd;

	if (is_cgroup_type(type)) {
		struct wbpf_link *l;

		fd = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0) {
			*err = -errno;
			return NULL;
		}
		l = wrap_bpf_link(bpf_program__attach_cgroup(prog, fd), err);
		close(fd);
		return l;
	}
	switch (type) {
	case BPF_PROG_TYPE_XDP:
		fd = ifindex_of(target);
		if (fd < 0) {
			*err = fd;
			return NULL;
		}
		return wrap_bpf_link(bpf_program__attach_xdp(prog, fd), err);
	case BPF_PROG_TYPE_SCHED_CLS:
		return attach_tc(prog, target, err);
	case BPF_PROG_TYPE_SOCKET_FILTER:
		return attach_socket(prog, target, err);
	case BPF_PROG_TYPE_KPROBE:
		if (has_prefix(sec, "uprobe") || has_prefix(sec, "uretprobe"))
			return attach_uprobe(prog, target, err);
		return wrap_bpf_link(
			bpf_program__attach_kprobe(prog, has_prefix(sec, "kretprobe"), target),
			err);
	case BPF_PROG_TYPE_TRACEPOINT:
		return attach_tracepoint(prog, target, err);
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		return wrap_bpf_link(bpf_program__attach_raw_tracepoint(prog, target), err);
	default:
		*err = -EOPNOTSUPP;
		return NULL;
	}
}

struct wbpf_link *wbpf_link__attach(struct wbpf_vm *vm, struct wbpf_object *o,
				    struct bpf_program *prog, const char *target, int *err)
{
	struct wbpf_link *l;

	(void)o;
	*err = 0;
	if (needs_tracefs(prog))
		wbpf_diag__ensure_tracefs(vm);
	if (!target || !*target)
		l = wrap_bpf_link(bpf_program__attach(prog), err);
	else
		l = attach_target(prog, target, err);
	if (!l) {
		if (!*err)
			*err = -EINVAL;
		wbpf_diag__attach_failed(vm, prog, target, *err);
	}
	return l;
}

void wbpf_link__destroy(struct wbpf_link *l)
{
	if (!l)
		return;
	switch (l->kind) {
	case WBPF_LINK_BPF:
		bpf_link__destroy(l->link);
		break;
	case WBPF_LINK_FD:
	case WBPF_LINK_SOCKET:
		close(l->fd);
		break;
	case WBPF_LINK_TC_HOOK:
		wbpf_tc__detach_netlink(l);
		break;
	}
	free(l);
}
