// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bounded inflation of compressed BPF objects with zlib (inflate.h). */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "inflate.h"

bool wbpf_inflate__is_compressed(const void *buf, size_t len)
{
	const unsigned char *b = buf;

	if (len < 2)
		return false;
	/* gzip: 1f 8b, method 8 (deflate) */
	if (b[0] == 0x1f && b[1] == 0x8b)
		return len >= 3 && b[2] == 8;
	/* zlib (RFC 1950): method 8, window <= 32 KiB, check bits */
	return (b[0] & 0x0f) == 8 && (b[0] >> 4) <= 7 && ((b[0] << 8) | b[1]) % 31 == 0;
}

/* One inflate run over src into the buffer *z points at; 0 at the stream's
 * end with all of src used, 1 when the output space ran out first. */
static int run(z_stream *z, const char **msg)
{
	int ret = inflate(z, Z_NO_FLUSH);

	switch (ret) {
	case Z_STREAM_END:
		if (z->avail_in) {
			*msg = "data after the end of the compressed stream";
			return -EINVAL;
		}
		return 0;
	case Z_OK:
		if (!z->avail_out)
			return 1;
		/* all input used, no end: truncated */
		*msg = "the compressed stream is truncated";
		return -EINVAL;
	case Z_BUF_ERROR:
		if (!z->avail_out)
			return 1;
		*msg = "the compressed stream is truncated";
		return -EINVAL;
	case Z_MEM_ERROR:
		return -ENOMEM;
	default: /* Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR */
		*msg = z->msg ? z->msg : "corrupt compressed data";
		return -EINVAL;
	}
}

static int begin(z_stream *z, const void *src, size_t len, const char **msg)
{
	memset(z, 0, sizeof(*z));
	if (len > UINT_MAX) {
		*msg = "the compressed object is larger than 4 GiB";
		return -EINVAL;
	}
	z->next_in = (Bytef *)src;
	z->avail_in = (uInt)len;
	/* 15 + 32: a 32 KiB window, zlib or gzip header detected */
	switch (inflateInit2(z, 15 + 32)) {
	case Z_OK:
		return 0;
	case Z_MEM_ERROR:
		return -ENOMEM;
	default:
		*msg = "zlib cannot start";
		return -EINVAL;
	}
}

int wbpf_inflate__alloc(const void *src, size_t len, size_t max, void **out, size_t *out_len,
			const char **msg)
{
	size_t cap, done = 0;
	unsigned char *buf = NULL, *nb;
	z_stream z;
	int ret;

	*msg = "";
	ret = begin(&z, src, len, msg);
	if (ret)
		return ret;
	/* objects compress about 2.5 times: start at 4 times, then double,
	 * never past max + 1 (one byte more tells "too big") */
	cap = len < max / 4 ? len * 4 + 4096 : max + 1;
	for (;;) {
		if (cap > max + 1)
			cap = max + 1;
		nb = realloc(buf, cap);
		if (!nb) {
			ret = -ENOMEM;
			break;
		}
		buf = nb;
		z.next_out = buf + done;
		z.avail_out = (uInt)(cap - done);
		ret = run(&z, msg);
		done = cap - z.avail_out;
		if (ret <= 0)
			break;
		if (done > max) {
			ret = -E2BIG;
			break;
		}
		cap *= 2;
	}
	inflateEnd(&z);
	if (!ret && done > max)
		ret = -E2BIG;
	if (ret) {
		free(buf);
		return ret;
	}
	*out = buf;
	*out_len = done;
	return 0;
}

long wbpf_inflate__into(const void *src, size_t len, void *dst, size_t cap, const char **msg)
{
	unsigned char spare;
	z_stream z;
	long ret;

	*msg = "";
	if (cap > UINT_MAX)
		cap = UINT_MAX;
	ret = begin(&z, src, len, msg);
	if (ret)
		return ret;
	z.next_out = dst;
	z.avail_out = (uInt)cap;
	ret = run(&z, msg);
	if (ret == 1) {
		/* dst is full: the stream may still end here, or want more */
		z.next_out = &spare;
		z.avail_out = 1;
		ret = run(&z, msg);
		if (ret == 1 || (ret == 0 && !z.avail_out))
			ret = -ENOBUFS;
	}
	if (!ret)
		ret = (long)z.total_out;
	inflateEnd(&z);
	return ret;
}
