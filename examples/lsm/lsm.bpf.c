// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* lsm: denies rmdir of directories with a chosen name, kernel side.
 *
 * A BPF LSM program on the path_rmdir hook compares the name of the
 * directory being removed with the one user space set in .rodata and
 * returns -EPERM on a match. Needs a kernel with CONFIG_BPF_LSM and "bpf" in
 * its lsm= list.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "lsm.h"

#define EPERM 1

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* set by user space before load */
const volatile char denied_name[DIRNAME_LEN] = {};

/* number of rmdirs denied, read by user space */
unsigned long long denied = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} rb SEC(".maps");

SEC("lsm/path_rmdir")
int BPF_PROG(deny_rmdir, const struct path *dir, struct dentry *dentry, int ret)
{
	char name[DIRNAME_LEN];
	struct rmdir_event *e;
	int i;

	/* an earlier program already decided */
	if (ret)
		return ret;
	if (bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(dentry, d_name.name)) < 0)
		return 0;
	for (i = 0; i < DIRNAME_LEN; i++) {
		if (name[i] != denied_name[i])
			return 0;
		if (!name[i])
			break;
	}

	__sync_fetch_and_add(&denied, 1);
	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (e) {
		e->pid = bpf_get_current_pid_tgid() >> 32;
		bpf_get_current_comm(&e->comm, sizeof(e->comm));
		__builtin_memcpy(e->dirname, name, sizeof(e->dirname));
		bpf_ringbuf_submit(e, 0);
	}
	return -EPERM;
}
