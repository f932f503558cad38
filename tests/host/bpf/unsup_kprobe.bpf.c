// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* A kprobe: loads everywhere, attaches only on kernels with kprobes. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("kprobe/do_unlinkat")
int unsup_kprobe(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
