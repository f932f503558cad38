// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* uprobe_target: the native program the uprobe example probes. It calls
 * uprobed_add(i, 10 * i) for i = 1..N (N from the command line, default 5),
 * so a tracer can check both the number of calls and their arguments.
 */
#include <stdio.h>
#include <stdlib.h>

/* noinline and used: the function must exist as a symbol and be called */
__attribute__((noinline, used)) int uprobed_add(int a, int b)
{
	/* keep the compiler from folding the calls away */
	__asm__ volatile("" ::: "memory");
	return a + b;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 5;
	long sum = 0;
	long i;

	if (n < 0 || n > 1000000) {
		fprintf(stderr, "uprobe_target: invalid count: %s\n", argv[1]);
		return 1;
	}
	for (i = 1; i <= n; i++)
		sum += uprobed_add((int)i, (int)(10 * i));
	printf("uprobe_target: called uprobed_add %ld times, sum %ld\n", n, sum);
	return 0;
}
