// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Batch delivery (WBPF_BUFFER_F_BATCH): many records per guest call, so the
 * cost of entering the guest is paid once per batch rather than once per
 * record. The batch format is the kernel ring buffer's own (8-byte header,
 * records 8-aligned), so ring buffer records go to the guest in one copy.
 *
 * Nothing is lost or delivered twice. Ring buffers are read by the host
 * (ringbuf.c): the consumer position moves past exactly what the guest
 * took. Perf records leave the kernel's rings as libbpf reads them, so
 * they wait in a host-side stage until the guest takes them; what it did
 * not take is delivered first at the next poll.
 *
 * With WBPF_BUFFER_F_RECORD_FN, an engine that calls the guest faster
 * than the guest loops (the interpreter) calls the guest's record function
 * once per record instead, from the same ring reader and stage.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>

#include <wbpf-abi.h>

#include "bpf-state.h"
#include "engine.h"
#include "guest-mem.h"

/* A perf stage is handed over once it holds this much (or the guest's
 * buffer is smaller): batches that stay in the cache. */
#define STAGE_BATCH (256u << 10)

int wbpf_batch__ring_add(struct wbpf_buffer *b, struct wbpf_ring_sub *sub, uint32_t max_entries)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int err;

	err = wbpf_ringbuf__map(&sub->ring, sub->map_fd, max_entries);
	if (err)
		return err;
	ev.data.ptr = sub;
	if (epoll_ctl(b->epoll_fd, EPOLL_CTL_ADD, sub->map_fd, &ev)) {
		err = -errno;
		wbpf_ringbuf__unmap(&sub->ring);
		return err;
	}
	return 0;
}

void wbpf_batch__free(struct wbpf_buffer *b)
{
	int i;

	for (i = 0; i < b->nsubs; i++)
		wbpf_ringbuf__unmap(&b->subs[i]->ring);
	free(b->stage);
	b->stage = NULL;
}

/* Per-record delivery for this poll? Reads the guest's record function
 * (struct wbpf_batch_ctx at the callback's ctx) into *fn and *ctx. */
static int per_record(struct wbpf_buffer *b, struct wbpf_ring_sub *sub, uint32_t *fn, uint32_t *ctx)
{
	struct wbpf_batch_ctx c;
	const void *p;

	if (!(b->flags & WBPF_BUFFER_F_RECORD_FN) || !b->vm->ops->per_record)
		return 0;
	p = wbpf_mem__ptr(b->vm, sub->ctx, sizeof(c));
	if (!p) {
		b->err = -EFAULT;
		return -EFAULT;
	}
	memcpy(&c, p, sizeof(c));
	*fn = (uint32_t)c.record_fn;
	*ctx = c.record_ctx;
	b->err = wbpf_vm__check_cb(b->vm, *fn);
	return b->err ? b->err : 1;
}

static void ring_records(struct wbpf_buffer *b, struct wbpf_ring_sub *sub, uint32_t fn,
			 uint32_t ctx)
{
	uint64_t pos = wbpf_ringbuf__consumer(&sub->ring), at;
	const uint8_t *data;
	int discarded;
	uint32_t len;

	for (;;) {
		at = pos;
		if (!wbpf_ringbuf__next(&sub->ring, &pos, &data, &len, &discarded))
			break;
		if (!discarded && len > b->max_size) {
			/* stays in the ring, for a poll with a larger buffer */
			b->err = -EMSGSIZE;
			pos = at;
			break;
		}
		if (!discarded && wbpf_buffer__deliver(b, fn, ctx, NULL, data, len) &&
		    b->err == WBPF_STOP_TRAPPED)
			return;
		wbpf_ringbuf__set_consumer(&sub->ring, pos);
		if (b->err)
			return;
	}
	wbpf_ringbuf__set_consumer(&sub->ring, pos);
}

/* Copies a batch to the guest and calls back: the bytes the guest took
 * (at most len), or < 0 with b->err set. */
static int64_t hand_over(struct wbpf_ring_sub *sub, const void *bytes, uint32_t len)
{
	struct wbpf_buffer *b = sub->buf;
	int32_t rc;
	int err;

	err = wbpf_buffer__call(b, sub->fn, sub->ctx, NULL, 0, bytes, len, &rc);
	if (err)
		return err;
	if (rc < 0) {
		b->err = rc;
		b->err_raw = true;
		return rc;
	}
	return (uint32_t)rc > len ? len : (uint32_t)rc;
}

void wbpf_batch__ring_consume(struct wbpf_buffer *b)
{
	uint64_t start, len;
	uint32_t nrec;
	int64_t took;
	int i, err;

	for (i = 0; i < b->nsubs && !b->err && !b->stop; i++) {
		struct wbpf_ring_sub *sub = b->subs[i];
		uint32_t fn, ctx;

		err = per_record(b, sub, &fn, &ctx);
		if (err < 0)
			return;
		if (err) {
			ring_records(b, sub, fn, ctx);
			continue;
		}
		for (;;) {
			err = wbpf_ringbuf__span(&sub->ring, b->max_size, &start, &len, &nrec);
			if (err) {
				b->err = err;
				return;
			}
			if (!len)
				break;
			took = hand_over(sub, wbpf_ringbuf__at(&sub->ring, start), (uint32_t)len);
			if (took < 0)
				return;
			b->count += wbpf_ringbuf__consume(&sub->ring, start, len, nrec, took);
			if ((uint64_t)took < len) {
				b->stop = true;
				return;
			}
		}
	}
}

/* The length of the longest run of whole staged records within max, and
 * how many records it holds; the stage's first record must fit. */
static size_t stage_prefix(const struct wbpf_buffer *b, size_t max, size_t upto, uint32_t *nrec)
{
	size_t pos = 0, n;
	uint32_t recs = 0;

	while (pos < b->stage_len && pos < upto) {
		const struct wbpf_batch_rec *r = (const void *)(b->stage + pos);

		n = WBPF_BATCH_REC_SIZE(r->len & WBPF_BATCH_LEN_MASK);
		if (pos + n > max)
			break;
		pos += n;
		recs++;
	}
	*nrec = recs;
	return pos;
}

/* The stage, record by record, to the record function. */
static void stage_records(struct wbpf_buffer *b, uint32_t fn, uint32_t ctx)
{
	size_t pos = 0, n;

	while (pos < b->stage_len) {
		const struct wbpf_batch_rec *r = (const void *)(b->stage + pos);
		uint32_t len = r->len & WBPF_BATCH_LEN_MASK;

		n = WBPF_BATCH_REC_SIZE(len);
		if (len > b->max_size) {
			b->err = -EMSGSIZE;
			break;
		}
		wbpf_buffer__deliver(b, fn, ctx, NULL, r + 1, len);
		if (b->err == WBPF_STOP_TRAPPED)
			return;
		pos += n;
		if (b->err)
			break;
	}
	memmove(b->stage, b->stage + pos, b->stage_len - pos);
	b->stage_len -= pos;
}

int wbpf_batch__perf_flush(struct wbpf_buffer *b)
{
	struct wbpf_ring_sub *sub = b->subs[0];
	size_t len, took_whole;
	uint32_t nrec, fn, ctx;
	int64_t took;

	if (b->stage_len && !b->err && !b->stop && per_record(b, sub, &fn, &ctx) > 0) {
		stage_records(b, fn, ctx);
		return b->err;
	}
	while (b->stage_len && !b->err && !b->stop) {
		len = stage_prefix(b, b->max_size, b->stage_len, &nrec);
		if (!len) {
			b->err = -EMSGSIZE;
			break;
		}
		took = hand_over(sub, b->stage, (uint32_t)len);
		if (took < 0)
			break;
		/* round what the guest took up to a whole record */
		took_whole = stage_prefix(b, len, (size_t)took, &nrec);
		if ((size_t)took == len)
			took_whole = len;
		b->count += nrec;
		memmove(b->stage, b->stage + took_whole, b->stage_len - took_whole);
		b->stage_len -= took_whole;
		if (took_whole < len)
			b->stop = true;
	}
	return b->err;
}

static int stage_room(struct wbpf_buffer *b, size_t need)
{
	size_t cap = b->stage_cap ? b->stage_cap : STAGE_BATCH;
	uint8_t *p;

	if (b->stage_len + need <= b->stage_cap)
		return 0;
	while (cap < b->stage_len + need)
		cap *= 2;
	p = realloc(b->stage, cap);
	if (!p)
		return -ENOMEM;
	b->stage = p;
	b->stage_cap = cap;
	return 0;
}

int wbpf_batch__perf_record(struct wbpf_buffer *b, const struct wbpf_perf_record *meta,
			    const void *data, uint32_t size)
{
	uint32_t hdr = meta ? sizeof(*meta) : 0, len;
	size_t n, batch = b->max_size < STAGE_BATCH ? b->max_size : STAGE_BATCH;
	struct wbpf_batch_rec rec = { 0 };

	if (size > WBPF_BATCH_LEN_MASK - hdr)
		return -EMSGSIZE;
	len = hdr + size;
	n = WBPF_BATCH_REC_SIZE(len);
	/* a full stage goes to the guest first, unless the poll is ending:
	 * then the record waits for the next poll (libbpf has consumed it) */
	if (b->stage_len && b->stage_len + n > batch && !b->err && !b->stop)
		wbpf_batch__perf_flush(b);
	if (b->err == WBPF_STOP_TRAPPED)
		return b->err;
	if (stage_room(b, n))
		return -ENOMEM;
	rec.len = len;
	memcpy(b->stage + b->stage_len, &rec, sizeof(rec));
	if (meta)
		memcpy(b->stage + b->stage_len + sizeof(rec), meta, hdr);
	memcpy(b->stage + b->stage_len + sizeof(rec) + hdr, data, size);
	memset(b->stage + b->stage_len + sizeof(rec) + len, 0, n - sizeof(rec) - len);
	b->stage_len += n;
	return 0;
}
