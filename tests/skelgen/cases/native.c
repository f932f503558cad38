// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bad input: an ELF object for the build machine, not for BPF. */
int native_function(int x)
{
	return x + 1;
}
