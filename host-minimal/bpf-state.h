/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The guest's BPF objects as the host keeps them: a table of objects by
 * handle (1, 2, ...; never reused, never an address), each with its links,
 * buffers and global-data mirrors, plus a per-fd cache of the guest's maps
 * (so wasm_bpf_map_operate touches only maps of this guest's objects).
 *
 * Shared by the abi-*.c files; everything here runs under vm->lock.
 */
#ifndef __WBPF_BPF_STATE_H
#define __WBPF_BPF_STATE_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include <wbpf-abi.h>

#include "ringbuf.h"
#include "vm.h"

enum wbpf_link_kind {
	WBPF_LINK_BPF,	   /* a libbpf bpf_link (tracing, xdp, cgroup, uprobe) */
	WBPF_LINK_FD,	   /* a BPF link fd libbpf 1.1 cannot wrap (tcx) */
	WBPF_LINK_SOCKET,  /* socket filter: a raw AF_PACKET socket we keep open */
	WBPF_LINK_TC_HOOK, /* tc through netlink, when tcx links are missing */
};

struct wbpf_link {
	int id;
	enum wbpf_link_kind kind;
	struct bpf_link *link;
	int fd; /* WBPF_LINK_FD and WBPF_LINK_SOCKET */
	struct bpf_tc_hook hook;
	struct bpf_tc_opts tc_opts;
	bool hook_created;
	struct wbpf_link *next;
};

/* A link of no target yet (fd -1); NULL when out of memory. */
static inline struct wbpf_link *wbpf_link__new(enum wbpf_link_kind kind)
{
	struct wbpf_link *l = calloc(1, sizeof(*l));

	if (l) {
		l->kind = kind;
		l->fd = -1;
	}
	return l;
}

/* A link that owns fd (a tcx link, a socket); when out of memory, fd is
 * closed and it is NULL with -ENOMEM in *err. */
static inline struct wbpf_link *wbpf_link__of_fd(enum wbpf_link_kind kind, int fd, int *err)
{
	struct wbpf_link *l = wbpf_link__new(kind);

	if (!l) {
		close(fd);
		*err = -ENOMEM;
		return NULL;
	}
	l->fd = fd;
	return l;
}

struct wbpf_buffer;

/* One ring (or the perf buffer) of a buffer and its guest callback. */
struct wbpf_ring_sub {
	struct wbpf_buffer *buf;
	int map_fd;
	uint32_t fn;  /* guest function-table index */
	uint32_t ctx; /* guest context value */
	/* batch ring buffers: the ring, read by the host (ringbuf.h) */
	struct wbpf_ringbuf ring;
};

struct wbpf_buffer {
	int id;
	bool perf;
	uint32_t flags;		/* WBPF_BUFFER_F_* */
	int legacy_fd;		/* map fd of the original poll's implicit buffer, or -1 */
	struct ring_buffer *rb; /* ring buffers, one record per call */
	struct perf_buffer *pb;
	int epoll_fd; /* batch ring buffers: readable when a ring has data */
	/* batch perf buffers: records taken from the perf rings, not yet
	 * consumed by the guest */
	uint8_t *stage;
	size_t stage_len, stage_cap;
	struct wbpf_ring_sub *subs[16];
	int nsubs;
	/* state of the poll in progress */
	struct wbpf_vm *vm;
	uint32_t data, max_size;
	int count;    /* records delivered */
	int err;      /* first error: stops the poll */
	bool stop;    /* the guest took part of a batch: the poll ends */
	bool err_raw; /* err came from the guest's callback: already its errno */
	bool polling; /* a poll is running: no nested poll, no free */
	struct wbpf_buffer *next;
};

struct wbpf_mirror {
	struct bpf_map *map;
	uint32_t ptr, size;
	uint8_t *snap; /* what the host last wrote to the guest region */
	uint8_t *kmem; /* the kernel's memory of the map, after load */
	size_t kmem_sz;
	bool rodata;
	struct wbpf_mirror *next;
};

struct wbpf_object {
	int64_t id;
	struct bpf_object *obj;
	void *elf; /* host copy of the ELF image: guest memory may move */
	bool loaded;
	struct wbpf_link *links;
	int next_link_id;
	struct wbpf_buffer *buffers;
	int next_buf_id;
	struct wbpf_mirror *mirrors;
};

/* What the host knows of a map fd of the guest's objects. */
struct wbpf_map_fd {
	struct wbpf_object *obj; /* NULL: not a map of this guest */
	struct bpf_map *map;
	uint32_t type;
	uint32_t key_size;
	uint32_t value_size; /* whole value: per-CPU sizes already multiplied */
};

struct wbpf_log_msg {
	int level;
	char *text;
};

struct wbpf_bpf {
	struct wbpf_object **objs; /* objs[id - 1]; NULL once closed */
	size_t nobjs, cap;
	struct wbpf_map_fd *fds; /* indexed by fd */
	size_t nfds;
	int nmirrors;
	bool checked_caps;
	int caps_err;
	/* libbpf log capture for the guest (wasm_bpf_log_capture/_read) */
	bool capture;
	struct wbpf_log_msg log[64];
	int log_head, log_len;
};

/* abi-object.c */
struct wbpf_bpf *wbpf_bpf__get(struct wbpf_vm *vm);
/* Detach and close everything (cleanup at exit, from any path). */
void wbpf_bpf__free(struct wbpf_vm *vm);
/* The live object with handle id, or NULL. */
struct wbpf_object *wbpf_bpf__object(struct wbpf_vm *vm, int64_t id);
/* Guest string argument: NULL on a bad pointer (the caller returns
 * -EFAULT); *out NULL when the guest passed NULL. */
int wbpf_bpf__guest_str(struct wbpf_vm *vm, uint32_t ptr, const char **out);
/* The live object with handle obj and the guest's name of one of its
 * programs or maps: 0, -EBADF (no such object), -EFAULT (a bad string) or
 * -EINVAL (NULL). */
int wbpf_bpf__object_name(struct wbpf_vm *vm, uint64_t obj, uint32_t name_ptr,
			  struct wbpf_object **o, const char **name);
/* libbpf print callback state: last load failure's program name. */
void wbpf_bpf__install_print(struct wbpf_vm *vm);

/* abi-map.c */
void wbpf_map_fds__add(struct wbpf_vm *vm, struct wbpf_object *o);
void wbpf_map_fds__remove(struct wbpf_vm *vm, struct wbpf_object *o);
bool wbpf_bpf__has_mirrors(struct wbpf_vm *vm);
void wbpf_bpf__sync_mirrors(struct wbpf_vm *vm);
/* at load: copy each mirror's guest bytes into the map's initial value */
int wbpf_mirrors__before_load(struct wbpf_vm *vm, struct wbpf_object *o);
/* after load: map the kernel's memory of each mirrored map */
int wbpf_mirrors__after_load(struct wbpf_vm *vm, struct wbpf_object *o);
void wbpf_mirrors__free(struct wbpf_vm *vm, struct wbpf_object *o);

/* abi-buffer.c */
void wbpf_buffers__free(struct wbpf_object *o);
/* One record (after its perf header meta, if any) copied to the guest's
 * buffer at b->data and passed to the guest's fn(ctx, data, size), per
 * record or to a batch's record function: 0, or < 0 with b->err set (the
 * poll stops: too big for the buffer, a trap, the callback's own < 0). */
int wbpf_buffer__deliver(struct wbpf_buffer *b, uint32_t fn, uint32_t ctx,
			 const struct wbpf_perf_record *meta, const void *data, uint32_t size);
/* What deliver and a batch share: head (hlen bytes) and data copied to
 * b->data and fn(ctx, b->data, hlen + size) called; 0 with its result in
 * *rc, or < 0 with b->err set (too big for the buffer, a trap). */
int wbpf_buffer__call(struct wbpf_buffer *b, uint32_t fn, uint32_t ctx, const void *head,
		      uint32_t hlen, const void *data, uint32_t size, int32_t *rc);

/* abi-batch.c: WBPF_BUFFER_F_BATCH delivery */
/* b->err when the guest trapped or exited in a callback: the poll stops */
#define WBPF_STOP_TRAPPED (-ECANCELED)
int wbpf_batch__ring_add(struct wbpf_buffer *b, struct wbpf_ring_sub *sub, uint32_t max_entries);
void wbpf_batch__ring_consume(struct wbpf_buffer *b);
/* stage one perf record (or lost notice); 0 or -errno */
int wbpf_batch__perf_record(struct wbpf_buffer *b, const struct wbpf_perf_record *meta,
			    const void *data, uint32_t size);
/* hand the stage to the guest; b->err */
int wbpf_batch__perf_flush(struct wbpf_buffer *b);
void wbpf_batch__free(struct wbpf_buffer *b);

/* abi-attach.c */
/* Attach prog to target (NULL/"" = by SEC name); the new link, or NULL
 * and -errno in *err. */
struct wbpf_link *wbpf_link__attach(struct wbpf_vm *vm, struct wbpf_object *o,
				    struct bpf_program *prog, const char *target, int *err);
void wbpf_link__destroy(struct wbpf_link *l);

/* diag.c: one-line explanations of kernel and privilege failures */
/* -EPERM (and a note) when the host cannot use BPF at all. */
int wbpf_diag__check_caps(struct wbpf_vm *vm);
/* a load failed with err: name the program and the reason */
void wbpf_diag__load_failed(struct wbpf_vm *vm, struct bpf_object *obj, int err);
/* an attach failed with err */
void wbpf_diag__attach_failed(struct wbpf_vm *vm, struct bpf_program *prog, const char *target,
			      int err);
/* Make sure tracefs is mounted before tracing attaches; 0 or -errno. */
int wbpf_diag__ensure_tracefs(struct wbpf_vm *vm);
/* libbpf's last "prog 'X': ..." message name, for load failures */
void wbpf_diag__log(int level, const char *msg);

#endif /* __WBPF_BPF_STATE_H */
