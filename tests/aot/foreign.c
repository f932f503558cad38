// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* A shared object that is not an .aot module: if wasm-bpf ever loaded it,
 * its constructor would leave a mark. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void foreign_ran(void)
{
	const char *mark = getenv("WBPF_FOREIGN_MARK");

	if (mark)
		close(open(mark, O_WRONLY | O_CREAT, 0644));
}
