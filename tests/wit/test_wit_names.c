// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* C identifier -> WIT identifier mapping (btf2wit/wit-names.h). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "wit-names.h"

static void expect_kebab(const char *c, const char *want)
{
	char buf[128];
	int len = wbpf_wit__kebab(c, buf, sizeof(buf));

	if (len < 0 || strcmp(buf, want)) {
		print_error("kebab(\"%s\") = \"%s\" (%d), expected \"%s\"\n", c, buf, len, want);
		fail();
	}
	assert_int_equal(len, strlen(want));
}

static void test_kebab_words(void **state)
{
	(void)state;
	expect_kebab("pid", "pid");
	expect_kebab("foo_bar", "foo-bar");
	expect_kebab("TASK_COMM_LEN", "task-comm-len");
	expect_kebab("fooBar", "foo-bar");
	expect_kebab("XMLParser", "xml-parser");
	expect_kebab("sk_buff", "sk-buff");
	expect_kebab(".rodata", "rodata");
	expect_kebab(".data.my_cfg", "data-my-cfg");
}

static void test_kebab_underscores(void **state)
{
	(void)state;
	expect_kebab("__u32", "u32");
	expect_kebab("_private", "private");
	expect_kebab("trailing_", "trailing");
	expect_kebab("a__b", "a-b");
	expect_kebab("__a___b__", "a-b");
	expect_kebab("_", "x");
	expect_kebab("___", "x");
}

static void test_kebab_digits(void **state)
{
	(void)state;
	/* a WIT fragment cannot start with a digit */
	expect_kebab("ipv4", "ipv4");
	expect_kebab("ipv4_2", "ipv42");
	expect_kebab("arr_2d", "arr2d");
	expect_kebab("__pad0", "pad0");
	expect_kebab("_3d", "x3d");
	expect_kebab("x86_64", "x8664");
	expect_kebab("__be16", "be16");
}

static void test_kebab_too_long(void **state)
{
	char buf[4];

	(void)state;
	assert_int_equal(wbpf_wit__kebab("abcdef", buf, sizeof(buf)), -ENAMETOOLONG);
	assert_int_equal(wbpf_wit__kebab("a_b", buf, sizeof(buf)), 3);
	assert_int_equal(wbpf_wit__kebab(NULL, buf, sizeof(buf)), -EINVAL);
}

static void test_keywords(void **state)
{
	size_t n;

	(void)state;
	assert_true(wbpf_wit__is_keyword("type"));
	assert_true(wbpf_wit__is_keyword("u32"));
	assert_true(wbpf_wit__is_keyword("flags"));
	assert_true(wbpf_wit__is_keyword("map"));
	assert_true(wbpf_wit__is_keyword("error-context"));
	assert_false(wbpf_wit__is_keyword("types"));
	assert_false(wbpf_wit__is_keyword("pid"));
	assert_false(wbpf_wit__is_keyword("float32"));
	assert_non_null(wbpf_wit__keywords(&n));
	assert_true(n > 40);
}

static void test_names_collide(void **state)
{
	struct wbpf_wit_names *n = wbpf_wit_names__new();
	const char *a, *b, *c, *d, *e;

	(void)state;
	assert_non_null(n);
	assert_int_equal(wbpf_wit_names__add(n, "foo_bar", &a), 0);
	assert_int_equal(wbpf_wit_names__add(n, "foo__bar", &b), 0);
	assert_int_equal(wbpf_wit_names__add(n, "fooBar", &c), 0);
	assert_string_equal(a, "foo-bar");
	assert_string_equal(b, "foo-bar2");
	assert_string_equal(c, "foo-bar3");
	/* a C name that looks like a suffixed one still gets its own */
	assert_int_equal(wbpf_wit_names__add(n, "foo_bar4", &d), 0);
	assert_string_equal(d, "foo-bar4");
	assert_int_equal(wbpf_wit_names__add(n, "FOO_BAR", &e), 0);
	assert_string_equal(e, "foo-bar5");
	assert_true(wbpf_wit_names__has(n, "foo-bar2"));
	/* the validator compares names without hyphens and case */
	assert_true(wbpf_wit_names__has(n, "foobar"));
	assert_true(wbpf_wit_names__has(n, "Foo-Bar2"));
	assert_false(wbpf_wit_names__has(n, "foo-bar6"));
	assert_int_equal(wbpf_wit_names__reserve(n, "foo-bar"), -EEXIST);
	assert_int_equal(wbpf_wit_names__reserve(n, "other"), 0);
	wbpf_wit_names__free(n);
}

static void test_names_hyphens(void **state)
{
	struct wbpf_wit_names *n = wbpf_wit_names__new();
	const char *a, *b, *c;

	(void)state;
	assert_non_null(n);
	/* vmlinux has both struct io_apic and struct ioapic */
	assert_int_equal(wbpf_wit_names__add(n, "io_apic", &a), 0);
	assert_int_equal(wbpf_wit_names__add(n, "ioapic", &b), 0);
	assert_int_equal(wbpf_wit_names__add(n, "IOAPIC", &c), 0);
	assert_string_equal(a, "io-apic");
	assert_string_equal(b, "ioapic2");
	assert_string_equal(c, "ioapic3");
	wbpf_wit_names__free(n);
}

static void test_names_stable(void **state)
{
	static const char *const in[] = { "__u32", "u32", "_u32_", "type", "__type" };
	static const char *const want[] = { "u32", "u322", "u323", "type", "type2" };
	size_t i;

	(void)state;
	/* the same C names in the same order always get the same labels */
	for (int round = 0; round < 2; round++) {
		struct wbpf_wit_names *n = wbpf_wit_names__new();

		assert_non_null(n);
		for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
			const char *l;

			assert_int_equal(wbpf_wit_names__add(n, in[i], &l), 0);
			assert_string_equal(l, want[i]);
		}
		wbpf_wit_names__free(n);
	}
}

static void test_names_many(void **state)
{
	struct wbpf_wit_names *n = wbpf_wit_names__new();
	char name[32];
	int i;

	(void)state;
	assert_non_null(n);
	/* as many as a vmlinux has types: the set grows, lookups stay right */
	for (i = 0; i < 50000; i++) {
		const char *l;

		snprintf(name, sizeof(name), "t_%d_x", i);
		assert_int_equal(wbpf_wit_names__add(n, name, &l), 0);
	}
	assert_true(wbpf_wit_names__has(n, "t0-x"));
	assert_true(wbpf_wit_names__has(n, "t49999-x"));
	assert_false(wbpf_wit_names__has(n, "t50000-x"));
	wbpf_wit_names__free(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kebab_words),   cmocka_unit_test(test_kebab_underscores),
		cmocka_unit_test(test_kebab_digits),  cmocka_unit_test(test_kebab_too_long),
		cmocka_unit_test(test_keywords),      cmocka_unit_test(test_names_collide),
		cmocka_unit_test(test_names_hyphens), cmocka_unit_test(test_names_stable),
		cmocka_unit_test(test_names_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
