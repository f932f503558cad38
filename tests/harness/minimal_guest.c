// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* A guest of the whole pipeline, built outside the wbpf tree from an
 * installed wbpf: the skeleton, the SDK, rodata set before load and a .bss
 * counter read live after load.
 *   minimal_guest MAGIC: attach, print "attached", wait for a line on stdin,
 *   print how many getpgid(MAGIC) calls the kernel side counted. */
#include <stdio.h>
#include <stdlib.h>
#include <bpf/libbpf.h>
#include "minimal.skel.h"

int main(int argc, char **argv)
{
	struct minimal_bpf *skel;
	char line[16];
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: minimal_guest MAGIC\n");
		return 2;
	}
	skel = minimal_bpf__open();
	if (!skel) {
		fprintf(stderr, "minimal_guest: open failed\n");
		return 1;
	}
	skel->rodata->magic = strtoull(argv[1], NULL, 0);
	err = minimal_bpf__load(skel);
	if (!err)
		err = minimal_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "minimal_guest: load/attach failed: %d\n", err);
		goto cleanup;
	}
	printf("attached\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		err = -1;
	printf("hits=%llu\n", (unsigned long long)skel->bss->hits);
cleanup:
	minimal_bpf__destroy(skel);
	return err ? 1 : 0;
}
