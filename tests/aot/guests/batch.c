// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Batch delivery (WBPF_BUFFER_F_BATCH) against the kernel: every record
 * arrives exactly once, in order, whatever the guest does with a batch.
 *
 * usage: batch.wasm MODE COUNT MAGIC
 *   after "ready" the driver makes getpgid(MAGIC + seq) for seq < COUNT
 *   (pinned to one CPU); the guest polls until it has every record.
 * modes:
 *   sdk-ring  libbpf's ring_buffer (the SDK batches): the callback stops
 *             the poll (returns -1) at every 500th record; a 300 KiB record
 *             makes the SDK grow its batch buffer; discarded records never
 *             show
 *   sdk-perf  libbpf's perf_buffer (batched): every sample once
 *   raw-ring  the import itself: a callback that takes at most 3 records of
 *             each batch (the rest must come again), one that returns
 *             -EAGAIN (nothing taken), a buffer too small for a record
 *             (-EMSGSIZE, the record stays)
 *   raw-perf  the same on a perf buffer: what the guest does not take
 *             waits in the host for the next poll
 */
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch.h"
#include "batch.skel.h"

static int failures;
static unsigned char *seen;
static long long count, nseen, last = -1;
static int order_bad, dup, bad_big;

#define CHECK(cond, ...)                             \
	do {                                         \
		int _ok = !!(cond);                  \
		printf("%s: ", _ok ? "ok" : "FAIL"); \
		printf(__VA_ARGS__);                 \
		printf("\n");                        \
		failures += !_ok;                    \
	} while (0)

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool ring_expected(long long seq)
{
	return seq % BATCH_DISCARD_EVERY != BATCH_DISCARD_AT;
}

/* one record: seen once, in order */
static void record(const void *data, size_t size)
{
	const struct batch_event *e = data;
	long long seq = (long long)e->seq;

	if (size < sizeof(*e) || seq < 0 || seq >= count) {
		order_bad++;
		return;
	}
	if (seen[seq])
		dup++;
	seen[seq] = 1;
	if (seq <= last)
		order_bad++;
	last = seq;
	nseen++;
	if (seq == BATCH_BIG_SEQ &&
	    (size != BATCH_BIG_SIZE ||
	     *(const unsigned long long *)((const char *)data + BATCH_BIG_SIZE - 8) !=
		     (BATCH_BIG_SEQ ^ BATCH_BIG_TAG)))
		bad_big++;
}

static int stops;

static int on_sdk_ring(void *ctx, void *data, size_t size)
{
	const struct batch_event *e = data;

	(void)ctx;
	record(data, size);
	return e->seq % 500 == 499 ? -1 : 0;
}

static void on_sdk_perf(void *ctx, int cpu, void *data, __u32 size)
{
	(void)ctx;
	(void)cpu;
	record(data, size);
}

static void on_lost(void *ctx, int cpu, __u64 n)
{
	(void)ctx;
	printf("FAIL: %llu samples lost on CPU %d\n", (unsigned long long)n, cpu);
	failures++;
}

/* raw batches: take at most `take` records; -EAGAIN once when asked */
struct raw_ctx {
	int take;
	int refuse_once;
	int perf;
	int calls;
	int max_recs; /* the most records one batch held */
};

static int on_raw(void *ctx, void *data, size_t size)
{
	struct raw_ctx *c = ctx;
	char *p = data, *end = p + size;
	int n = 0, recs = 0;

	c->calls++;
	if (c->refuse_once) {
		c->refuse_once = 0;
		return -EAGAIN;
	}
	for (char *q = p; q < end;
	     q += WBPF_BATCH_REC_SIZE(((struct wbpf_batch_rec *)q)->len & WBPF_BATCH_LEN_MASK))
		recs++;
	if (recs > c->max_recs)
		c->max_recs = recs;
	while (p < end && n < c->take) {
		const struct wbpf_batch_rec *r = (const void *)p;
		__u32 len = r->len & WBPF_BATCH_LEN_MASK;

		if (!(r->len & WBPF_BATCH_DISCARDED)) {
			if (c->perf)
				record(p + sizeof(*r) + sizeof(struct wbpf_perf_record),
				       len - sizeof(struct wbpf_perf_record));
			else
				record(p + sizeof(*r), len);
			n++;
		}
		p += WBPF_BATCH_REC_SIZE(len);
	}
	return (int)(p - (char *)data);
}

static long long want(bool ring)
{
	long long n = 0, s;

	for (s = 0; s < count; s++)
		n += !ring || ring_expected(s);
	return n;
}

static void summary(bool ring)
{
	long long s, missing = 0;

	for (s = 0; s < count; s++)
		missing += (!ring || ring_expected(s)) && !seen[s];
	CHECK(nseen == want(ring), "records delivered: %lld of %lld", nseen, want(ring));
	CHECK(missing == 0, "none missing (%lld)", missing);
	CHECK(dup == 0, "none twice (%d)", dup);
	CHECK(order_bad == 0, "in order (%d out of order)", order_bad);
	if (ring) {
		for (s = 0; s < count; s++) {
			if (!ring_expected(s) && seen[s])
				break;
		}
		CHECK(s == count, "no discarded record delivered");
		if (count > BATCH_BIG_SEQ)
			CHECK(seen[BATCH_BIG_SEQ] && !bad_big, "the 300 KiB record arrived whole");
	}
}

static int run_sdk(struct batch_bpf *skel, bool ring)
{
	struct ring_buffer *rb = NULL;
	struct perf_buffer *pb = NULL;
	long long deadline;
	int n;

	if (ring)
		rb = ring_buffer__new(bpf_map__fd(skel->maps.rb), on_sdk_ring, NULL, NULL);
	else
		pb = perf_buffer__new(bpf_map__fd(skel->maps.pb), 64, on_sdk_perf, on_lost, NULL,
				      NULL);
	CHECK(rb || pb, "buffer created");
	if (!rb && !pb)
		return 1;
	printf("ready\n");
	fflush(stdout);
	deadline = now_ms() + 20000;
	while (nseen < want(ring) && now_ms() < deadline) {
		n = ring ? ring_buffer__poll(rb, 100) : perf_buffer__poll(pb, 100);
		if (n == -1)
			stops++;
		else if (n < 0)
			CHECK(0, "poll: %d", n);
	}
	summary(ring);
	if (ring) {
		int want_stops = 0;
		long long s;

		for (s = 499; s < count; s += 500)
			want_stops += ring_expected(s);
		CHECK(stops == want_stops, "the callback's -1 ended the poll %d times (%d)",
		      want_stops, stops);
	}
	ring_buffer__free(rb);
	perf_buffer__free(pb);
	return 0;
}

static int run_raw(struct batch_bpf *skel, bool ring)
{
	static char small[64 * 1024] __attribute__((aligned(8)));
	struct raw_ctx c = { .take = 3, .refuse_once = 1, .perf = !ring };
	int64_t obj = skel->obj->handle;
	char *data = small;
	int size = sizeof(small), id, n, polls = 0, over = 0, emsgsize = 0;
	long long deadline, before;

	id = wasm_bpf_buffer_new(obj, bpf_map__fd(ring ? skel->maps.rb : skel->maps.pb),
				 (int32_t)(uintptr_t)on_raw, (uint32_t)(uintptr_t)&c,
				 WBPF_BUFFER_F_BATCH | (ring ? 0 : WBPF_BUFFER_F_PERF_META), 64);
	CHECK(id > 0, "a batch buffer: id %d", id);
	if (id <= 0)
		return 1;
	printf("ready\n");
	fflush(stdout);
	deadline = now_ms() + 20000;
	while (nseen < want(ring) && now_ms() < deadline) {
		before = nseen;
		n = wasm_bpf_buffer_poll_id(obj, id, data, size, 100);
		polls++;
		if (n == -EAGAIN) {
			CHECK(nseen == before,
			      "-EAGAIN from the callback ends the poll, nothing taken");
			continue;
		}
		if (n == -EMSGSIZE && data == small) {
			/* the 300 KiB record: it stays until the buffer is big enough */
			emsgsize++;
			data = malloc(512 * 1024);
			size = 512 * 1024;
			continue;
		}
		if (n < 0) {
			CHECK(0, "poll: %d", n);
			break;
		}
		if (n != nseen - before)
			over++;
	}
	summary(ring);
	CHECK(over == 0, "each poll returned the number of records the callback took (%d wrong)",
	      over);
	CHECK(c.max_recs > c.take, "batches held more than that (up to %d records)", c.max_recs);
	if (ring && count > BATCH_BIG_SEQ)
		CHECK(emsgsize == 1, "a record larger than the buffer: -EMSGSIZE once (%d)",
		      emsgsize);
	CHECK(wasm_bpf_buffer_free(obj, id) == 0, "buffer freed");
	printf("polls=%d calls=%d\n", polls, c.calls);
	return 0;
}

int main(int argc, char **argv)
{
	struct batch_bpf *skel;
	const char *mode;
	int err;

	if (argc != 4) {
		fprintf(stderr, "usage: batch.wasm MODE COUNT MAGIC\n");
		return 2;
	}
	mode = argv[1];
	count = atoll(argv[2]);
	seen = calloc(count, 1);
	skel = batch_bpf__open();
	if (!skel || !seen) {
		printf("FAIL: open\n");
		return 1;
	}
	skel->rodata->magic = strtoull(argv[3], NULL, 0);
	err = batch_bpf__load(skel);
	if (!err)
		err = batch_bpf__attach(skel);
	CHECK(!err, "loaded and attached (%d)", err);
	if (err)
		return 1;
	if (strcmp(mode, "sdk-ring") == 0)
		run_sdk(skel, true);
	else if (strcmp(mode, "sdk-perf") == 0)
		run_sdk(skel, false);
	else if (strcmp(mode, "raw-ring") == 0)
		run_raw(skel, true);
	else if (strcmp(mode, "raw-perf") == 0)
		run_raw(skel, false);
	else
		CHECK(0, "unknown mode %s", mode);
	batch_bpf__destroy(skel);
	return failures;
}
