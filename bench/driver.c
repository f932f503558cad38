// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The benchmarks' driver: names itself DRAIN_COMM (so only its calls make
 * records) and makes N getppid() system calls, each one record. Prints
 * how long they took.
 *   driver N
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "drain.h"

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	long long i, n;

	if (argc != 2 || (n = atoll(argv[1])) <= 0) {
		fprintf(stderr, "usage: driver N\n");
		return 2;
	}
	if (prctl(PR_SET_NAME, DRAIN_COMM, 0, 0, 0)) {
		perror("driver: prctl");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("driver calls=%lld ns=%lld\n", n,
	       (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
	return 0;
}
