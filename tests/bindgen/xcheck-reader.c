// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The wasm32 half of the layout cross-check (see xcheck-gen.c): built with
 * clang --target=wasm32, no libc, and run by wasm-interp. It reads the bytes
 * the native writer produced through the generated bindings (gen.wasm.h) and
 * exports:
 *   run()       the number of fields that read back wrong (0 = all right)
 *   checked()   the number of fields checked
 *   first_bad() the index of the first wrong field in fields.txt (0: none)
 */
#include "gen.wasm.h"

#include "bytes.inc"

static int checked_, bad_, first_bad_;

#define CHECK(idx, cond)                            \
	do {                                        \
		checked_++;                         \
		if (!(cond)) {                      \
			bad_++;                     \
			if (!first_bad_)            \
				first_bad_ = (idx); \
		}                                   \
	} while (0)

__attribute__((unused)) static int eqb(const void *a, const char *b, int n)
{
	const unsigned char *x = a;
	const unsigned char *y = (const unsigned char *)b;
	int i;

	for (i = 0; i < n; i++)
		if (x[i] != y[i])
			return 0;
	return 1;
}

#include "checks.inc"

static void check_again(void)
{
	checked_ = 0;
	bad_ = 0;
	first_bad_ = 0;
	check_all();
}

__attribute__((export_name("run"))) int run(void)
{
	check_again();
	return bad_;
}

__attribute__((export_name("checked"))) int checked(void)
{
	check_again();
	return checked_;
}

__attribute__((export_name("first_bad"))) int first_bad(void)
{
	check_again();
	return first_bad_;
}
