// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* An fentry program: needs BPF trampolines to load. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

SEC("fentry/do_unlinkat")
int BPF_PROG(unsup_fentry, int dfd)
{
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
