// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A BPF ring buffer read by the host (ringbuf.h): the mappings and the
 * acquire/release protocol of libbpf's ring_buffer (libbpf 1.1,
 * ringbuf.c), with a consumer position that moves only when the guest has
 * taken the records.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ringbuf.h"

#ifndef PREFETCH_AHEAD
#define PREFETCH_AHEAD 4096
#endif

static inline uint64_t load_acquire_ul(const unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static inline uint32_t load_acquire_u32(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* A record's bytes in the ring, header included, 8-aligned. */
static inline uint64_t rec_len(uint32_t hdr)
{
	return ((uint64_t)(hdr & ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT)) +
		BPF_RINGBUF_HDR_SZ + 7) &
	       ~7ull;
}

int wbpf_ringbuf__map(struct wbpf_ringbuf *r, int map_fd, uint32_t max_entries)
{
	void *p;

	r->page_size = (size_t)sysconf(_SC_PAGESIZE);
	if (!max_entries || (max_entries & (max_entries - 1)))
		return -EINVAL;
	p = mmap(NULL, r->page_size, PROT_READ | PROT_WRITE, MAP_SHARED, map_fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	r->consumer_pos = p;
	/* the data pages follow the producer page twice, so a record that
	 * wraps around the end of the ring reads as one piece */
	r->ro_len = r->page_size + 2 * (size_t)max_entries;
	p = mmap(NULL, r->ro_len, PROT_READ, MAP_SHARED, map_fd, (off_t)r->page_size);
	if (p == MAP_FAILED) {
		int err = -errno;

		munmap(r->consumer_pos, r->page_size);
		r->consumer_pos = NULL;
		return err;
	}
	r->producer_pos = p;
	r->data = (const uint8_t *)p + r->page_size;
	r->mask = (uint64_t)max_entries - 1;
	return 0;
}

void wbpf_ringbuf__unmap(struct wbpf_ringbuf *r)
{
	if (r->consumer_pos)
		munmap(r->consumer_pos, r->page_size);
	if (r->producer_pos)
		munmap((void *)r->producer_pos, r->ro_len);
	r->consumer_pos = NULL;
	r->producer_pos = NULL;
}

int wbpf_ringbuf__span(const struct wbpf_ringbuf *r, uint64_t max, uint64_t *start, uint64_t *len,
		       uint32_t *nrec)
{
	uint64_t cons = load_acquire_ul(r->consumer_pos), end = cons, prod, n;
	uint32_t hdr, recs = 0;

	prod = load_acquire_ul(r->producer_pos);
	while (end < prod) {
		/* the records lie in a row but their pages do not (the ring is
		 * vmalloc'ed): the hardware prefetcher stops at every page, so
		 * ask for what comes next ourselves */
		__builtin_prefetch(wbpf_ringbuf__at(r, end + PREFETCH_AHEAD));
		hdr = load_acquire_u32((const uint32_t *)wbpf_ringbuf__at(r, end));
		if (hdr & BPF_RINGBUF_BUSY_BIT)
			break; /* not committed yet: the span ends here */
		n = rec_len(hdr);
		if (end - cons + n > max) {
			if (end == cons)
				return -EMSGSIZE;
			break;
		}
		end += n;
		if (!(hdr & BPF_RINGBUF_DISCARD_BIT))
			recs++;
	}
	*start = cons;
	*len = end - cons;
	*nrec = recs;
	return 0;
}

uint32_t wbpf_ringbuf__consume(const struct wbpf_ringbuf *r, uint64_t start, uint64_t len,
			       uint32_t nrec, uint64_t bytes)
{
	uint64_t pos = start, end = start + len;
	uint32_t hdr, recs = 0;

	if (bytes >= len) {
		__atomic_store_n(r->consumer_pos, end, __ATOMIC_RELEASE);
		return nrec;
	}
	while (pos < end && pos - start < bytes) {
		hdr = *(const uint32_t *)wbpf_ringbuf__at(r, pos);
		pos += rec_len(hdr);
		if (!(hdr & BPF_RINGBUF_DISCARD_BIT))
			recs++;
	}
	__atomic_store_n(r->consumer_pos, pos, __ATOMIC_RELEASE);
	return recs;
}

uint64_t wbpf_ringbuf__consumer(const struct wbpf_ringbuf *r)
{
	return load_acquire_ul(r->consumer_pos);
}

void wbpf_ringbuf__set_consumer(const struct wbpf_ringbuf *r, uint64_t pos)
{
	__atomic_store_n(r->consumer_pos, pos, __ATOMIC_RELEASE);
}

int wbpf_ringbuf__next(const struct wbpf_ringbuf *r, uint64_t *pos, const uint8_t **data,
		       uint32_t *len, int *discarded)
{
	uint32_t hdr;

	if (*pos >= load_acquire_ul(r->producer_pos))
		return 0;
	hdr = load_acquire_u32((const uint32_t *)wbpf_ringbuf__at(r, *pos));
	if (hdr & BPF_RINGBUF_BUSY_BIT)
		return 0;
	*data = wbpf_ringbuf__at(r, *pos) + BPF_RINGBUF_HDR_SZ;
	*len = hdr & ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);
	*discarded = !!(hdr & BPF_RINGBUF_DISCARD_BIT);
	*pos += rec_len(hdr);
	return 1;
}
