// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* A guest built by wbpf_wasm_module(): proves the wasm32-wasi toolchain,
 * the SDK's ABI header and the exported function table. */
#include <stdio.h>
#include <wbpf-abi.h>

static int on_record(void *ctx, void *data, unsigned long size)
{
	(void)ctx;
	(void)data;
	return (int)size;
}

int main(int argc, char **argv)
{
	int (*volatile fn)(void *, void *, unsigned long) = on_record;

	printf("minimal: abi %d, %d args, first %s, callback %d\n", WBPF_ABI_VERSION, argc,
	       argc > 0 ? argv[0] : "-", fn(NULL, NULL, 7));
	return 0;
}
