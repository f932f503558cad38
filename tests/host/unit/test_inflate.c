// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * host-minimal/inflate.c: what a guest may hand the host as a compressed
 * BPF object. A good zlib or gzip stream inflates to its bytes; a corrupt,
 * truncated or overlong one is -EINVAL with a reason; one that inflates
 * past the limit (a "zip bomb") is -E2BIG and gives nothing back; an ELF is
 * not taken for a stream.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "inflate.h"

/* n bytes that compress but not to nothing */
static unsigned char *pattern(size_t n)
{
	unsigned char *p = malloc(n);
	size_t i;

	assert_non_null(p);
	for (i = 0; i < n; i++)
		p[i] = (unsigned char)((i * 7) ^ (i >> 5));
	return p;
}

/* deflate src into a zlib (wbits 15) or gzip (wbits 31) stream */
static unsigned char *deflate_buf(const void *src, size_t n, int wbits, size_t *zlen)
{
	z_stream z = { 0 };
	unsigned char *out;
	size_t cap;

	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, wbits, 9, Z_DEFAULT_STRATEGY), Z_OK);
	cap = deflateBound(&z, n);
	out = malloc(cap);
	assert_non_null(out);
	z.next_in = (Bytef *)src;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*zlen = z.total_out;
	deflateEnd(&z);
	return out;
}

static void round_trip(int wbits)
{
	size_t n = 100000, zlen, outlen = 0;
	unsigned char *src = pattern(n), *z = deflate_buf(src, n, wbits, &zlen), *dst;
	const char *msg = NULL;
	void *out = NULL;

	assert_true(wbpf_inflate__is_compressed(z, zlen));
	assert_int_equal(wbpf_inflate__alloc(z, zlen, WBPF_INFLATE_MAX, &out, &outlen, &msg), 0);
	assert_int_equal(outlen, n);
	assert_memory_equal(out, src, n);
	free(out);

	/* into a buffer of exactly the size, and of one byte less */
	dst = malloc(n);
	assert_non_null(dst);
	assert_int_equal(wbpf_inflate__into(z, zlen, dst, n, &msg), (long)n);
	assert_memory_equal(dst, src, n);
	assert_int_equal(wbpf_inflate__into(z, zlen, dst, n - 1, &msg), -ENOBUFS);
	free(dst);
	free(z);
	free(src);
}

static void test_zlib_round_trip(void **state)
{
	(void)state;
	round_trip(15);
}

static void test_gzip_round_trip(void **state)
{
	(void)state;
	round_trip(31);
}

static void test_elf_is_not_compressed(void **state)
{
	static const unsigned char elf[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0 };
	static const unsigned char zlib_hdr[] = { 0x78, 0xda, 0 };
	static const unsigned char bad_check[] = { 0x78, 0xdb, 0 };

	(void)state;
	assert_false(wbpf_inflate__is_compressed(elf, sizeof(elf)));
	assert_false(wbpf_inflate__is_compressed(zlib_hdr, 1));
	assert_true(wbpf_inflate__is_compressed(zlib_hdr, sizeof(zlib_hdr)));
	assert_false(wbpf_inflate__is_compressed(bad_check, sizeof(bad_check)));
}

static void expect_invalid(const void *z, size_t zlen, const char *why)
{
	const char *msg = NULL;
	unsigned char dst[4096];
	size_t outlen = 0;
	void *out = NULL;

	assert_int_equal(wbpf_inflate__alloc(z, zlen, WBPF_INFLATE_MAX, &out, &outlen, &msg),
			 -EINVAL);
	assert_null(out);
	assert_non_null(msg);
	assert_true(msg[0] != '\0');
	if (why)
		assert_non_null(strstr(msg, why));
	assert_int_equal(wbpf_inflate__into(z, zlen, dst, sizeof(dst), &msg), -EINVAL);
}

static void test_corrupt_truncated_trailing(void **state)
{
	size_t n = 3000, zlen;
	unsigned char *src = pattern(n), *z = deflate_buf(src, n, 15, &zlen), *t;

	(void)state;
	expect_invalid(z, zlen / 2, "truncated");
	expect_invalid(z, zlen - 1, NULL); /* the Adler-32 cut short */

	t = malloc(zlen + 4);
	assert_non_null(t);
	memcpy(t, z, zlen);
	memcpy(t + zlen, "junk", 4);
	expect_invalid(t, zlen + 4, "after the end");

	/* a wrong checksum, then garbage where the blocks are */
	memcpy(t, z, zlen);
	t[zlen - 1] ^= 0xff;
	expect_invalid(t, zlen, NULL);
	memcpy(t, z, zlen);
	memset(t + 2, 0xff, zlen - 2);
	expect_invalid(t, zlen, NULL);
	free(t);
	free(z);
	free(src);
}

static void test_bomb(void **state)
{
	/* 256 MiB of zeros deflates to about 256 KiB: four times the limit */
	size_t n = 256u << 20, zlen, outlen = 0;
	unsigned char *zeros = calloc(1, n), *z;
	const char *msg = NULL;
	void *out = NULL;

	(void)state;
	assert_non_null(zeros);
	z = deflate_buf(zeros, n, 15, &zlen);
	free(zeros);
	assert_true(zlen < 1u << 20);
	assert_int_equal(wbpf_inflate__alloc(z, zlen, WBPF_INFLATE_MAX, &out, &outlen, &msg),
			 -E2BIG);
	assert_null(out);
	/* a small limit holds too */
	assert_int_equal(wbpf_inflate__alloc(z, zlen, 1000, &out, &outlen, &msg), -E2BIG);
	assert_null(out);
	free(z);
}

static void test_exactly_the_limit(void **state)
{
	size_t n = 5000, zlen, outlen = 0;
	unsigned char *src = pattern(n), *z = deflate_buf(src, n, 15, &zlen);
	const char *msg = NULL;
	void *out = NULL;

	(void)state;
	assert_int_equal(wbpf_inflate__alloc(z, zlen, n, &out, &outlen, &msg), 0);
	assert_int_equal(outlen, n);
	free(out);
	out = NULL;
	assert_int_equal(wbpf_inflate__alloc(z, zlen, n - 1, &out, &outlen, &msg), -E2BIG);
	assert_null(out);
	free(z);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zlib_round_trip),
		cmocka_unit_test(test_gzip_round_trip),
		cmocka_unit_test(test_elf_is_not_compressed),
		cmocka_unit_test(test_corrupt_truncated_trailing),
		cmocka_unit_test(test_bomb),
		cmocka_unit_test(test_exactly_the_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
