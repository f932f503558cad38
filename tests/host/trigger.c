// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Makes events for the host's kernel tests, natively:
 *   trigger getpgid MAGIC COUNT [FIRST]  getpgid(MAGIC + FIRST + i), i < COUNT
 *   trigger udp PORT COUNT               COUNT UDP datagrams to 127.0.0.1:PORT
 *   trigger func COUNT                   COUNT calls of wbpf_trigger_func()
 *                                        (a uprobe target)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((noinline, used)) int wbpf_trigger_func(int i)
{
	__asm__ volatile("" ::: "memory");
	return i * 2;
}

int main(int argc, char **argv)
{
	long i, count;

	if (argc >= 4 && strcmp(argv[1], "getpgid") == 0) {
		long magic = strtol(argv[2], NULL, 0), first = argc > 4 ? atol(argv[4]) : 0;

		count = atol(argv[3]);
		for (i = 0; i < count; i++)
			syscall(SYS_getpgid, magic + first + i);
		return 0;
	}
	if (argc >= 4 && strcmp(argv[1], "udp") == 0) {
		struct sockaddr_in a = { .sin_family = AF_INET };
		int s = socket(AF_INET, SOCK_DGRAM, 0);

		a.sin_port = htons(atoi(argv[2]));
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		count = atol(argv[3]);
		for (i = 0; i < count; i++)
			sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof(a));
		close(s);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "func") == 0) {
		int sum = 0;

		count = atol(argv[2]);
		for (i = 0; i < count; i++)
			sum += wbpf_trigger_func((int)i);
		return sum == -1;
	}
	fprintf(stderr,
		"usage: trigger getpgid MAGIC COUNT [FIRST] | udp PORT COUNT | func COUNT\n");
	return 2;
}
