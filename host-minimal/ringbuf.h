/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A BPF ring buffer read by the host itself, for batch delivery
 * (WBPF_BUFFER_F_BATCH). libbpf 1.1's ring_buffer consumes each record
 * before its callback returns, so a batch of records copied to the guest
 * would have left the ring before the guest saw them: a guest that stops
 * half-way (its callback returned < 0) would lose the rest. Reading the ring
 * here, as libbpf does (same mappings, same memory ordering), the consumer
 * position moves only past what the guest consumed.
 */
#ifndef __WBPF_RINGBUF_H
#define __WBPF_RINGBUF_H

#include <stddef.h>
#include <stdint.h>

struct wbpf_ringbuf {
	unsigned long *consumer_pos;	   /* the consumer page (read-write) */
	const unsigned long *producer_pos; /* the producer page (read-only) */
	const uint8_t *data;		   /* the data pages, mapped twice in a row */
	uint64_t mask;			   /* ring size - 1 */
	size_t page_size;
	size_t ro_len; /* length of the read-only mapping */
};

/* Maps ring buffer map fd of max_entries bytes; 0 or -errno. */
int wbpf_ringbuf__map(struct wbpf_ringbuf *r, int map_fd, uint32_t max_entries);
void wbpf_ringbuf__unmap(struct wbpf_ringbuf *r);

/*
 * The committed records from the consumer position on, as one span of at
 * most max bytes (whole records, kernel headers included; contiguous thanks
 * to the double mapping). *start is the consumer position, *len the span's
 * length (0: nothing committed), *nrec the records in it that were not
 * discarded. -EMSGSIZE when the first record alone is larger than max.
 */
int wbpf_ringbuf__span(const struct wbpf_ringbuf *r, uint64_t max, uint64_t *start, uint64_t *len,
		       uint32_t *nrec);

/*
 * One committed record at *pos (the consumer position the first time):
 * 1 with its bytes, size and whether it was discarded, *pos moved past it;
 * 0 when none is committed there.
 */
int wbpf_ringbuf__next(const struct wbpf_ringbuf *r, uint64_t *pos, const uint8_t **data,
		       uint32_t *len, int *discarded);
/* The consumer position, for wbpf_ringbuf__next(), and moving it. */
uint64_t wbpf_ringbuf__consumer(const struct wbpf_ringbuf *r);
void wbpf_ringbuf__set_consumer(const struct wbpf_ringbuf *r, uint64_t pos);

/* The span's bytes (valid until the consumer position moves past them). */
static inline const uint8_t *wbpf_ringbuf__at(const struct wbpf_ringbuf *r, uint64_t pos)
{
	return r->data + (pos & r->mask);
}

/*
 * Consumes the first `bytes` of the span (start, len, nrec as
 * wbpf_ringbuf__span() gave them), rounded up to a record boundary (a
 * record the guest consumed in part is consumed); returns the records (not
 * discarded) consumed.
 */
uint32_t wbpf_ringbuf__consume(const struct wbpf_ringbuf *r, uint64_t start, uint64_t len,
			       uint32_t nrec, uint64_t bytes);

#endif /* __WBPF_RINGBUF_H */
