// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The benchmarks' consumer. One source, built twice: natively against
 * libbpf with bpftool's skeleton, and as a wasm32 module against the wbpf
 * SDK with wbpf-skel's. The same handler (count the records, sum one
 * field) and the same timing, taken inside the consumer around the
 * measured part only.
 *
 *   drain drain ring|perf small|large N
 *       after "ready", wait for a line on standard input (the driver has
 *       made its N calls), then time draining every record already there
 *   drain live ring|perf small|large N
 *       producer and consumer at once: poll from "ready" until N records
 *       came, or 3 s passed without one; timed from the first record to
 *       the last, and the consumer's CPU time over the whole time
 *   drain maps K
 *       K updates, then K lookups, of a hash map from this side
 *
 * Prints one line: "result key=value ...". Exit status 0 when every record
 * came and the sum is right.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "drain.h"
#include "drain.skel.h"

static unsigned long long count, sum, lost;
/* live mode: when the first and the last record came */
static long long live_n, live_first, live_last;

static long long ns_of(clockid_t clock);

static int on_record(void *ctx, void *data, size_t size)
{
	const struct drain_head *h = data;

	(void)ctx;
	(void)size;
	count++;
	sum += h->value;
	return 0;
}

static void on_sample(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	on_record(ctx, data, size);
}

/* the live mode's handler: the same, and the time of the first and last */
static int on_record_live(void *ctx, void *data, size_t size)
{
	on_record(ctx, data, size);
	if (count == 1)
		live_first = ns_of(CLOCK_MONOTONIC);
	if ((long long)count == live_n)
		live_last = ns_of(CLOCK_MONOTONIC);
	return 0;
}

static void on_sample_live(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	on_record_live(ctx, data, size);
}

static void on_lost(void *ctx, int cpu, __u64 n)
{
	(void)ctx;
	(void)cpu;
	lost += n;
}

static long long ns_of(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* the smallest power of two >= n, at least a page */
static unsigned long long pow2(unsigned long long n)
{
	unsigned long long p = 4096;

	while (p < n)
		p *= 2;
	return p;
}

static int usage(void)
{
	fprintf(stderr, "usage: drain drain|live ring|perf small|large N | drain maps K\n");
	return 2;
}

static int run_maps(struct drain_bpf *skel, long long k)
{
	int fd = bpf_map__fd(skel->maps.hmap), err = 0;
	long long t0, t1, t2, i;
	__u64 value;
	__u32 key;

	t0 = ns_of(CLOCK_MONOTONIC);
	for (i = 0; i < k && !err; i++) {
		key = (__u32)(i & 1023);
		value = (__u64)i;
		err = bpf_map_update_elem(fd, &key, &value, BPF_ANY);
	}
	t1 = ns_of(CLOCK_MONOTONIC);
	for (i = 0; i < k && !err; i++) {
		key = (__u32)(i & 1023);
		err = bpf_map_lookup_elem(fd, &key, &value);
		sum += value;
	}
	t2 = ns_of(CLOCK_MONOTONIC);
	printf("result ops=%lld update_ns=%lld lookup_ns=%lld err=%d\n", k, t1 - t0, t2 - t1, err);
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct ring_buffer *rb = NULL;
	struct perf_buffer *pb = NULL;
	struct drain_bpf *skel;
	bool live, ring, large;
	long long n, t0, t1, c0, c1, idle;
	unsigned long long want_sum, before;
	size_t rec;
	char line[16];
	int err, ret = 1;

	if (argc == 3 && strcmp(argv[1], "maps") == 0) {
		skel = drain_bpf__open();
		if (!skel)
			return 1;
		bpf_program__set_autoload(skel->progs.drain_ring_small, false);
		bpf_program__set_autoload(skel->progs.drain_ring_large, false);
		bpf_program__set_autoload(skel->progs.drain_perf_small, false);
		bpf_program__set_autoload(skel->progs.drain_perf_large, false);
		if (drain_bpf__load(skel)) {
			fprintf(stderr, "drain: cannot load\n");
			return 1;
		}
		ret = run_maps(skel, atoll(argv[2]));
		drain_bpf__destroy(skel);
		return ret;
	}
	if (argc != 5)
		return usage();
	live = strcmp(argv[1], "live") == 0;
	ring = strcmp(argv[2], "ring") == 0;
	large = strcmp(argv[3], "large") == 0;
	n = atoll(argv[4]);
	if ((!live && strcmp(argv[1], "drain")) || (!ring && strcmp(argv[2], "perf")) ||
	    (!large && strcmp(argv[3], "small")) || n <= 0)
		return usage();
	rec = large ? DRAIN_LARGE : DRAIN_SMALL;

	skel = drain_bpf__open();
	if (!skel) {
		fprintf(stderr, "drain: cannot open the BPF object\n");
		return 1;
	}
	bpf_program__set_autoload(skel->progs.drain_ring_small, ring && !large);
	bpf_program__set_autoload(skel->progs.drain_ring_large, ring && large);
	bpf_program__set_autoload(skel->progs.drain_perf_small, !ring && !large);
	bpf_program__set_autoload(skel->progs.drain_perf_large, !ring && large);
	/* a ring that holds every record: 8-byte header, 8-aligned */
	if (ring)
		bpf_map__set_max_entries(skel->maps.rb, pow2(n * ((rec + 8 + 7) & ~7ull)));
	err = drain_bpf__load(skel);
	if (!err)
		err = drain_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "drain: cannot load and attach: %d\n", err);
		goto out;
	}
	live_n = n;
	if (ring) {
		rb = ring_buffer__new(bpf_map__fd(skel->maps.rb), live ? on_record_live : on_record,
				      NULL, NULL);
	} else {
		/* per CPU: perf header (8), size (4), record, 8-aligned */
		unsigned long long bytes = pow2(n * ((rec + 12 + 7) & ~7ull));

		pb = perf_buffer__new(bpf_map__fd(skel->maps.pb), bytes / 4096,
				      live ? on_sample_live : on_sample, on_lost, NULL, NULL);
	}
	if (!rb && !pb) {
		fprintf(stderr, "drain: cannot create the buffer: %s\n", strerror(errno));
		goto out;
	}
	printf("ready\n");
	fflush(stdout);

	if (!live) {
		if (!fgets(line, sizeof(line), stdin))
			goto out;
		t0 = ns_of(CLOCK_MONOTONIC);
		c0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
		do {
			before = count;
			err = ring ? ring_buffer__consume(rb) : perf_buffer__consume(pb);
		} while (err >= 0 && (long long)count < n && count != before);
		t1 = ns_of(CLOCK_MONOTONIC);
		c1 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	} else {
		t0 = ns_of(CLOCK_MONOTONIC);
		c0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
		idle = t0;
		while ((long long)count < n) {
			before = count;
			err = ring ? ring_buffer__poll(rb, 100) : perf_buffer__poll(pb, 100);
			if (err < 0)
				break;
			t1 = ns_of(CLOCK_MONOTONIC);
			if (count != before)
				idle = t1;
			else if (t1 - idle > 3000000000LL)
				break;
		}
		c1 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
		/* from the first record to the last */
		t0 = live_first;
		t1 = live_last ? live_last : ns_of(CLOCK_MONOTONIC);
	}
	want_sum = (unsigned long long)n * (unsigned long long)(n + 1) / 2;
	printf("result records=%llu sum_ok=%d lost=%llu perf_lost=%llu ns=%lld cpu_ns=%lld\n",
	       count, sum == want_sum, (unsigned long long)n - count, lost, t1 - t0, c1 - c0);
	ret = (long long)count == n && sum == want_sum ? 0 : 1;
out:
	ring_buffer__free(rb);
	perf_buffer__free(pb);
	drain_bpf__destroy(skel);
	return ret;
}
