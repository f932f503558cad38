/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Test-only guest header: the raw `wasm_bpf` imports, expanded from
 * sdk/wasm-bpf-abi.def (the real SDK is sdk/libbpf-wasm.h), and the checks
 * every test guest prints: "ok: what" or "FAIL: what: got X, expected Y".
 * A guest's exit status is its number of failed checks.
 */
#ifndef __WBPF_TEST_ABI_H
#define __WBPF_TEST_ABI_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <wbpf-abi.h>

#define WBPF_IMPORT(name, params, result, c_result, c_params)                  \
	__attribute__((import_module(WBPF_IMPORT_MODULE), import_name(#name))) \
	c_result name c_params;
#include <wasm-bpf-abi.def>
#undef WBPF_IMPORT

static int test_failures;

#define CHECK(cond, ...)                                      \
	do {                                                  \
		if (cond) {                                   \
			printf("ok: ");                       \
		} else {                                      \
			printf("FAIL (line %d): ", __LINE__); \
			test_failures++;                      \
		}                                             \
		printf(__VA_ARGS__);                          \
		printf("\n");                                 \
	} while (0)

#define CHECK_EQ(actual, expected, what)                                                        \
	do {                                                                                    \
		long long _a = (long long)(actual), _e = (long long)(expected);                 \
		if (_a == _e) {                                                                 \
			printf("ok: %s = %lld\n", what, _a);                                    \
		} else {                                                                        \
			printf("FAIL (line %d): %s: got %lld, expected %lld\n", __LINE__, what, \
			       _a, _e);                                                         \
			test_failures++;                                                        \
		}                                                                               \
	} while (0)

#endif /* __WBPF_TEST_ABI_H */
