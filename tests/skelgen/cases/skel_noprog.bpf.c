// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bad input: an object with BTF and a map but no program. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} lonely SEC(".maps");

char LICENSE[] SEC("license") = "GPL";
