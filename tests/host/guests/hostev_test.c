// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The wasm_bpf ABI against the real kernel, with tests/host/bpf/hostev.bpf.c.
 * run-hostev.sh starts it, waits for "ready", makes the events with
 * `trigger getpgid MAGIC COUNT`, and checks what it printed.
 *
 *   records N MAGIC   N small ring records, every one, in order; then maps:
 *                     per-CPU lookup, NULL-key iteration, lookup-and-delete,
 *                     update/delete; .bss and .rodata mirrors
 *   big N MAGIC       a record larger than the buffer is -EMSGSIZE; then N
 *                     16 KiB records whole (the original cut at 4096)
 *   two N MAGIC       two ring maps in one buffer, each with its callback
 *   perf N MAGIC      a perf buffer with WBPF_BUFFER_F_PERF_META headers
 *   legacy-perf N MAGIC  the original wasm_bpf_buffer_poll on a perf map
 *   perf-lost N MAGIC a one-page perf buffer not polled while N events
 *                     come, then 10 more: the kernel reports what it lost
 *                     with the next sample, so delivered + lost = N + 10
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hostev.bpf.h"
#include "hostev.h"
#include "test-abi.h"

static int64_t obj;
static uint64_t ro_magic;  /* .rodata mirror */
static uint64_t bss_seen;  /* .bss mirror */
static uint32_t data_mode; /* .data mirror */

struct state {
	int count;
	int bad;     /* wrong magic, size or content */
	int order;   /* records out of order */
	int next;    /* expected next seq */
	int ctx_tag; /* which callback */
	int parity_bad;
	uint8_t *seen; /* seq bitmap, for unordered (perf) delivery */
	int dups;
	int lost;
	int ncpus;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int map_fd(const char *name)
{
	int fd = wasm_bpf_map_fd_by_name(obj, name);

	CHECK(fd >= 0, "fd of map %s (%d)", name, fd);
	return fd;
}

static void mirror(const char *map, void *ptr, uint32_t size)
{
	struct wbpf_map_info info;

	CHECK_EQ(wasm_bpf_map_info(obj, map, &info, sizeof(info)), 0, "map_info");
	CHECK_EQ(info.value_size, size, map);
	CHECK_EQ(info.fd, -1, "map fd before load");
	CHECK_EQ(wasm_bpf_map_mirror(obj, map, ptr, size), 0, "mirror");
}

static int setup(uint64_t magic, uint32_t mode)
{
	obj = wasm_bpf_object_open(hostev_bpf_o, hostev_bpf_o_len);
	CHECK(obj > 0, "open the object (handle %lld)", (long long)obj);
	if (obj <= 0)
		return -1;
	mirror(".rodata", &ro_magic, sizeof(ro_magic));
	mirror(".data", &data_mode, sizeof(data_mode));
	mirror(".bss", &bss_seen, sizeof(bss_seen));
	CHECK_EQ(ro_magic, 0, ".rodata initial value came into the mirror");
	CHECK_EQ(data_mode, HOSTEV_MODE_SMALL, ".data initial value came into the mirror");
	ro_magic = magic;
	data_mode = mode;
	CHECK_EQ(wasm_bpf_object_load(obj), 0, "load");
	CHECK_EQ(ro_magic, magic, ".rodata keeps what the guest set before load");
	CHECK(wasm_bpf_program_attach(obj, "hostev_getpgid", NULL) > 0, "attach by SEC name");
	return 0;
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct state *s = ctx;
	struct hostev_event *e = data;

	if (size != sizeof(*e) || e->magic != ro_magic) {
		s->bad++;
		return 0;
	}
	if ((int)e->seq != s->next)
		s->order++;
	s->next = e->seq + 1;
	s->count++;
	return 0;
}

static void poll_until(int64_t buf, void *data, int size, struct state *s, int n)
{
	double end = now_s() + 30;
	int r;

	while (s->count < n && now_s() < end) {
		r = wasm_bpf_buffer_poll_id(obj, buf, data, size, 100);
		if (r < 0) {
			CHECK(0, "poll returned %d", r);
			return;
		}
	}
}

static void check_maps(int n)
{
	int pfd = map_fd("pcpu"), hfd = map_fd("seqs"), ncpus = wasm_bpf_num_possible_cpus();
	uint8_t *vals = calloc(1, 8 * ncpus + 8), *seen = calloc(1, n);
	uint32_t key = 0, next, k;
	uint64_t v, sum = 0;
	int i, r, keys = 0, dup = 0;

	/* per-CPU: round_up(4, 8) bytes per possible CPU, not one more */
	memset(vals + 8 * ncpus, 0xaa, 8);
	CHECK_EQ(wasm_bpf_map_operate(pfd, WBPF_MAP_LOOKUP_ELEM, &key, vals, NULL, 0), 0,
		 "per-CPU lookup");
	for (i = 0; i < ncpus; i++) {
		uint32_t c;

		memcpy(&c, vals + 8 * i, 4);
		sum += c;
	}
	CHECK_EQ(sum, n, "per-CPU counts summed over all CPUs");
	CHECK(vals[8 * ncpus] == 0xaa && vals[8 * ncpus + 7] == 0xaa,
	      "nothing written past value_size 4 rounded to 8 x %d CPUs", ncpus);

	/* NULL key: the first key; then every key exactly once */
	r = wasm_bpf_map_operate(hfd, WBPF_MAP_GET_NEXT_KEY, NULL, NULL, &next, 0);
	while (r == 0) {
		if (next < (uint32_t)n && !seen[next])
			seen[next] = 1;
		else
			dup++;
		keys++;
		k = next;
		r = wasm_bpf_map_operate(hfd, WBPF_MAP_GET_NEXT_KEY, &k, NULL, &next, 0);
	}
	CHECK_EQ(r, -ENOENT, "iteration ends with -ENOENT");
	CHECK_EQ(keys, n, "keys found iterating from a NULL key");
	CHECK_EQ(dup, 0, "keys seen twice or out of range");

	key = 5;
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_LOOKUP_AND_DELETE_ELEM, &key, &v, NULL, 0), 0,
		 "lookup-and-delete (cmd 21)");
	CHECK_EQ(v, 6, "its value");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_LOOKUP_ELEM, &key, &v, NULL, 0), -ENOENT,
		 "the key is gone");
	key = 0x7fffffff;
	v = 42;
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_UPDATE_ELEM, &key, &v, NULL, 0), 0, "update");
	v = 0;
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_LOOKUP_ELEM, &key, &v, NULL, 0), 0, "lookup");
	CHECK_EQ(v, 42, "looked-up value");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_UPDATE_ELEM, &key, &v, NULL, 1 /* NOEXIST */),
		 -EEXIST, "update with BPF_NOEXIST on an existing key");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_DELETE_ELEM, &key, NULL, NULL, 0), 0, "delete");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_DELETE_ELEM, &key, NULL, NULL, 0), -ENOENT,
		 "delete again");
	free(vals);
	free(seen);
}

static void check_mirrors(int n, uint64_t magic)
{
	CHECK_EQ(bss_seen, n, ".bss mirror shows the kernel's counter");
	ro_magic = 1;
	wasm_bpf_abi_version(); /* any host call syncs */
	CHECK_EQ(ro_magic, magic, ".rodata is frozen: the guest's write is undone");
	data_mode = 77;
	wasm_bpf_abi_version();
	CHECK_EQ(data_mode, 77, ".data: the guest's write stays (it went to the kernel)");
}

static int mode_records(int n, uint64_t magic)
{
	static char data[256];
	struct state s = { 0 };
	int64_t buf;
	int fd;

	if (setup(magic, HOSTEV_MODE_SMALL))
		return 1;
	fd = map_fd("rb");
	buf = wasm_bpf_buffer_new(obj, fd, (int32_t)(uintptr_t)on_event, (uint32_t)(uintptr_t)&s, 0,
				  0);
	CHECK(buf > 0, "ring buffer (id %lld)", (long long)buf);
	printf("ready\n");
	poll_until(buf, data, sizeof(data), &s, n);
	CHECK_EQ(s.count, n, "records delivered");
	CHECK_EQ(s.bad, 0, "records with a wrong size or magic");
	CHECK_EQ(s.order, 0, "records out of order");
	check_maps(n);
	check_mirrors(n, magic);
	CHECK_EQ(wasm_bpf_buffer_free(obj, buf), 0, "free the buffer");
	CHECK_EQ(wasm_bpf_buffer_free(obj, buf), -EBADF, "free it again");
	CHECK_EQ(wasm_close_bpf_object(obj), 0, "close");
	CHECK_EQ(wasm_close_bpf_object(obj), -EBADF, "close again");
	CHECK_EQ(wasm_bpf_map_operate(fd, WBPF_MAP_LOOKUP_ELEM, data, data, NULL, 0), -EBADF,
		 "a closed object's map fd is not the guest's any more");
	return test_failures;
}

static int on_big(void *ctx, void *data, size_t size)
{
	struct state *s = ctx;
	struct hostev_event e;
	uint64_t tail;

	memcpy(&e, data, sizeof(e));
	memcpy(&tail, (char *)data + HOSTEV_BIG_SIZE - 8, 8);
	if (size != HOSTEV_BIG_SIZE || e.magic != ro_magic || tail != (e.seq ^ HOSTEV_BIG_TAG)) {
		s->bad++;
		return 0;
	}
	if ((int)e.seq != s->next)
		s->order++;
	s->next = e.seq + 1;
	s->count++;
	return 0;
}

static int mode_big(int n, uint64_t magic)
{
	static char small[4096], data[HOSTEV_BIG_SIZE + 64];
	struct state s = { .next = 1 };
	double end = now_s() + 30;
	int64_t buf;
	int r = 0;

	if (setup(magic, HOSTEV_MODE_SMALL))
		return 1;
	/* switch modes after load: the .data mirror carries it to the kernel */
	data_mode = HOSTEV_MODE_BIG;
	buf = wasm_bpf_buffer_new(obj, map_fd("rb"), (int32_t)(uintptr_t)on_big,
				  (uint32_t)(uintptr_t)&s, 0, 0);
	CHECK(buf > 0, "ring buffer (id %lld)", (long long)buf);
	CHECK_EQ(data_mode, HOSTEV_MODE_BIG, ".data mirror keeps the new mode");
	printf("ready\n");
	while (r == 0 && now_s() < end)
		r = wasm_bpf_buffer_poll_id(obj, buf, small, sizeof(small), 100);
	CHECK_EQ(r, -EMSGSIZE, "a 16 KiB record into a 4 KiB buffer: -EMSGSIZE, not cut");
	CHECK_EQ(s.count, 0, "and nothing delivered");
	poll_until(buf, data, sizeof(data), &s, n);
	CHECK_EQ(s.count, n, "16 KiB records delivered whole");
	CHECK_EQ(s.bad, 0, "records with a wrong size, head or tail");
	CHECK_EQ(s.order, 0, "records out of order");
	CHECK_EQ(wasm_close_bpf_object(obj), 0, "close");
	return test_failures;
}

static int on_two(void *ctx, void *data, size_t size)
{
	struct state *s = ctx;
	struct hostev_event *e = data;

	if (size != sizeof(*e) || e->magic != ro_magic)
		s->bad++;
	else if ((int)(e->seq & 1) != s->ctx_tag)
		s->parity_bad++;
	else
		s->count++;
	return 0;
}

static int mode_two(int n, uint64_t magic)
{
	static char data[256];
	struct state even = { .ctx_tag = 0 }, odd = { .ctx_tag = 1 };
	double end = now_s() + 30;
	int64_t buf;

	if (setup(magic, HOSTEV_MODE_TWO))
		return 1;
	buf = wasm_bpf_buffer_new(obj, map_fd("rb"), (int32_t)(uintptr_t)on_two,
				  (uint32_t)(uintptr_t)&even, 0, 0);
	CHECK(buf > 0, "ring buffer on rb (id %lld)", (long long)buf);
	CHECK_EQ(wasm_bpf_buffer_add(obj, buf, map_fd("rb2"), (int32_t)(uintptr_t)on_two,
				     (uint32_t)(uintptr_t)&odd),
		 0, "add rb2 to the same buffer");
	printf("ready\n");
	while (even.count + odd.count < n && now_s() < end)
		CHECK(wasm_bpf_buffer_poll_id(obj, buf, data, sizeof(data), 100) >= 0, "poll");
	CHECK_EQ(even.count, (n + 1) / 2, "even records on rb's callback");
	CHECK_EQ(odd.count, n / 2, "odd records on rb2's callback");
	CHECK_EQ(even.parity_bad + odd.parity_bad, 0, "records given to the other ring's callback");
	CHECK_EQ(even.bad + odd.bad, 0, "records with a wrong size or magic");
	CHECK_EQ(wasm_close_bpf_object(obj), 0, "close (frees the buffer)");
	return test_failures;
}

static int on_perf(void *ctx, void *data, size_t size)
{
	struct state *s = ctx;
	struct wbpf_perf_record h;
	struct hostev_event e;

	memcpy(&h, data, sizeof(h));
	if (h.type == WBPF_PERF_LOST) {
		s->lost += (int)h.lost;
		return 0;
	}
	memcpy(&e, (char *)data + sizeof(h), sizeof(e));
	/* raw perf samples are padded by the kernel to 8n+4 bytes */
	if (h.type != WBPF_PERF_SAMPLE || h.cpu >= (uint32_t)s->ncpus ||
	    size < sizeof(h) + sizeof(e) || e.magic != ro_magic || e.seq >= HOSTEV_SPAN) {
		s->bad++;
		return 0;
	}
	if (s->seen[e.seq])
		s->dups++;
	s->seen[e.seq] = 1;
	s->count++;
	return 0;
}

static int on_perf_bare(void *ctx, void *data, size_t size)
{
	struct state *s = ctx;
	struct hostev_event e;

	memcpy(&e, data, sizeof(e));
	if (size < sizeof(e) || e.magic != ro_magic || e.seq >= HOSTEV_SPAN) {
		s->bad++;
		return 0;
	}
	if (s->seen[e.seq])
		s->dups++;
	s->seen[e.seq] = 1;
	s->count++;
	return 0;
}

static int mode_perf_lost(int n, uint64_t magic)
{
	static char data[4096];
	struct state s = { .ncpus = wasm_bpf_num_possible_cpus() };
	int64_t buf;
	int r, i;

	s.seen = calloc(1, HOSTEV_SPAN);
	if (setup(magic, HOSTEV_MODE_PERF))
		return 1;
	buf = wasm_bpf_buffer_new(obj, map_fd("pb"), (int32_t)(uintptr_t)on_perf,
				  (uint32_t)(uintptr_t)&s, WBPF_BUFFER_F_PERF_META, 1);
	CHECK(buf > 0, "a one-page perf buffer (id %lld)", (long long)buf);
	printf("ready\n");
	/* let the events overflow it, then take what is there */
	while (bss_seen < (uint64_t)n) {
		sleep(1);
		wasm_bpf_abi_version();
	}
	r = wasm_bpf_buffer_consume(obj, buf, data, sizeof(data));
	CHECK(r > 0 && r < n, "the first consume gets part of them (%d)", r);
	printf("more please\n");
	for (i = 0; i < 100 && s.count + s.lost < n + 10; i++) {
		r = wasm_bpf_buffer_poll_id(obj, buf, data, sizeof(data), 100);
		if (r < 0)
			break;
	}
	CHECK(s.lost > 0, "samples reported lost (%d)", s.lost);
	CHECK(s.count > 0, "samples delivered (%d)", s.count);
	CHECK_EQ(s.count + s.lost, n + 10, "delivered + lost");
	CHECK_EQ(s.dups + s.bad, 0, "bad or repeated samples");
	CHECK_EQ(wasm_close_bpf_object(obj), 0, "close");
	return test_failures;
}

static int mode_perf(int n, uint64_t magic, int legacy)
{
	static char data[4096];
	struct state s = { .ncpus = wasm_bpf_num_possible_cpus() };
	double end = now_s() + 30;
	int64_t buf = 0;
	int fd;

	s.seen = calloc(1, HOSTEV_SPAN);
	if (setup(magic, HOSTEV_MODE_PERF))
		return 1;
	fd = map_fd("pb");
	if (!legacy) {
		buf = wasm_bpf_buffer_new(obj, fd, (int32_t)(uintptr_t)on_perf,
					  (uint32_t)(uintptr_t)&s, WBPF_BUFFER_F_PERF_META, 64);
		CHECK(buf > 0, "perf buffer (id %lld)", (long long)buf);
	} else {
		/* the original created its buffer on the first call */
		CHECK_EQ(wasm_bpf_buffer_poll(obj, fd, (int32_t)(uintptr_t)on_perf_bare,
					      (uint32_t)(uintptr_t)&s, data, sizeof(data), 0),
			 0, "first original poll: nothing yet");
	}
	printf("ready\n");
	while (s.count + s.lost < n && now_s() < end) {
		int r = legacy ? wasm_bpf_buffer_poll(obj, fd, (int32_t)(uintptr_t)on_perf_bare,
						      (uint32_t)(uintptr_t)&s, data, sizeof(data),
						      100) :
				 wasm_bpf_buffer_poll_id(obj, buf, data, sizeof(data), 100);

		CHECK(r >= 0, "poll (%d)", r);
		if (r < 0)
			break;
	}
	CHECK_EQ(s.count, n, "perf samples delivered");
	CHECK_EQ(s.lost, 0, "samples lost");
	CHECK_EQ(s.dups, 0, "samples delivered twice");
	CHECK_EQ(s.bad, 0, "samples with a wrong header, size or magic");
	CHECK_EQ(wasm_close_bpf_object(obj), 0, "close");
	return test_failures;
}

int main(int argc, char **argv)
{
	int n;
	uint64_t magic;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 4) {
		fprintf(stderr, "usage: hostev_test MODE N MAGIC\n");
		return 100;
	}
	n = atoi(argv[2]);
	magic = strtoull(argv[3], NULL, 0);
	if (strcmp(argv[1], "records") == 0)
		return mode_records(n, magic);
	if (strcmp(argv[1], "big") == 0)
		return mode_big(n, magic);
	if (strcmp(argv[1], "two") == 0)
		return mode_two(n, magic);
	if (strcmp(argv[1], "perf") == 0)
		return mode_perf(n, magic, 0);
	if (strcmp(argv[1], "legacy-perf") == 0)
		return mode_perf(n, magic, 1);
	if (strcmp(argv[1], "perf-lost") == 0)
		return mode_perf_lost(n, magic);
	fprintf(stderr, "hostev_test: unknown mode %s\n", argv[1]);
	return 100;
}
