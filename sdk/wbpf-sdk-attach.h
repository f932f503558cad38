/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Guest SDK: attaching programs and links.
 *
 * The host attaches a program by name (wasm_bpf_program_attach) either the
 * way its SEC() name says, or to an explicit target string: an interface
 * name (XDP, tc, socket filters), a cgroup path, or a uprobe spec
 * "binary:function" / "binary:0xoffset". libbpf's attach calls that take
 * what a WASI guest cannot have (ifindexes, file descriptors, perf events,
 * single pids) return -ENOTSUP with a message pointing to
 * bpf_program__attach_target(), the wbpf extension that takes the target
 * string. docs/porting.md lists them.
 *
 * Part of the guest SDK: include <libbpf-wasm.h>, not this file.
 */
#ifndef __WBPF_SDK_ATTACH_H
#define __WBPF_SDK_ATTACH_H

#ifndef __LIBBPF_WASM_H
#error "include <libbpf-wasm.h>, not wbpf-sdk-attach.h"
#endif

/* Does libbpf auto-attach a program with this SEC() name (as
 * bpf_object__attach_skeleton() does)? Types that need a target (xdp, tc,
 * cgroup, socket, ...) do not; kprobe/uprobe/tracepoint-like types only
 * when the name carries the target. */
static inline bool wbpf_sdk_sec_autoattach(const char *sec)
{
	static const struct {
		const char *name;
		bool needs_target;
	} defs[] = {
		{ "tp_btf", false },	  { "fentry", false },
		{ "fentry.s", false },	  { "fexit", false },
		{ "fexit.s", false },	  { "fmod_ret", false },
		{ "fmod_ret.s", false },  { "freplace", false },
		{ "lsm", false },	  { "lsm.s", false },
		{ "iter", false },	  { "iter.s", false },
		{ "tp", true },		  { "tracepoint", true },
		{ "raw_tp", true },	  { "raw_tracepoint", true },
		{ "raw_tp.w", true },	  { "raw_tracepoint.w", true },
		{ "kprobe", true },	  { "kretprobe", true },
		{ "ksyscall", true },	  { "kretsyscall", true },
		{ "kprobe.multi", true }, { "kretprobe.multi", true },
		{ "uprobe", true },	  { "uretprobe", true },
		{ "uprobe.s", true },	  { "uretprobe.s", true },
		{ "usdt", true },
	};
	size_t i, n;

	if (!sec)
		return true;
	for (i = 0; i < sizeof(defs) / sizeof(defs[0]); i++) {
		n = strlen(defs[i].name);
		if (strncmp(sec, defs[i].name, n) != 0)
			continue;
		if (sec[n] == '\0')
			return !defs[i].needs_target;
		if (sec[n] == '/')
			return !defs[i].needs_target || sec[n + 1] != '\0';
	}
	return false;
}

/* Attach through the host: target NULL = as the SEC() name says. */
static inline struct bpf_link *wbpf_sdk_attach(const struct bpf_program *prog, const char *target)
{
	struct bpf_object *obj;
	struct bpf_link *link;
	int id;

	if (!prog)
		return wbpf_sdk_err_ptr(-EINVAL);
	obj = prog->obj;
	if (!obj->loaded) {
		wbpf_sdk_pr(LIBBPF_WARN,
			    "prog '%s': can't attach BPF program w/o FD (did you load it?)\n",
			    prog->name);
		return wbpf_sdk_err_ptr(-EINVAL);
	}
	link = calloc(1, sizeof(*link));
	if (!link)
		return wbpf_sdk_err_ptr(-ENOMEM);
	id = wasm_bpf_program_attach(obj->handle, prog->name, target);
	wbpf_sdk_log_drain();
	if (id <= 0) {
		free(link);
		return wbpf_sdk_err_ptr(id ? wbpf_sdk_errno(id) : -EINVAL);
	}
	link->obj = obj;
	link->id = id;
	link->next = obj->links;
	obj->links = link;
	return link;
}

/* Attach as the SEC() name says, or to the target set with
 * bpf_set_prog_attach_target(). */
static inline struct bpf_link *bpf_program__attach(const struct bpf_program *prog)
{
	if (!prog)
		return wbpf_sdk_err_ptr(-EINVAL);
	return wbpf_sdk_attach(prog, prog->attach_target);
}

/*
 * wbpf extension: attach to a target named by a string, as the host ABI
 * takes it: an interface name ("eth0") for XDP, tc and socket filters, a
 * cgroup path ("/sys/fs/cgroup/foo") for cgroup programs, or a uprobe spec
 * "binary:function" / "binary:0xoffset". NULL or "" = as SEC() says.
 */
static inline struct bpf_link *bpf_program__attach_target(const struct bpf_program *prog,
							  const char *target)
{
	return wbpf_sdk_attach(prog, target && *target ? target : NULL);
}

/*
 * The original wasm-bpf SDK's call, kept for modules ported from it: the
 * target (as for bpf_program__attach_target()) used by bpf_program__attach()
 * and by skeleton attach; NULL or "" = as SEC() says.
 */
static inline int bpf_set_prog_attach_target(struct bpf_program *prog, const char *target)
{
	char *copy = NULL;

	if (!prog)
		return wbpf_sdk_err(-EINVAL);
	if (target && *target) {
		copy = strdup(target);
		if (!copy)
			return wbpf_sdk_err(-ENOMEM);
	}
	free(prog->attach_target);
	prog->attach_target = copy;
	return 0;
}

static inline void wbpf_sdk_link_unlink(struct bpf_link *link)
{
	struct bpf_link **pos;

	if (!link->obj)
		return;
	for (pos = &link->obj->links; *pos; pos = &(*pos)->next) {
		if (*pos == link) {
			*pos = link->next;
			break;
		}
	}
	link->obj = NULL;
}

/* Detach the link in the kernel; the struct stays for bpf_link__destroy(). */
static inline int bpf_link__detach(struct bpf_link *link)
{
	int err = 0;

	if (!link)
		return wbpf_sdk_err(-EINVAL);
	if (link->obj && link->id > 0) {
		err = wasm_bpf_link_destroy(link->obj->handle, link->id);
		wbpf_sdk_log_drain();
		link->id = 0;
	}
	return wbpf_sdk_ret(err < 0 ? err : 0);
}

/* Detach (if still attached) and free; NULL is fine. */
static inline int bpf_link__destroy(struct bpf_link *link)
{
	int err;

	if (!link)
		return 0;
	err = link->obj && link->id > 0 ? bpf_link__detach(link) : 0;
	wbpf_sdk_link_unlink(link);
	free(link);
	return err;
}

static inline int bpf_link__fd(const struct bpf_link *link)
{
	(void)link;
	return wbpf_sdk_enotsup("bpf_link__fd()",
				"links live in the host; use bpf_link__destroy()");
}

static inline int bpf_link__pin(struct bpf_link *link, const char *path)
{
	(void)link;
	(void)path;
	return wbpf_sdk_enotsup("bpf_link__pin()", NULL);
}

static inline int bpf_link__unpin(struct bpf_link *link)
{
	(void)link;
	return wbpf_sdk_enotsup("bpf_link__unpin()", NULL);
}

/* ---- typed attach calls ------------------------------------------------ */

struct bpf_uprobe_opts {
	size_t sz;
	size_t ref_ctr_offset; /* not supported: must be 0 */
	__u64 bpf_cookie;      /* not supported: must be 0 */
	bool retprobe;	       /* must agree with SEC("uprobe")/SEC("uretprobe") */
	const char *func_name; /* "func" (entry); an offset with it is not supported */
	size_t : 0;
};

static inline bool wbpf_sdk_str_starts(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * Uprobes go to the host as "binary:function" or "binary:0xoffset", for
 * every process (pid -1). Whether it is an entry or a return probe follows
 * the program's SEC(): the ABI cannot turn one into the other.
 */
static inline struct bpf_link *bpf_program__attach_uprobe_opts(const struct bpf_program *prog,
							       pid_t pid, const char *binary_path,
							       size_t func_offset,
							       const struct bpf_uprobe_opts *opts)
{
	const char *func_name = NULL;
	bool retprobe = false, sec_ret;
	struct bpf_link *link;
	char *target;
	size_t len;

	if (!prog || !binary_path)
		return wbpf_sdk_err_ptr(-EINVAL);
	if (opts) {
		if (opts->ref_ctr_offset || opts->bpf_cookie)
			return wbpf_sdk_err_ptr(wbpf_sdk_enotsup(
				"bpf_uprobe_opts.ref_ctr_offset/bpf_cookie", NULL));
		retprobe = opts->retprobe;
		func_name = opts->func_name;
	}
	if (pid != -1)
		return wbpf_sdk_err_ptr(wbpf_sdk_enotsup(
			"attaching a uprobe to one process",
			"the host attaches uprobes for all processes: pass pid -1"));
	if (prog->sec_name) {
		sec_ret = wbpf_sdk_str_starts(prog->sec_name, "uretprobe");
		if (sec_ret != retprobe)
			return wbpf_sdk_err_ptr(wbpf_sdk_enotsup(
				"choosing uprobe or uretprobe at attach time",
				"the host follows the program's SEC(): declare it as "
				"SEC(\"uprobe\") or SEC(\"uretprobe\") to match"));
	}
	if (func_name && func_offset)
		return wbpf_sdk_err_ptr(
			wbpf_sdk_enotsup("a uprobe at func_name plus an offset",
					 "give the offset in the binary with func_name NULL"));
	len = strlen(binary_path) + (func_name ? strlen(func_name) : 2 * sizeof(size_t)) + 4;
	target = malloc(len);
	if (!target)
		return wbpf_sdk_err_ptr(-ENOMEM);
	if (func_name)
		snprintf(target, len, "%s:%s", binary_path, func_name);
	else
		snprintf(target, len, "%s:0x%zx", binary_path, func_offset);
	link = wbpf_sdk_attach(prog, target);
	free(target);
	return link;
}

static inline struct bpf_link *bpf_program__attach_uprobe(const struct bpf_program *prog,
							  bool retprobe, pid_t pid,
							  const char *binary_path,
							  size_t func_offset)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .retprobe = retprobe);

	return bpf_program__attach_uprobe_opts(prog, pid, binary_path, func_offset, &opts);
}

/* Attach as SEC() says when SEC() already names this target; anything else
 * cannot be expressed to the host. */
static inline struct bpf_link *wbpf_sdk_attach_if_sec(const struct bpf_program *prog,
						      const char *const *secs, int nsecs,
						      const char *what)
{
	int i;

	if (!prog)
		return wbpf_sdk_err_ptr(-EINVAL);
	for (i = 0; i < nsecs; i++) {
		if (prog->sec_name && strcmp(prog->sec_name, secs[i]) == 0)
			return wbpf_sdk_attach(prog, NULL);
	}
	return wbpf_sdk_err_ptr(wbpf_sdk_enotsup(
		what, "the host attaches these by SEC() name: put the target in SEC()"));
}

static inline struct bpf_link *bpf_program__attach_tracepoint(const struct bpf_program *prog,
							      const char *tp_category,
							      const char *tp_name)
{
	char a[256], b[256];
	const char *secs[] = { a, b };

	if (!tp_category || !tp_name)
		return wbpf_sdk_err_ptr(-EINVAL);
	snprintf(a, sizeof(a), "tp/%s/%s", tp_category, tp_name);
	snprintf(b, sizeof(b), "tracepoint/%s/%s", tp_category, tp_name);
	return wbpf_sdk_attach_if_sec(prog, secs, 2, "bpf_program__attach_tracepoint()");
}

static inline struct bpf_link *bpf_program__attach_raw_tracepoint(const struct bpf_program *prog,
								  const char *tp_name)
{
	char a[256], b[256];
	const char *secs[] = { a, b };

	if (!tp_name)
		return wbpf_sdk_err_ptr(-EINVAL);
	snprintf(a, sizeof(a), "raw_tp/%s", tp_name);
	snprintf(b, sizeof(b), "raw_tracepoint/%s", tp_name);
	return wbpf_sdk_attach_if_sec(prog, secs, 2, "bpf_program__attach_raw_tracepoint()");
}

static inline struct bpf_link *bpf_program__attach_kprobe(const struct bpf_program *prog,
							  bool retprobe, const char *func_name)
{
	char a[256];
	const char *secs[] = { a };

	if (!func_name)
		return wbpf_sdk_err_ptr(-EINVAL);
	snprintf(a, sizeof(a), "%s/%s", retprobe ? "kretprobe" : "kprobe", func_name);
	return wbpf_sdk_attach_if_sec(prog, secs, 1, "bpf_program__attach_kprobe()");
}

/* fentry/fexit/fmod_ret/freplace/tp_btf and lsm: the target is in SEC() or
 * set before load with bpf_program__set_attach_target() */
static inline struct bpf_link *bpf_program__attach_trace(const struct bpf_program *prog)
{
	return wbpf_sdk_attach(prog, NULL);
}

static inline struct bpf_link *bpf_program__attach_lsm(const struct bpf_program *prog)
{
	return wbpf_sdk_attach(prog, NULL);
}

static inline struct bpf_link *bpf_program__attach_xdp(const struct bpf_program *prog, int ifindex)
{
	(void)prog;
	(void)ifindex;
	return wbpf_sdk_err_ptr(wbpf_sdk_enotsup(
		"bpf_program__attach_xdp() by ifindex",
		"WASI has no interface indexes: use bpf_program__attach_target(prog, \"eth0\")"));
}

static inline struct bpf_link *bpf_program__attach_cgroup(const struct bpf_program *prog,
							  int cgroup_fd)
{
	(void)prog;
	(void)cgroup_fd;
	return wbpf_sdk_err_ptr(
		wbpf_sdk_enotsup("bpf_program__attach_cgroup() by fd",
				 "guest fds are not host fds: use bpf_program__attach_target(prog, "
				 "\"/sys/fs/cgroup/...\")"));
}

static inline struct bpf_link *bpf_program__attach_netns(const struct bpf_program *prog,
							 int netns_fd)
{
	(void)prog;
	(void)netns_fd;
	return wbpf_sdk_err_ptr(wbpf_sdk_enotsup("bpf_program__attach_netns()", NULL));
}

static inline struct bpf_link *bpf_program__attach_perf_event(const struct bpf_program *prog,
							      int pfd)
{
	(void)prog;
	(void)pfd;
	return wbpf_sdk_err_ptr(wbpf_sdk_enotsup("bpf_program__attach_perf_event()",
						 "WASI has no perf_event_open()"));
}

static inline struct bpf_link *bpf_program__attach_usdt(const struct bpf_program *prog, pid_t pid,
							const char *binary_path,
							const char *usdt_provider,
							const char *usdt_name, const void *opts)
{
	(void)prog;
	(void)pid;
	(void)binary_path;
	(void)usdt_provider;
	(void)usdt_name;
	(void)opts;
	return wbpf_sdk_err_ptr(wbpf_sdk_enotsup("bpf_program__attach_usdt()", NULL));
}

/* libbpf's tc API takes ifindexes: the host attaches tc programs by
 * interface name instead (bpf_program__attach_target(prog, "eth0")). */
enum bpf_tc_attach_point {
	BPF_TC_INGRESS = 1 << 0,
	BPF_TC_EGRESS = 1 << 1,
	BPF_TC_CUSTOM = 1 << 2,
};

struct bpf_tc_hook {
	size_t sz;
	int ifindex;
	enum bpf_tc_attach_point attach_point;
	__u32 parent;
	size_t : 0;
};

struct bpf_tc_opts {
	size_t sz;
	int prog_fd;
	__u32 flags;
	__u32 prog_id;
	__u32 handle;
	__u32 priority;
	size_t : 0;
};

static inline int bpf_tc_hook_create(struct bpf_tc_hook *hook)
{
	(void)hook;
	return wbpf_sdk_enotsup("bpf_tc_hook_create()",
				"use bpf_program__attach_target(prog, \"<ifname>\")");
}

static inline int bpf_tc_hook_destroy(struct bpf_tc_hook *hook)
{
	(void)hook;
	return wbpf_sdk_enotsup("bpf_tc_hook_destroy()",
				"bpf_link__destroy() on the link of bpf_program__attach_target()");
}

static inline int bpf_tc_attach(const struct bpf_tc_hook *hook, struct bpf_tc_opts *opts)
{
	(void)hook;
	(void)opts;
	return wbpf_sdk_enotsup("bpf_tc_attach()",
				"use bpf_program__attach_target(prog, \"<ifname>\")");
}

static inline int bpf_tc_detach(const struct bpf_tc_hook *hook, const struct bpf_tc_opts *opts)
{
	(void)hook;
	(void)opts;
	return wbpf_sdk_enotsup("bpf_tc_detach()",
				"bpf_link__destroy() on the link of bpf_program__attach_target()");
}

/* ---- skeleton attach/detach -------------------------------------------- */

static inline int bpf_object__attach_skeleton(struct bpf_object_skeleton *s)
{
	int i, err;

	if (!s)
		return wbpf_sdk_err(-EINVAL);
	for (i = 0; i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *ps = (void *)((char *)s->progs + i * s->prog_skel_sz);
		struct bpf_program *prog = *ps->prog;

		if (!prog || !prog->autoload || !prog->autoattach || !ps->link)
			continue;
		/* the user attached it already */
		if (*ps->link)
			continue;
		/* libbpf skips what its SEC() cannot auto-attach (xdp, tc, ...)
		 * unless the original SDK's target was set */
		if (!prog->attach_target && !wbpf_sdk_sec_autoattach(prog->sec_name))
			continue;
		*ps->link = bpf_program__attach(prog);
		if (!*ps->link) {
			err = -errno;
			wbpf_sdk_pr(LIBBPF_WARN, "prog '%s': failed to auto-attach: %d\n",
				    prog->name, err);
			return wbpf_sdk_err(err);
		}
	}
	return 0;
}

static inline void bpf_object__detach_skeleton(struct bpf_object_skeleton *s)
{
	int i;

	if (!s)
		return;
	for (i = 0; i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *ps = (void *)((char *)s->progs + i * s->prog_skel_sz);

		if (ps->link && *ps->link) {
			bpf_link__destroy(*ps->link);
			*ps->link = NULL;
		}
	}
}

#endif /* __WBPF_SDK_ATTACH_H */
