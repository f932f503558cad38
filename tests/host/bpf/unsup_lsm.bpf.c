// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* A BPF LSM program: needs BPF LSM (and trampolines) to load. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("lsm/path_rmdir")
int BPF_PROG(handle_rmdir, const struct path *dir, struct dentry *dentry)
{
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
