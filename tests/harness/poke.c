// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* poke MAGIC COUNT: COUNT getpgid(MAGIC) calls (they fail; the tracepoint
 * sees them). */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long magic, count, i;

	if (argc != 3)
		return 2;
	magic = strtol(argv[1], NULL, 0);
	count = strtol(argv[2], NULL, 0);
	for (i = 0; i < count; i++)
		syscall(SYS_getpgid, magic);
	return 0;
}
