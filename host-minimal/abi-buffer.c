// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Ring and perf buffers. Every record is copied into the guest's buffer and
 * the guest's function-table entry is called as fn(ctx, data, size), one
 * call per record, none lost and none cut: a record bigger than the guest's
 * buffer ends the poll with -EMSGSIZE. A callback returning < 0 ends the
 * poll with that value (libbpf's rule); a callback that traps stops the
 * guest.
 *
 * Waiting is done on libbpf's epoll fd together with the signal fd, then
 * libbpf consumes what is ready: a poll returns -EINTR at once after
 * SIGINT/SIGTERM, with no race against the signal.
 *
 * With WBPF_BUFFER_F_BATCH the guest is called once per batch of records
 * instead (abi-batch.c).
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include <wbpf-abi.h>

#include "bpf-state.h"
#include "guest-mem.h"
#include "imports.h"
#include "signals.h"

#define DEFAULT_PERF_PAGES 64
#define MAX_PERF_PAGES	   (1u << 16)

int wbpf_buffer__call(struct wbpf_buffer *b, uint32_t fn, uint32_t ctx, const void *head,
		      uint32_t hlen, const void *data, uint32_t size, int32_t *rc)
{
	struct wbpf_vm *vm = b->vm;
	uint8_t *g;
	int err;

	if (size > b->max_size || hlen > b->max_size - size) {
		b->err = -EMSGSIZE;
		return b->err;
	}
	/* checked at the start of the poll; memory never shrinks */
	g = wbpf_mem__ptr(vm, b->data, hlen + size);
	if (!g) {
		b->err = -EFAULT;
		return b->err;
	}
	if (hlen)
		memcpy(g, head, hlen);
	memcpy(g + hlen, data, size);
	err = wbpf_vm__call_cb(vm, fn, ctx, b->data, hlen + size, rc);
	if (err == WBPF_TRAP)
		err = WBPF_STOP_TRAPPED;
	if (err)
		b->err = err;
	return err;
}

int wbpf_buffer__deliver(struct wbpf_buffer *b, uint32_t fn, uint32_t ctx,
			 const struct wbpf_perf_record *meta, const void *data, uint32_t size)
{
	int32_t rc;
	int err;

	err = wbpf_buffer__call(b, fn, ctx, meta, meta ? sizeof(*meta) : 0, data, size, &rc);
	if (err)
		return err;
	b->count++;
	if (rc < 0) {
		b->err = rc;
		b->err_raw = true;
		return rc;
	}
	return 0;
}

/* One record (and its perf header) to the sub's callback, unless the poll
 * is already stopping. */
static int deliver(struct wbpf_ring_sub *sub, const struct wbpf_perf_record *meta, const void *data,
		   uint32_t size)
{
	struct wbpf_buffer *b = sub->buf;

	if (b->err)
		return b->err;
	return wbpf_buffer__deliver(b, sub->fn, sub->ctx, meta, data, size);
}

static int ring_sample(void *ctx, void *data, size_t size)
{
	return deliver(ctx, NULL, data, (uint32_t)size);
}

/* Perf samples as the kernel writes them for PERF_SAMPLE_RAW. */
struct perf_raw_sample {
	struct perf_event_header header;
	uint32_t size;
	char data[];
};

struct perf_lost {
	struct perf_event_header header;
	uint64_t id;
	uint64_t lost;
};

/*
 * libbpf's perf_buffer__new() gives a void sample callback that cannot stop
 * the poll, so the host takes the raw events (perf_buffer__new_raw) and
 * decodes the two record types libbpf itself decodes. Returning
 * LIBBPF_PERF_EVENT_DONE leaves the remaining records in the ring.
 */
static enum bpf_perf_event_ret perf_event(void *ctx, int cpu, struct perf_event_header *ev)
{
	struct wbpf_ring_sub *sub = ctx;
	struct wbpf_buffer *b = sub->buf;
	struct wbpf_perf_record meta = { .cpu = (uint32_t)cpu };
	bool with_meta = b->flags & WBPF_BUFFER_F_PERF_META;

	if (b->flags & WBPF_BUFFER_F_BATCH) {
		/* staged even when the poll is ending: libbpf has consumed it */
		int err = 0;

		if (ev->type == PERF_RECORD_SAMPLE) {
			struct perf_raw_sample *s = (struct perf_raw_sample *)ev;

			meta.type = WBPF_PERF_SAMPLE;
			err = wbpf_batch__perf_record(b, with_meta ? &meta : NULL, s->data,
						      s->size);
		} else if (ev->type == PERF_RECORD_LOST && with_meta) {
			struct perf_lost *l = (struct perf_lost *)ev;

			meta.type = WBPF_PERF_LOST;
			meta.lost = l->lost;
			err = wbpf_batch__perf_record(b, &meta, NULL, 0);
		}
		if (err && !b->err)
			b->err = err;
		return b->err || b->stop ? LIBBPF_PERF_EVENT_DONE : LIBBPF_PERF_EVENT_CONT;
	}
	if (b->err)
		return LIBBPF_PERF_EVENT_DONE;
	if (ev->type == PERF_RECORD_SAMPLE) {
		struct perf_raw_sample *s = (struct perf_raw_sample *)ev;

		meta.type = WBPF_PERF_SAMPLE;
		deliver(sub, with_meta ? &meta : NULL, s->data, s->size);
	} else if (ev->type == PERF_RECORD_LOST && with_meta) {
		struct perf_lost *l = (struct perf_lost *)ev;

		meta.type = WBPF_PERF_LOST;
		meta.lost = l->lost;
		deliver(sub, &meta, NULL, 0);
	}
	/* the record that failed is consumed, as with ring buffers */
	return LIBBPF_PERF_EVENT_CONT;
}

static struct wbpf_ring_sub *sub_new(struct wbpf_buffer *b, int fd, uint32_t fn, uint32_t ctx)
{
	struct wbpf_ring_sub *s;

	if (b->nsubs >= (int)(sizeof(b->subs) / sizeof(b->subs[0]))) {
		errno = E2BIG;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->buf = b;
	s->map_fd = fd;
	s->fn = fn;
	s->ctx = ctx;
	b->subs[b->nsubs++] = s;
	return s;
}

static void buffer_free(struct wbpf_buffer *b)
{
	int i;

	ring_buffer__free(b->rb);
	perf_buffer__free(b->pb);
	wbpf_batch__free(b);
	if (b->epoll_fd >= 0)
		close(b->epoll_fd);
	for (i = 0; i < b->nsubs; i++)
		free(b->subs[i]);
	free(b);
}

void wbpf_buffers__free(struct wbpf_object *o)
{
	struct wbpf_buffer *b, *bn;

	for (b = o->buffers; b; b = bn) {
		bn = b->next;
		buffer_free(b);
	}
	o->buffers = NULL;
}

/* A ring or perf map of this object's, by fd; *max_entries its size. */
static int buffer_map(struct wbpf_vm *vm, struct wbpf_object *o, int32_t fd, bool *perf,
		      uint32_t *max_entries)
{
	struct wbpf_bpf *bpf = vm->bpf;
	struct wbpf_map_fd *m;

	if (fd < 0 || (size_t)fd >= bpf->nfds || bpf->fds[fd].obj != o)
		return -EBADF;
	m = &bpf->fds[fd];
	*max_entries = bpf_map__max_entries(m->map);
	if (m->type == BPF_MAP_TYPE_RINGBUF)
		*perf = false;
	else if (m->type == BPF_MAP_TYPE_PERF_EVENT_ARRAY)
		*perf = true;
	else
		return -EINVAL;
	return 0;
}

static int buffer_create(struct wbpf_vm *vm, struct wbpf_object *o, int32_t fd, uint32_t fn,
			 uint32_t ctx, uint32_t flags, uint32_t pages, struct wbpf_buffer **out)
{
	struct perf_event_attr attr;
	struct wbpf_ring_sub *sub;
	struct wbpf_buffer *b;
	uint32_t max_entries;
	bool perf;
	int err;

	err = buffer_map(vm, o, fd, &perf, &max_entries);
	if (err)
		return err;
	if (flags &
	    ~(uint32_t)(WBPF_BUFFER_F_PERF_META | WBPF_BUFFER_F_BATCH | WBPF_BUFFER_F_RECORD_FN))
		return -EINVAL;
	if ((flags & WBPF_BUFFER_F_RECORD_FN) && !(flags & WBPF_BUFFER_F_BATCH))
		return -EINVAL;
	if ((flags & WBPF_BUFFER_F_PERF_META) && !perf)
		return -EINVAL;
	if (!pages)
		pages = DEFAULT_PERF_PAGES;
	if (perf && (pages > MAX_PERF_PAGES || (pages & (pages - 1))))
		return -EINVAL;
	err = wbpf_vm__check_cb(vm, fn);
	if (err)
		return err;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->perf = perf;
	b->flags = flags;
	b->legacy_fd = -1;
	b->epoll_fd = -1;
	sub = sub_new(b, fd, fn, ctx);
	if (!sub) {
		free(b);
		return -ENOMEM;
	}
	if (perf) {
		memset(&attr, 0, sizeof(attr));
		attr.config = PERF_COUNT_SW_BPF_OUTPUT;
		attr.type = PERF_TYPE_SOFTWARE;
		attr.sample_type = PERF_SAMPLE_RAW;
		attr.sample_period = 1;
		attr.wakeup_events = 1;
		b->pb = perf_buffer__new_raw(fd, pages, &attr, perf_event, sub, NULL);
		err = b->pb ? 0 : -errno;
	} else if (flags & WBPF_BUFFER_F_BATCH) {
		b->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
		err = b->epoll_fd < 0 ? -errno : wbpf_batch__ring_add(b, sub, max_entries);
	} else {
		b->rb = ring_buffer__new(fd, ring_sample, sub, NULL);
		err = b->rb ? 0 : -errno;
	}
	if (err) {
		buffer_free(b);
		return err;
	}
	b->id = o->next_buf_id++;
	b->next = o->buffers;
	o->buffers = b;
	*out = b;
	return 0;
}

static struct wbpf_buffer *buffer_by_id(struct wbpf_object *o, int32_t id)
{
	struct wbpf_buffer *b;

	for (b = o->buffers; b; b = b->next) {
		if (b->id == id)
			return b;
	}
	return NULL;
}

/* Wait up to timeout_ms (< 0: forever), then consume; the count of records
 * delivered, -errno, or WBPF_TRAP-worthy WBPF_STOP_TRAPPED. */
static int buffer_poll(struct wbpf_vm *vm, struct wbpf_buffer *b, uint32_t data, int32_t max,
		       int timeout_ms, bool wait)
{
	struct pollfd pfd[2];
	int n, err;

	if (b->polling)
		return -EBUSY; /* a poll from inside its own callback */
	if (max < 0)
		return -EINVAL;
	if (!wbpf_mem__ptr(vm, data, (uint32_t)max))
		return -EFAULT;
	if (wait && wbpf_signal__pending())
		return -EINTR;
	if (wait && timeout_ms != 0 && !b->stage_len) {
		pfd[0].fd = b->perf ? perf_buffer__epoll_fd(b->pb) :
			    b->rb   ? ring_buffer__epoll_fd(b->rb) :
				      b->epoll_fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = wbpf_signal__fd();
		pfd[1].events = POLLIN;
		pfd[0].revents = pfd[1].revents = 0;
		n = poll(pfd, 2, timeout_ms < 0 ? -1 : timeout_ms);
		if ((n < 0 && errno == EINTR) || wbpf_signal__pending())
			return -EINTR; /* what libbpf's poll returns on a signal */
		if (n < 0)
			return -errno;
		if (n == 0)
			return 0;
	}
	b->vm = vm;
	b->data = data;
	b->max_size = (uint32_t)max;
	b->count = 0;
	b->err = 0;
	b->err_raw = false;
	b->stop = false;
	b->polling = true;
	if (!(b->flags & WBPF_BUFFER_F_BATCH)) {
		err = b->perf ? perf_buffer__consume(b->pb) : ring_buffer__consume(b->rb);
	} else if (!b->perf) {
		wbpf_batch__ring_consume(b);
		err = 0;
	} else {
		/* what the guest left last time goes first */
		err = wbpf_batch__perf_flush(b);
		if (!err && !b->stop) {
			err = perf_buffer__consume(b->pb);
			if (!b->err)
				wbpf_batch__perf_flush(b);
		}
	}
	b->polling = false;
	if (b->err == WBPF_STOP_TRAPPED)
		return WBPF_STOP_TRAPPED;
	if (b->err)
		return b->err;
	if (err < 0)
		return err;
	return b->count;
}

/* A poll result to the guest: traps stop it, callback values pass as is. */
static int poll_result(struct wbpf_vm *vm, struct wbpf_buffer *b, int r, uint64_t *ret)
{
	if (r == WBPF_STOP_TRAPPED && (vm->trapped || vm->exited))
		return WBPF_TRAP;
	if (r < 0 && b && b->err_raw && r == b->err)
		vm->ret_raw = true;
	*ret = (uint32_t)r;
	return 0;
}

/*
 * The original import: one implicit buffer per (object, map fd), created and
 * polled on the first call (the original runtime only created it then, and
 * delivered nothing); callback, context and guest buffer may change between
 * calls.
 */
int wbpf_abi_wasm_bpf_buffer_poll(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o = wbpf_bpf__object(vm, (int64_t)args[0]);
	int32_t fd = (int32_t)args[1];
	uint32_t fn = args[2], ctx = args[3];
	struct wbpf_buffer *b;
	int err;

	*ret = (uint32_t)-EBADF;
	if (!o)
		return 0;
	for (b = o->buffers; b; b = b->next) {
		if (b->legacy_fd == fd)
			break;
	}
	if (!b) {
		err = buffer_create(vm, o, fd, fn, ctx, 0, 0, &b);
		if (err) {
			*ret = (uint32_t)err;
			return 0;
		}
		b->legacy_fd = fd;
	} else if (!b->polling) {
		err = wbpf_vm__check_cb(vm, fn);
		if (err) {
			*ret = (uint32_t)err;
			return 0;
		}
		b->subs[0]->fn = fn;
		b->subs[0]->ctx = ctx;
	}
	return poll_result(
		vm, b, buffer_poll(vm, b, args[4], (int32_t)args[5], (int32_t)args[6], true), ret);
}

int wbpf_abi_wasm_bpf_buffer_new(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o = wbpf_bpf__object(vm, (int64_t)args[0]);
	struct wbpf_buffer *b;
	int err;

	if (!o) {
		*ret = (uint32_t)-EBADF;
		return 0;
	}
	err = buffer_create(vm, o, (int32_t)args[1], args[2], args[3], args[4], args[5], &b);
	*ret = (uint32_t)(err ? err : b->id);
	return 0;
}

int wbpf_abi_wasm_bpf_buffer_add(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o = wbpf_bpf__object(vm, (int64_t)args[0]);
	struct wbpf_buffer *b = o ? buffer_by_id(o, (int32_t)args[1]) : NULL;
	int32_t fd = (int32_t)args[2];
	struct wbpf_ring_sub *sub;
	uint32_t max_entries;
	bool perf;
	int err;

	*ret = (uint32_t)-EBADF;
	if (!b)
		return 0;
	err = buffer_map(vm, o, fd, &perf, &max_entries);
	if (!err && (perf || b->perf || b->polling))
		err = b->polling ? -EBUSY : -EINVAL;
	if (!err)
		err = wbpf_vm__check_cb(vm, args[3]);
	if (!err) {
		sub = sub_new(b, fd, args[3], args[4]);
		if (!sub)
			err = -errno;
		else if (b->flags & WBPF_BUFFER_F_BATCH)
			err = wbpf_batch__ring_add(b, sub, max_entries);
		else
			err = ring_buffer__add(b->rb, fd, ring_sample, sub);
		if (sub && err)
			free(b->subs[--b->nsubs]);
	}
	*ret = (uint32_t)err;
	return 0;
}

int wbpf_abi_wasm_bpf_buffer_poll_id(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o = wbpf_bpf__object(vm, (int64_t)args[0]);
	struct wbpf_buffer *b = o ? buffer_by_id(o, (int32_t)args[1]) : NULL;

	if (!b) {
		*ret = (uint32_t)-EBADF;
		return 0;
	}
	return poll_result(
		vm, b, buffer_poll(vm, b, args[2], (int32_t)args[3], (int32_t)args[4], true), ret);
}

int wbpf_abi_wasm_bpf_buffer_consume(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o = wbpf_bpf__object(vm, (int64_t)args[0]);
	struct wbpf_buffer *b = o ? buffer_by_id(o, (int32_t)args[1]) : NULL;

	if (!b) {
		*ret = (uint32_t)-EBADF;
		return 0;
	}
	return poll_result(vm, b, buffer_poll(vm, b, args[2], (int32_t)args[3], 0, false), ret);
}

int wbpf_abi_wasm_bpf_buffer_free(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o = wbpf_bpf__object(vm, (int64_t)args[0]);
	struct wbpf_buffer **pb, *b;

	(void)vm;
	*ret = (uint32_t)-EBADF;
	if (!o)
		return 0;
	for (pb = &o->buffers; (b = *pb); pb = &b->next) {
		if (b->id != (int32_t)args[1])
			continue;
		if (b->polling) {
			*ret = (uint32_t)-EBUSY;
			return 0;
		}
		*pb = b->next;
		buffer_free(b);
		*ret = 0;
		break;
	}
	return 0;
}
