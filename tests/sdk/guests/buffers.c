// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Buffers against the kernel: two ring buffers in one ring_buffer (one
 * carrying 16 KiB records, four times the original runtime's 4 KiB cut),
 * a perf buffer reporting the CPU of each sample, and the same maps
 * through bcc's bpf_buffer API.
 *
 * usage: buffers.wasm TRIGGER N libbpf|bcc
 *   after "ready" the driver runs the trigger N times pinned to CPU 1; the
 *   guest prints every record it gets and stops once it has N of each kind.
 */
#include "guest.h"
#include "sdk_buffers.h"
#include "sdk_buffers.skel.h"

static int n_small, n_big, n_perf, big_bad;

static int on_small(void *ctx, void *data, size_t size)
{
	const struct sdk_small *s = data;

	(void)ctx;
	CHECK(size == sizeof(*s), "small record size %zu", size);
	printf("rb1 seq=%u comm=%s\n", s->seq, s->comm);
	n_small++;
	return 0;
}

static int on_big(void *ctx, void *data, size_t size)
{
	const struct sdk_big *b = data;
	unsigned int i, bad = 0;

	(void)ctx;
	for (i = 0; size == sizeof(*b) && i < SDK_BIG_WORDS; i++)
		bad += b->words[i] != sdk_big_word(b->seq, i);
	printf("rb2 seq=%u size=%zu pattern=%s\n", b->seq, size,
	       size == sizeof(*b) && !bad ? "ok" : "BAD");
	big_bad += size != sizeof(*b) || bad;
	n_big++;
	return 0;
}

static void on_perf(void *ctx, int cpu, void *data, __u32 size)
{
	const struct sdk_small *s = data;

	(void)ctx;
	printf("perf cpu=%d seq=%u comm=%s size=%u\n", cpu, s->seq, s->comm, size);
	n_perf++;
}

static void on_lost(void *ctx, int cpu, __u64 cnt)
{
	(void)ctx;
	printf("perf lost cpu=%d count=%llu\n", cpu, (unsigned long long)cnt);
}

/* bcc's bpf_buffer hands perf samples to the same callback as ring records */
static int on_bcc_perf(void *ctx, void *data, size_t size)
{
	const struct sdk_small *s = data;

	(void)ctx;
	CHECK(size >= sizeof(*s), "perf sample size %zu", size);
	printf("bcc perf seq=%u comm=%s\n", s->seq, s->comm);
	n_perf++;
	return 0;
}

static int run_libbpf(struct sdk_buffers_bpf *skel, int n)
{
	struct ring_buffer *rb;
	struct perf_buffer *pb;
	long long deadline;
	int err;

	rb = ring_buffer__new(bpf_map__fd(skel->maps.sdk_bf_rb1), on_small, NULL, NULL);
	if (!rb) {
		printf("ring_buffer__new failed: %s\n", errname(errno));
		return 1;
	}
	err = ring_buffer__add(rb, bpf_map__fd(skel->maps.sdk_bf_rb2), on_big, NULL);
	CHECK(err == 0, "ring_buffer__add: %s", errname(err));
	pb = perf_buffer__new(bpf_map__fd(skel->maps.sdk_bf_perf), 8, on_perf, on_lost, NULL, NULL);
	if (!pb) {
		printf("perf_buffer__new failed: %s\n", errname(errno));
		ring_buffer__free(rb);
		return 1;
	}
	/* wrong map types are refused, as in libbpf */
	printf("ring_on_perf_map=%s\n",
	       ring_buffer__new(bpf_map__fd(skel->maps.sdk_bf_perf), on_small, NULL, NULL) ?
		       "accepted" :
		       errname(errno));
	printf("ready\n");
	deadline = now_ms() + 15000;
	while (now_ms() < deadline && (n_small < n || n_big < n || n_perf < n)) {
		err = ring_buffer__poll(rb, 50);
		CHECK(err >= 0, "ring_buffer__poll: %s", errname(err));
		err = perf_buffer__poll(pb, 50);
		CHECK(err >= 0, "perf_buffer__poll: %s", errname(err));
	}
	ring_buffer__free(rb);
	perf_buffer__free(pb);
	return 0;
}

static int run_bcc(struct sdk_buffers_bpf *skel, int n)
{
	struct bpf_buffer *ring, *perf;
	long long deadline;
	int err;

	ring = bpf_buffer__new(skel->maps.sdk_bf_rb1, NULL);
	perf = bpf_buffer__new(skel->maps.sdk_bf_perf, NULL);
	if (!ring || !perf) {
		printf("bpf_buffer__new failed: %s\n", errname(errno));
		return 1;
	}
	err = bpf_buffer__open(ring, on_small, NULL, NULL);
	CHECK(err == 0, "bpf_buffer__open ring: %s", errname(err));
	err = bpf_buffer__open(perf, on_bcc_perf, on_lost, NULL);
	CHECK(err == 0, "bpf_buffer__open perf: %s", errname(err));
	printf("ready\n");
	deadline = now_ms() + 15000;
	while (now_ms() < deadline && (n_small < n || n_perf < n)) {
		err = bpf_buffer__poll(ring, 50);
		CHECK(err >= 0, "bpf_buffer__poll ring: %s", errname(err));
		err = bpf_buffer__poll(perf, 50);
		CHECK(err >= 0, "bpf_buffer__poll perf: %s", errname(err));
	}
	bpf_buffer__free(ring);
	bpf_buffer__free(perf);
	n_big = n; /* not used by this mode */
	return 0;
}

int main(int argc, char **argv)
{
	struct sdk_buffers_bpf *skel;
	int n, err;

	if (argc != 4) {
		fprintf(stderr, "usage: buffers TRIGGER N libbpf|bcc\n");
		return 2;
	}
	n = atoi(argv[2]);
	skel = sdk_buffers_bpf__open();
	if (!skel) {
		printf("open failed: %s\n", errname(errno));
		return 1;
	}
	set_trigger(skel->rodata->targ_comm, argv[1]);
	err = sdk_buffers_bpf__load(skel);
	if (!err)
		err = sdk_buffers_bpf__attach(skel);
	if (err) {
		printf("load/attach failed: %s\n", errname(err));
		sdk_buffers_bpf__destroy(skel);
		return 1;
	}
	err = strcmp(argv[3], "bcc") == 0 ? run_bcc(skel, n) : run_libbpf(skel, n);
	printf("done small=%d big=%d perf=%d big_bad=%d\n", n_small, n_big, n_perf, big_bad);
	sdk_buffers_bpf__destroy(skel);
	return err || guest_failures ? 1 : 0;
}
