// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A skeleton with its object compressed, on a host of wbpf ABI 2 (which
 * cannot inflate it): the guest is linked with
 * -Wl,--wrap=wasm_bpf_abi_version, so the SDK sees version 2. Opening says
 * so in one message through libbpf's print callback and fails with
 * ENOTSUP before the host is asked; __elf_bytes() fails the same way.
 */
#include "guest.h"
#include "sdk_lifecycle.skel.h"

static int n_msgs;

int __wrap_wasm_bpf_abi_version(void)
{
	return 2;
}

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	n_msgs++;
	printf("print[%d]: ", level);
	return vprintf(fmt, ap);
}

int main(void)
{
	struct sdk_lifecycle_bpf *skel;
	const void *elf;
	size_t sz;

	libbpf_set_print(print_fn);
	skel = sdk_lifecycle_bpf__open();
	printf("open=%s errno=%s msgs=%d\n", skel ? "skel" : "NULL", errname(errno), n_msgs);
	sdk_lifecycle_bpf__destroy(skel);
	elf = sdk_lifecycle_bpf__elf_bytes(&sz);
	printf("elf_bytes=%s errno=%s msgs=%d\n", elf ? "ELF" : "NULL", errname(errno), n_msgs);
	return 0;
}
