// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Prints btf2wit's WIT keyword list, one a line, for wit-check.mjs to try
 * against the real parser. */
#include <stdio.h>

#include "wit-names.h"

int main(void)
{
	size_t n, i;
	const char *const *kw = wbpf_wit__keywords(&n);

	for (i = 0; i < n; i++)
		printf("%s\n", kw[i]);
	return 0;
}
