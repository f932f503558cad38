// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Compressed inputs for the host tests, made with zlib at build time:
 *   zfile compress IN OUT   IN as a zlib stream (what wbpf-skel embeds)
 *   zfile zeros MIB OUT     MIB MiB of zeros as a zlib stream: a "zip bomb"
 *                           of about MIB KiB
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

static int fail(const char *what, const char *path)
{
	fprintf(stderr, "zfile: %s: %s\n", path, what);
	return 1;
}

static int write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f))
		return fail("cannot write", path);
	return 0;
}

static int compress_file(const char *in, const char *out)
{
	unsigned char *src, *dst;
	uLongf dlen;
	long n;
	FILE *f = fopen(in, "rb");

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		return fail("cannot read", in);
	src = malloc(n ? n : 1);
	dlen = compressBound(n);
	dst = malloc(dlen);
	if (!src || !dst || fread(src, 1, n, f) != (size_t)n)
		return fail("cannot read", in);
	fclose(f);
	if (compress2(dst, &dlen, src, n, Z_BEST_COMPRESSION) != Z_OK)
		return fail("cannot compress", in);
	return write_file(out, dst, dlen);
}

static int zeros(const char *mib, const char *out)
{
	static unsigned char chunk[1 << 20];
	z_stream z = { 0 };
	unsigned char *dst;
	long i, n = atol(mib);
	size_t cap = (size_t)n * 2048 + 4096;

	dst = malloc(cap);
	if (n <= 0 || !dst || deflateInit(&z, Z_BEST_COMPRESSION) != Z_OK)
		return fail("cannot compress", out);
	z.next_out = dst;
	z.avail_out = (uInt)cap;
	for (i = 0; i < n; i++) {
		z.next_in = chunk;
		z.avail_in = sizeof(chunk);
		if (deflate(&z, i + 1 == n ? Z_FINISH : Z_NO_FLUSH) == Z_STREAM_ERROR)
			return fail("cannot compress", out);
	}
	if (z.avail_in || deflateEnd(&z) != Z_OK)
		return fail("cannot compress", out);
	return write_file(out, dst, z.total_out);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "compress"))
		return compress_file(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "zeros"))
		return zeros(argv[2], argv[3]);
	fprintf(stderr, "usage: zfile compress IN OUT | zfile zeros MIB OUT\n");
	return 2;
}
