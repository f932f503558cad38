// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * One-line explanations of why BPF failed: no privilege, no tracefs, a
 * program type this kernel cannot run. They go through vm->note (the CLI
 * prints them); libbpf's own messages are there under -v.
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "bpf-state.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

#define TRACEFS "/sys/kernel/tracing"

/* The program libbpf last named in a failure message. */
static char failed_prog[128];

void wbpf_diag__log(int level, const char *msg)
{
	const char *p = strstr(msg, "prog '");
	const char *end;

	(void)level;
	if (!p || (!strstr(msg, "failed") && !strstr(msg, "fail")))
		return;
	p += 6;
	end = strchr(p, '\'');
	if (!end || (size_t)(end - p) >= sizeof(failed_prog))
		return;
	memcpy(failed_prog, p, end - p);
	failed_prog[end - p] = 0;
}

static bool has_cap(const struct __user_cap_data_struct *d, int cap)
{
	return d[cap / 32].effective & (1u << (cap % 32));
}

int wbpf_diag__check_caps(struct wbpf_vm *vm)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	struct wbpf_bpf *b = wbpf_bpf__get(vm);

	if (!b)
		return -ENOMEM;
	if (b->checked_caps)
		return b->caps_err;
	b->checked_caps = true;
	memset(data, 0, sizeof(data));
	/* glibc has no capget() wrapper (libcap is not a dependency) */
	if (syscall(SYS_capget, &hdr, data))
		return 0; /* cannot tell: let the kernel decide */
	if (has_cap(data, CAP_SYS_ADMIN) || (has_cap(data, CAP_BPF) && has_cap(data, CAP_PERFMON)))
		return 0;
	wbpf_vm__notef(vm, "BPF needs root: this process has neither CAP_SYS_ADMIN nor "
			   "CAP_BPF+CAP_PERFMON (run wasm-bpf as root)");
	b->caps_err = -EPERM;
	return b->caps_err;
}

static bool tracefs_ready(void)
{
	return access(TRACEFS "/events", F_OK) == 0 ||
	       access("/sys/kernel/debug/tracing/events", F_OK) == 0;
}

int wbpf_diag__ensure_tracefs(struct wbpf_vm *vm)
{
	static bool tried;

	if (tracefs_ready())
		return 0;
	if (tried)
		return -ENOENT;
	tried = true;
	if (mount("nodev", TRACEFS, "tracefs", 0, NULL) == 0 && tracefs_ready())
		return 0;
	wbpf_vm__notef(vm,
		       "tracefs is not mounted and mounting it failed (%s); run: mount -t tracefs "
		       "nodev " TRACEFS,
		       strerror(errno));
	return -ENOENT;
}

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* Why this kernel cannot run prog at all, or NULL if it could. */
static const char *unsupported(struct bpf_program *prog)
{
	enum bpf_attach_type at = bpf_program__expected_attach_type(prog);
	const char *sec = bpf_program__section_name(prog);

	switch (bpf_program__type(prog)) {
	case BPF_PROG_TYPE_LSM:
		return "this kernel has no BPF LSM support";
	case BPF_PROG_TYPE_TRACING:
		if (at == BPF_TRACE_FENTRY || at == BPF_TRACE_FEXIT || at == BPF_MODIFY_RETURN)
			return "this kernel has no BPF trampolines (fentry/fexit)";
		return NULL;
	case BPF_PROG_TYPE_KPROBE:
		if ((has_prefix(sec, "kprobe") || has_prefix(sec, "kretprobe") ||
		     has_prefix(sec, "ksyscall") || has_prefix(sec, "kretsyscall")) &&
		    access(TRACEFS "/kprobe_events", F_OK) != 0 &&
		    access("/sys/kernel/debug/tracing/kprobe_events", F_OK) != 0)
			return "this kernel has no kprobes";
		return NULL;
	default:
		return NULL;
	}
}

static const char *hint(struct wbpf_vm *vm)
{
	return vm->verbose ? "" : " (run with -v for libbpf's log)";
}

void wbpf_diag__load_failed(struct wbpf_vm *vm, struct bpf_object *obj, int err)
{
	struct bpf_program *prog = NULL, *p;
	const char *why;

	if (failed_prog[0])
		prog = bpf_object__find_program_by_name(obj, failed_prog);
	if (!prog) {
		/* libbpf did not say: blame a program this kernel cannot run */
		bpf_object__for_each_program (p, obj) {
			if (bpf_program__autoload(p) && unsupported(p)) {
				prog = p;
				break;
			}
		}
	}
	failed_prog[0] = 0;
	if (!prog) {
		wbpf_vm__notef(vm, "cannot load the BPF object: %s%s", strerror(-err), hint(vm));
		return;
	}
	why = unsupported(prog);
	if (why)
		wbpf_vm__notef(vm, "program %s (%s): %s", bpf_program__name(prog),
			       bpf_program__section_name(prog), why);
	else
		wbpf_vm__notef(vm, "program %s (%s): the kernel refused it: %s%s",
			       bpf_program__name(prog), bpf_program__section_name(prog),
			       strerror(-err), hint(vm));
}

void wbpf_diag__attach_failed(struct wbpf_vm *vm, struct bpf_program *prog, const char *target,
			      int err)
{
	const char *why = unsupported(prog);

	failed_prog[0] = 0;
	if (why) {
		wbpf_vm__notef(vm, "program %s (%s): %s", bpf_program__name(prog),
			       bpf_program__section_name(prog), why);
		return;
	}
	wbpf_vm__notef(vm, "program %s (%s): cannot attach%s%s: %s%s", bpf_program__name(prog),
		       bpf_program__section_name(prog), target && *target ? " to " : "",
		       target && *target ? target : "", strerror(-err), hint(vm));
}
