/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Guest SDK: libbpf's ring_buffer and perf_buffer, and bcc's bpf_buffer.
 *
 * Buffers live in the host (wasm_bpf_buffer_new); a poll copies records
 * into a guest record buffer and calls a guest function through the
 * module's function table. From wbpf ABI version 2 on, records come in
 * batches (WBPF_BUFFER_F_BATCH): one guest call per batch, and a
 * trampoline here calls the user's callback for each record, inside the
 * guest (a negative return ends the poll with that value, as in libbpf;
 * the records after it stay in the buffer). The record buffer then holds
 * a batch (WBPF_SDK_BATCH_BYTES), and grows to the map's size when a
 * larger ring buffer record comes. With an older host, each record is
 * delivered alone: the record buffer is sized from the map (a ring
 * buffer's max_entries; 64 KiB, perf's largest record, for perf buffers)
 * and ring buffer callbacks are called by the host directly. Perf buffer
 * callbacks go through a trampoline either way that splits the host's
 * per-record header (struct wbpf_perf_record) into libbpf's (cpu, data,
 * size) and lost-count calls.
 *
 * Part of the guest SDK: include <libbpf-wasm.h>, not this file.
 */
#ifndef __WBPF_SDK_BUFFER_H
#define __WBPF_SDK_BUFFER_H

#ifndef __LIBBPF_WASM_H
#error "include <libbpf-wasm.h>, not wbpf-sdk-buffer.h"
#endif

/* perf's record header size field is 16 bits: no sample is larger */
#define WBPF_SDK_PERF_RECORD_MAX (64 * 1024)
/* The guest's record buffer in batch mode: batches that stay in cache. */
#ifndef WBPF_SDK_BATCH_BYTES
#define WBPF_SDK_BATCH_BYTES (256 * 1024)
#endif

/* Does the host deliver batches (WBPF_BUFFER_F_BATCH, ABI version 2)?
 * Defining WBPF_SDK_NO_BATCH asks for one call per record (the
 * benchmarks compare both). */
static inline bool wbpf_sdk_batches(void)
{
#ifdef WBPF_SDK_NO_BATCH
	return false;
#else
	static int have = -1;

	if (have < 0)
		have = wasm_bpf_abi_version() >= 2;
	return have;
#endif
}

static inline int wbpf_sdk_buf_register(struct wbpf_sdk_buf *buf, struct bpf_object *obj, int id)
{
	buf->obj = obj;
	buf->id = id;
	buf->next = obj->bufs;
	obj->bufs = buf;
	return 0;
}

static inline void wbpf_sdk_buf_unregister(struct wbpf_sdk_buf *buf)
{
	struct wbpf_sdk_buf **pos;

	if (!buf->obj)
		return;
	wasm_bpf_buffer_free(buf->obj->handle, buf->id);
	for (pos = &buf->obj->bufs; *pos; pos = &(*pos)->next) {
		if (*pos == buf) {
			*pos = buf->next;
			break;
		}
	}
	buf->obj = NULL;
}

/* The loaded map behind fd, of the wanted type; NULL + errno otherwise. */
static inline struct bpf_map *wbpf_sdk_buffer_map(int map_fd, __u32 type, const char *what)
{
	const struct wbpf_map_info *info;
	struct bpf_map *map;

	map = wbpf_sdk_map_by_fd(map_fd);
	if (!map) {
		wbpf_sdk_pr(LIBBPF_WARN, "%s: fd %d is not a map of a loaded object\n", what,
			    map_fd);
		return wbpf_sdk_err_ptr(-EBADF);
	}
	info = wbpf_sdk_map_info(map);
	if (!info)
		return NULL;
	if (info->type != type) {
		wbpf_sdk_pr(LIBBPF_WARN, "%s: map '%s' is not a %s\n", what, map->name,
			    type == BPF_MAP_TYPE_RINGBUF ? "BPF_MAP_TYPE_RINGBUF" :
							   "BPF_MAP_TYPE_PERF_EVENT_ARRAY");
		return wbpf_sdk_err_ptr(-EINVAL);
	}
	return map;
}

static inline int wbpf_sdk_grow(void **data, size_t *data_sz, size_t want)
{
	void *p;

	if (want <= *data_sz)
		return 0;
	if (want > INT32_MAX)
		return wbpf_sdk_err(-E2BIG);
	p = realloc(*data, want);
	if (!p)
		return wbpf_sdk_err(-ENOMEM);
	*data = p;
	*data_sz = want;
	return 0;
}

/* ---- ring buffers ---------------------------------------------------------- */

typedef int (*ring_buffer_sample_fn)(void *ctx, void *data, size_t size);

struct ring_buffer_opts {
	size_t sz;
};

/* One ring's callback, as the batch trampoline sees it. Its first two
 * fields are the host's struct wbpf_batch_ctx (WBPF_BUFFER_F_RECORD_FN):
 * a host may call fn itself for each record instead. */
struct wbpf_sdk_ring_cb {
	ring_buffer_sample_fn fn;
	void *ctx;
	int err; /* the callback's negative return that ended a batch */
	struct wbpf_sdk_ring_cb *next;
};
_Static_assert(offsetof(struct wbpf_sdk_ring_cb, fn) ==
			       offsetof(struct wbpf_batch_ctx, record_fn) &&
		       offsetof(struct wbpf_sdk_ring_cb, ctx) ==
			       offsetof(struct wbpf_batch_ctx, record_ctx),
	       "wbpf_sdk_ring_cb starts with a struct wbpf_batch_ctx");

/* the flags of a buffer delivered in batches */
#define WBPF_SDK_BATCH_FLAGS (WBPF_BUFFER_F_BATCH | WBPF_BUFFER_F_RECORD_FN)

struct ring_buffer {
	struct wbpf_sdk_buf buf; /* first: the object's list of buffers */
	void *data;		 /* record buffer */
	size_t data_sz;
	size_t max_sz; /* batch mode: the largest ring's size */
	bool batch;
	struct wbpf_sdk_ring_cb *cbs;
};

/* Called by the host with a batch of records (WBPF_BUFFER_F_BATCH): each
 * goes to the user's callback; the bytes taken go back to the host. */
static inline int wbpf_sdk_ring_batch(void *ctx, void *data, size_t size)
{
	struct wbpf_sdk_ring_cb *cb = ctx;
	ring_buffer_sample_fn fn = cb->fn;
	void *user_ctx = cb->ctx;
	char *p = data, *end = p + size;
	int err;

	while (p < end) {
		__u32 len = ((struct wbpf_batch_rec *)p)->len;
		char *next = p + WBPF_BATCH_REC_SIZE(len & WBPF_BATCH_LEN_MASK);

		if (!(len & WBPF_BATCH_DISCARDED)) {
			err = fn(user_ctx, p + sizeof(struct wbpf_batch_rec),
				 len & WBPF_BATCH_LEN_MASK);
			if (err < 0) {
				cb->err = err;
				return (int)(next - (char *)data);
			}
		}
		p = next;
	}
	return (int)size;
}

static inline void ring_buffer__free(struct ring_buffer *rb)
{
	struct wbpf_sdk_ring_cb *cb, *next;

	if (!rb)
		return;
	wbpf_sdk_buf_unregister(&rb->buf);
	for (cb = rb->cbs; cb; cb = next) {
		next = cb->next;
		free(cb);
	}
	free(rb->data);
	free(rb);
}

/* The host's view of a callback: the trampoline and its state in batch
 * mode, the user's function itself otherwise. */
static inline int wbpf_sdk_ring_cb_new(struct ring_buffer *rb, ring_buffer_sample_fn sample_cb,
				       void *ctx, int32_t *fn, uint32_t *fn_ctx)
{
	struct wbpf_sdk_ring_cb *cb;

	if (!rb->batch) {
		*fn = (int32_t)(uintptr_t)sample_cb;
		*fn_ctx = (uint32_t)(uintptr_t)ctx;
		return 0;
	}
	cb = calloc(1, sizeof(*cb));
	if (!cb)
		return -ENOMEM;
	cb->fn = sample_cb;
	cb->ctx = ctx;
	cb->next = rb->cbs;
	rb->cbs = cb;
	*fn = (int32_t)(uintptr_t)wbpf_sdk_ring_batch;
	*fn_ctx = (uint32_t)(uintptr_t)cb;
	return 0;
}

/* The record buffer for a ring of max_entries bytes. */
static inline int wbpf_sdk_ring_size(struct ring_buffer *rb, __u32 max_entries)
{
	if (max_entries > rb->max_sz)
		rb->max_sz = max_entries;
	if (!rb->batch)
		return wbpf_sdk_grow(&rb->data, &rb->data_sz, max_entries);
	return wbpf_sdk_grow(&rb->data, &rb->data_sz,
			     max_entries < WBPF_SDK_BATCH_BYTES ? max_entries :
								  WBPF_SDK_BATCH_BYTES);
}

static inline struct ring_buffer *ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb,
						   void *ctx, const struct ring_buffer_opts *opts)
{
	struct ring_buffer *rb;
	struct bpf_map *map;
	uint32_t fn_ctx;
	int32_t fn;
	int id, err;

	(void)opts;
	if (!sample_cb)
		return wbpf_sdk_err_ptr(-EINVAL);
	map = wbpf_sdk_buffer_map(map_fd, BPF_MAP_TYPE_RINGBUF, "ring_buffer__new");
	if (!map)
		return NULL;
	rb = calloc(1, sizeof(*rb));
	if (!rb)
		return wbpf_sdk_err_ptr(-ENOMEM);
	rb->batch = wbpf_sdk_batches();
	err = wbpf_sdk_ring_size(rb, map->info.max_entries);
	if (!err)
		err = wbpf_sdk_ring_cb_new(rb, sample_cb, ctx, &fn, &fn_ctx);
	if (err) {
		ring_buffer__free(rb);
		return wbpf_sdk_err_ptr(err);
	}
	id = wasm_bpf_buffer_new(map->obj->handle, map_fd, fn, fn_ctx,
				 rb->batch ? WBPF_SDK_BATCH_FLAGS : 0, 0);
	wbpf_sdk_log_drain();
	if (id <= 0) {
		ring_buffer__free(rb);
		return wbpf_sdk_err_ptr(id ? wbpf_sdk_errno(id) : -EINVAL);
	}
	wbpf_sdk_buf_register(&rb->buf, map->obj, id);
	return rb;
}

/* Another ring buffer map of the same object into the same ring_buffer. */
static inline int ring_buffer__add(struct ring_buffer *rb, int map_fd,
				   ring_buffer_sample_fn sample_cb, void *ctx)
{
	struct bpf_map *map;
	uint32_t fn_ctx;
	int32_t fn;
	int err;

	if (!rb || !sample_cb)
		return wbpf_sdk_err(-EINVAL);
	if (!rb->buf.obj)
		return wbpf_sdk_err(-EBADF);
	map = wbpf_sdk_buffer_map(map_fd, BPF_MAP_TYPE_RINGBUF, "ring_buffer__add");
	if (!map)
		return -errno;
	if (map->obj != rb->buf.obj)
		return wbpf_sdk_enotsup("ring buffers of different objects in one ring_buffer",
					"use one ring_buffer per object");
	err = wbpf_sdk_ring_size(rb, map->info.max_entries);
	if (!err)
		err = wbpf_sdk_ring_cb_new(rb, sample_cb, ctx, &fn, &fn_ctx);
	if (err)
		return wbpf_sdk_err(err);
	err = wasm_bpf_buffer_add(rb->buf.obj->handle, rb->buf.id, map_fd, fn, fn_ctx);
	wbpf_sdk_log_drain();
	return wbpf_sdk_ret(err < 0 ? err : 0);
}

/* A poll's result: a callback's negative return wins, as in libbpf; in
 * batch mode a record larger than the batch buffer makes it grow to the
 * largest ring's size (the record stays in the ring meanwhile). */
static inline int wbpf_sdk_ring_poll(struct ring_buffer *rb, int timeout_ms, bool wait)
{
	struct wbpf_sdk_ring_cb *cb;
	int ret, err;

	if (!rb)
		return wbpf_sdk_err(-EINVAL);
	if (!rb->buf.obj)
		return wbpf_sdk_err(-EBADF);
	for (;;) {
		ret = wait ? wasm_bpf_buffer_poll_id(rb->buf.obj->handle, rb->buf.id, rb->data,
						     (int)rb->data_sz, timeout_ms) :
			     wasm_bpf_buffer_consume(rb->buf.obj->handle, rb->buf.id, rb->data,
						     (int)rb->data_sz);
		if (ret != -EMSGSIZE || !rb->batch || rb->data_sz >= rb->max_sz)
			break;
		err = wbpf_sdk_grow(&rb->data, &rb->data_sz, rb->max_sz);
		if (err)
			return err;
	}
	for (cb = rb->cbs; cb; cb = cb->next) {
		if (cb->err) {
			ret = cb->err;
			cb->err = 0;
		}
	}
	return wbpf_sdk_ret(ret);
}

/* Records consumed, or -errno (-EINTR once the host got SIGINT/SIGTERM), or
 * the callback's negative return. */
static inline int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms)
{
	return wbpf_sdk_ring_poll(rb, timeout_ms, true);
}

static inline int ring_buffer__consume(struct ring_buffer *rb)
{
	return wbpf_sdk_ring_poll(rb, 0, false);
}

static inline int ring_buffer__epoll_fd(const struct ring_buffer *rb)
{
	(void)rb;
	return wbpf_sdk_enotsup("ring_buffer__epoll_fd()", "use ring_buffer__poll()");
}

/* ---- perf buffers ----------------------------------------------------------- */

typedef void (*perf_buffer_sample_fn)(void *ctx, int cpu, void *data, __u32 size);
typedef void (*perf_buffer_lost_fn)(void *ctx, int cpu, __u64 cnt);

struct perf_buffer_opts {
	size_t sz;
};

struct perf_buffer {
	struct wbpf_sdk_buf buf; /* first: the object's list of buffers */
	perf_buffer_sample_fn sample_cb;
	perf_buffer_lost_fn lost_cb;
	void *ctx;
	void *data; /* record buffer: struct wbpf_perf_record + sample */
	size_t data_sz;
	struct wbpf_sdk_ring_cb *cb; /* batches: wbpf_sdk_perf_tramp for each */
};

/* called by the host through the function table for every sample and
 * every lost-samples notice */
static inline int wbpf_sdk_perf_tramp(void *ctx, void *data, size_t size)
{
	struct perf_buffer *pb = ctx;
	struct wbpf_perf_record *rec = data;

	if (size < sizeof(*rec))
		return 0;
	if (rec->type == WBPF_PERF_LOST) {
		if (pb->lost_cb)
			pb->lost_cb(pb->ctx, (int)rec->cpu, rec->lost);
		return 0;
	}
	if (pb->sample_cb)
		pb->sample_cb(pb->ctx, (int)rec->cpu, (char *)data + sizeof(*rec),
			      (__u32)(size - sizeof(*rec)));
	return 0;
}

static inline void perf_buffer__free(struct perf_buffer *pb)
{
	if (!pb)
		return;
	wbpf_sdk_buf_unregister(&pb->buf);
	free(pb->cb);
	free(pb->data);
	free(pb);
}

static inline struct perf_buffer *perf_buffer__new(int map_fd, size_t page_cnt,
						   perf_buffer_sample_fn sample_cb,
						   perf_buffer_lost_fn lost_cb, void *ctx,
						   const struct perf_buffer_opts *opts)
{
	struct perf_buffer *pb;
	struct bpf_map *map;
	bool batch;
	int id, err;

	(void)opts;
	if (page_cnt == 0 || (page_cnt & (page_cnt - 1)) || page_cnt > UINT32_MAX) {
		wbpf_sdk_pr(LIBBPF_WARN, "page count should be power of two, but is %zu\n",
			    page_cnt);
		return wbpf_sdk_err_ptr(-EINVAL);
	}
	map = wbpf_sdk_buffer_map(map_fd, BPF_MAP_TYPE_PERF_EVENT_ARRAY, "perf_buffer__new");
	if (!map)
		return NULL;
	pb = calloc(1, sizeof(*pb));
	if (!pb)
		return wbpf_sdk_err_ptr(-ENOMEM);
	pb->sample_cb = sample_cb;
	pb->lost_cb = lost_cb;
	pb->ctx = ctx;
	batch = wbpf_sdk_batches();
	/* a batch, with room for the largest record after it */
	err = wbpf_sdk_grow(&pb->data, &pb->data_sz,
			    (batch ? WBPF_SDK_BATCH_BYTES + sizeof(struct wbpf_batch_rec) : 0) +
				    sizeof(struct wbpf_perf_record) + WBPF_SDK_PERF_RECORD_MAX);
	/* batches: the ring buffers' trampoline, with wbpf_sdk_perf_tramp as
	 * the per-record function (it never stops a poll) */
	if (!err && batch) {
		pb->cb = calloc(1, sizeof(*pb->cb));
		if (pb->cb) {
			pb->cb->fn = wbpf_sdk_perf_tramp;
			pb->cb->ctx = pb;
		} else {
			err = -ENOMEM;
		}
	}
	if (err) {
		perf_buffer__free(pb);
		return wbpf_sdk_err_ptr(err);
	}
	id = wasm_bpf_buffer_new(
		map->obj->handle, map_fd,
		(int32_t)(uintptr_t)(batch ? wbpf_sdk_ring_batch : wbpf_sdk_perf_tramp),
		(uint32_t)(uintptr_t)(batch ? (void *)pb->cb : (void *)pb),
		WBPF_BUFFER_F_PERF_META | (batch ? WBPF_SDK_BATCH_FLAGS : 0), (uint32_t)page_cnt);
	wbpf_sdk_log_drain();
	if (id <= 0) {
		perf_buffer__free(pb);
		return wbpf_sdk_err_ptr(id ? wbpf_sdk_errno(id) : -EINVAL);
	}
	wbpf_sdk_buf_register(&pb->buf, map->obj, id);
	return pb;
}

static inline int perf_buffer__poll(struct perf_buffer *pb, int timeout_ms)
{
	if (!pb)
		return wbpf_sdk_err(-EINVAL);
	if (!pb->buf.obj)
		return wbpf_sdk_err(-EBADF);
	return wbpf_sdk_ret(wasm_bpf_buffer_poll_id(pb->buf.obj->handle, pb->buf.id, pb->data,
						    (int)pb->data_sz, timeout_ms));
}

static inline int perf_buffer__consume(struct perf_buffer *pb)
{
	if (!pb)
		return wbpf_sdk_err(-EINVAL);
	if (!pb->buf.obj)
		return wbpf_sdk_err(-EBADF);
	return wbpf_sdk_ret(wasm_bpf_buffer_consume(pb->buf.obj->handle, pb->buf.id, pb->data,
						    (int)pb->data_sz));
}

static inline int perf_buffer__epoll_fd(const struct perf_buffer *pb)
{
	(void)pb;
	return wbpf_sdk_enotsup("perf_buffer__epoll_fd()", "use perf_buffer__poll()");
}

/* ---- bcc's bpf_buffer (libbpf-tools compat.h) ------------------------------ */

#ifndef POLL_TIMEOUT_MS
#define POLL_TIMEOUT_MS 100
#endif
/* pages per CPU of the perf buffer behind a bpf_buffer, as in bcc */
#define WBPF_SDK_PERF_BUFFER_PAGES 64

typedef int (*bpf_buffer_sample_fn)(void *ctx, void *data, size_t size);
typedef void (*bpf_buffer_lost_fn)(void *ctx, int cpu, __u64 cnt);

struct bpf_buffer {
	struct bpf_map *events;
	void *inner; /* struct ring_buffer or struct perf_buffer */
	bpf_buffer_sample_fn fn;
	bpf_buffer_lost_fn lost_fn;
	void *ctx;
	int type; /* BPF_MAP_TYPE_RINGBUF or BPF_MAP_TYPE_PERF_EVENT_ARRAY */
};

/*
 * bcc's bpf_buffer__new(events, heap) switches `events` to a ring buffer
 * when the kernel has them; the host cannot change a map's type, so the
 * buffer follows the type the BPF program declared for `events` (ring
 * buffer or perf event array). `heap` is not used.
 */
static inline struct bpf_buffer *wbpf_bpf_buffer__new2(struct bpf_map *events, struct bpf_map *heap)
{
	struct bpf_buffer *buffer;
	enum bpf_map_type type;

	(void)heap;
	if (!events)
		return wbpf_sdk_err_ptr(-EINVAL);
	type = bpf_map__type(events);
	if (type != BPF_MAP_TYPE_RINGBUF && type != BPF_MAP_TYPE_PERF_EVENT_ARRAY) {
		wbpf_sdk_pr(LIBBPF_WARN,
			    "bpf_buffer__new: map '%s' is neither a ring buffer nor a perf event "
			    "array\n",
			    events->name);
		return wbpf_sdk_err_ptr(-EINVAL);
	}
	buffer = calloc(1, sizeof(*buffer));
	if (!buffer)
		return wbpf_sdk_err_ptr(-ENOMEM);
	buffer->events = events;
	buffer->type = type;
	return buffer;
}

/* the original wasm-bpf SDK's bpf_buffer__new(events) */
static inline struct bpf_buffer *wbpf_bpf_buffer__new1(struct bpf_map *events)
{
	return wbpf_bpf_buffer__new2(events, NULL);
}

#define bpf_buffer__new(...) ___libbpf_overload(wbpf_bpf_buffer__new, __VA_ARGS__)

static inline void wbpf_sdk_bpf_buffer_sample(void *ctx, int cpu, void *data, __u32 size)
{
	struct bpf_buffer *buffer = ctx;

	(void)cpu;
	buffer->fn(buffer->ctx, data, size);
}

/* bcc hands the lost callback the bpf_buffer as ctx; the user's ctx is
 * what the callback expects */
static inline void wbpf_sdk_bpf_buffer_lost(void *ctx, int cpu, __u64 cnt)
{
	struct bpf_buffer *buffer = ctx;

	if (buffer->lost_fn)
		buffer->lost_fn(buffer->ctx, cpu, cnt);
}

static inline int wbpf_bpf_buffer__open4(struct bpf_buffer *buffer, bpf_buffer_sample_fn sample_cb,
					 bpf_buffer_lost_fn lost_cb, void *ctx)
{
	int fd;

	if (!buffer || !sample_cb)
		return wbpf_sdk_err(-EINVAL);
	fd = bpf_map__fd(buffer->events);
	if (fd < 0)
		return wbpf_sdk_err(-EINVAL);
	buffer->fn = sample_cb;
	buffer->lost_fn = lost_cb;
	buffer->ctx = ctx;
	if (buffer->type == BPF_MAP_TYPE_RINGBUF)
		buffer->inner = ring_buffer__new(fd, sample_cb, ctx, NULL);
	else
		buffer->inner =
			perf_buffer__new(fd, WBPF_SDK_PERF_BUFFER_PAGES, wbpf_sdk_bpf_buffer_sample,
					 wbpf_sdk_bpf_buffer_lost, buffer, NULL);
	return buffer->inner ? 0 : -errno;
}

static inline void bpf_buffer__free(struct bpf_buffer *buffer)
{
	if (!buffer)
		return;
	if (buffer->type == BPF_MAP_TYPE_RINGBUF)
		ring_buffer__free(buffer->inner);
	else
		perf_buffer__free(buffer->inner);
	free(buffer);
}

/* the original wasm-bpf SDK's bpf_buffer__open(events, sample_cb, ctx):
 * a new buffer, opened */
static inline struct bpf_buffer *wbpf_bpf_buffer__open3(struct bpf_map *events,
							bpf_buffer_sample_fn sample_cb, void *ctx)
{
	struct bpf_buffer *buffer = wbpf_bpf_buffer__new2(events, NULL);
	int err;

	if (!buffer)
		return NULL;
	err = wbpf_bpf_buffer__open4(buffer, sample_cb, NULL, ctx);
	if (err) {
		bpf_buffer__free(buffer);
		return wbpf_sdk_err_ptr(err);
	}
	return buffer;
}

/* bcc's bpf_buffer__open(buffer, sample_cb, lost_cb, ctx) -> 0 / -errno,
 * or the original wasm-bpf SDK's bpf_buffer__open(events, sample_cb, ctx)
 * -> struct bpf_buffer * */
#define bpf_buffer__open(...) ___libbpf_overload(wbpf_bpf_buffer__open, __VA_ARGS__)

static inline int bpf_buffer__poll(struct bpf_buffer *buffer, int timeout_ms)
{
	if (!buffer || !buffer->inner)
		return wbpf_sdk_err(-EINVAL);
	if (buffer->type == BPF_MAP_TYPE_RINGBUF)
		return ring_buffer__poll(buffer->inner, timeout_ms);
	return perf_buffer__poll(buffer->inner, timeout_ms);
}

#endif /* __WBPF_SDK_BUFFER_H */
