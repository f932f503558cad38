// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The SDK turns host errnos (Linux numbers) into the guest's: its table of
 * Linux numbers (sdk/wbpf-errno.h) must be Linux's, checked here against
 * the build machine's <errno.h>.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "wbpf-errno.h"

struct errno_entry {
	const char *name;
	int sdk;
	int linux_nr;
};

static const struct errno_entry errnos[] = {
#define ENTRY(name, nr) { #name, nr, name },
	WBPF_LINUX_ERRNOS(ENTRY)
#undef ENTRY
};

static void test_linux_numbers(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++) {
		if (errnos[i].sdk != errnos[i].linux_nr) {
			print_error("%s: wbpf-errno.h says %d, <errno.h> %d\n", errnos[i].name,
				    errnos[i].sdk, errnos[i].linux_nr);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	assert_true(sizeof(errnos) / sizeof(errnos[0]) >= 70);
}

/* the numbers the aliases stand for are Linux's too */
static void test_aliases(void **state)
{
	(void)state;
	assert_int_equal(ENOTBLK, 15);
	assert_int_equal(ENODATA, 61);
	assert_int_equal(ETIME, 62);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linux_numbers),
		cmocka_unit_test(test_aliases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
