/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Compressed BPF objects: wbpf-skel embeds the object deflated (zlib
 * format), and the host inflates it before libbpf opens it. zlib does the
 * work (libbpf links it already); this file only bounds it, so that a
 * guest's "zip bomb" costs the host at most WBPF_INFLATE_MAX bytes.
 */
#ifndef __WBPF_INFLATE_H
#define __WBPF_INFLATE_H

#include <stdbool.h>
#include <stddef.h>

/* The most an object may inflate to: far above any BPF object (the
 * examples' objects with all their DWARF are under 1 MiB). */
#define WBPF_INFLATE_MAX (64u << 20)

/* Whether buf starts with a zlib or a gzip header. An ELF object starts
 * with 0x7f 'E' 'L' 'F', which is neither. */
bool wbpf_inflate__is_compressed(const void *buf, size_t len);

/*
 * Inflate the whole zlib or gzip stream src[0..len) into a new buffer
 * (free() it): 0 and *out, *out_len, or
 *   -E2BIG   it inflates to more than max bytes
 *   -EINVAL  not a valid stream: corrupt, truncated, or followed by more
 *            bytes (*msg says which)
 *   -ENOMEM
 * Nothing is allocated beyond max (plus a 4 KiB margin) however the input
 * is made.
 */
int wbpf_inflate__alloc(const void *src, size_t len, size_t max, void **out, size_t *out_len,
			const char **msg);

/* The same into dst[0..cap): the inflated size, or -ENOBUFS when it does
 * not fit in cap bytes, -EINVAL as above. */
long wbpf_inflate__into(const void *src, size_t len, void *dst, size_t cap, const char **msg);

#endif /* __WBPF_INFLATE_H */
