// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wasm_bpf imports on objects and programs: open, load, close, attach,
 * autoload, attach targets, program fds and links. Handles are ids in
 * vm->bpf->objs, never host addresses; a closed or unknown id is -EBADF (0
 * for wasm_load_bpf_object, the original's error value).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf-state.h"
#include "btf-prefetch.h"
#include "guest-mem.h"
#include "imports.h"
#include "inflate.h"

/* Object ids are int64 on the wire; the table stays far below that. */
#define WBPF_MAX_OBJECTS (1 << 20)

struct wbpf_bpf *wbpf_bpf__get(struct wbpf_vm *vm)
{
	if (!vm->bpf)
		vm->bpf = calloc(1, sizeof(*vm->bpf));
	return vm->bpf;
}

struct wbpf_object *wbpf_bpf__object(struct wbpf_vm *vm, int64_t id)
{
	struct wbpf_bpf *b = vm->bpf;

	if (!b || id < 1 || (uint64_t)id > b->nobjs)
		return NULL;
	return b->objs[id - 1];
}

int wbpf_bpf__guest_str(struct wbpf_vm *vm, uint32_t ptr, const char **out)
{
	*out = NULL;
	if (!ptr)
		return 0;
	*out = wbpf_mem__str(vm, ptr, WBPF_MAX_STR);
	return *out ? 0 : -EFAULT;
}

int wbpf_bpf__object_name(struct wbpf_vm *vm, uint64_t obj, uint32_t name_ptr,
			  struct wbpf_object **o, const char **name)
{
	int err;

	*o = wbpf_bpf__object(vm, (int64_t)obj);
	if (!*o)
		return -EBADF;
	err = wbpf_bpf__guest_str(vm, name_ptr, name);
	if (err)
		return err;
	return *name ? 0 : -EINVAL;
}

static void object_free(struct wbpf_vm *vm, struct wbpf_object *o)
{
	struct wbpf_link *l, *ln;

	wbpf_buffers__free(o);
	for (l = o->links; l; l = ln) {
		ln = l->next;
		wbpf_link__destroy(l);
	}
	wbpf_mirrors__free(vm, o);
	wbpf_map_fds__remove(vm, o);
	bpf_object__close(o->obj);
	free(o->elf);
	free(o);
}

void wbpf_bpf__free(struct wbpf_vm *vm)
{
	struct wbpf_bpf *b = vm->bpf;
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->nobjs; i++) {
		if (b->objs[i])
			object_free(vm, b->objs[i]);
		b->objs[i] = NULL;
	}
	free(b->objs);
	free(b->fds);
	for (i = 0; i < sizeof(b->log) / sizeof(b->log[0]); i++)
		free(b->log[i].text);
	free(b);
	vm->bpf = NULL;
}

static bool object_busy(struct wbpf_object *o)
{
	struct wbpf_buffer *buf;

	for (buf = o->buffers; buf; buf = buf->next) {
		if (buf->polling)
			return true;
	}
	return false;
}

/* Open an ELF image from guest memory: a handle > 0 or -errno. */
static int64_t object_open(struct wbpf_vm *vm, uint32_t ptr, int32_t len)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "wasm_bpf");
	struct wbpf_bpf *b = wbpf_bpf__get(vm);
	struct wbpf_object *o, **no;
	const char *msg;
	const void *src;
	size_t elf_len;
	int err;

	if (!b)
		return -ENOMEM;
	if (len <= 0)
		return -EINVAL;
	src = wbpf_mem__ptr(vm, ptr, (uint32_t)len);
	if (!src)
		return -EFAULT;
	err = wbpf_diag__check_caps(vm);
	if (err)
		return err;
	if (b->nobjs >= WBPF_MAX_OBJECTS)
		return -EMFILE;
	if (b->nobjs == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;

		no = realloc(b->objs, cap * sizeof(*no));
		if (!no)
			return -ENOMEM;
		b->objs = no;
		b->cap = cap;
	}
	o = calloc(1, sizeof(*o));
	if (!o)
		return -ENOMEM;
	/* libbpf keeps pointers into the image until load, and guest memory
	 * may move before then: the object gets its own copy, inflated when
	 * the guest sends it compressed (wbpf ABI 3, what wbpf-skel embeds). */
	if (wbpf_inflate__is_compressed(src, len)) {
		err = wbpf_inflate__alloc(src, len, WBPF_INFLATE_MAX, &o->elf, &elf_len, &msg);
		if (err) {
			if (err == -E2BIG)
				wbpf_vm__notef(
					vm,
					"the compressed BPF object inflates to more than %u MiB "
					"(the host's limit)",
					WBPF_INFLATE_MAX >> 20);
			else if (err == -EINVAL)
				wbpf_vm__notef(vm, "the compressed BPF object is corrupt: %s", msg);
			free(o);
			return err;
		}
	} else {
		elf_len = len;
		o->elf = malloc(len);
		if (!o->elf) {
			free(o);
			return -ENOMEM;
		}
		memcpy(o->elf, src, len);
	}
	o->obj = bpf_object__open_mem(o->elf, elf_len, &opts);
	if (!o->obj) {
		err = -errno;
		wbpf_vm__notef(vm, "cannot open the BPF object: %s", strerror(-err));
		free(o->elf);
		free(o);
		return err;
	}
	o->next_link_id = 1;
	o->next_buf_id = 1;
	b->objs[b->nobjs++] = o;
	o->id = (int64_t)b->nobjs;
	return o->id;
}

static int object_load(struct wbpf_vm *vm, struct wbpf_object *o)
{
	int err;

	if (o->loaded)
		return -EALREADY;
	err = wbpf_mirrors__before_load(vm, o);
	if (err)
		return err;
	err = bpf_object__load(o->obj);
	/* the kernel's BTF parsed ahead is for the first load, if it wants it */
	wbpf_btf_prefetch__release();
	if (err) {
		wbpf_diag__load_failed(vm, o->obj, err);
		return err;
	}
	o->loaded = true;
	wbpf_map_fds__add(vm, o);
	return wbpf_mirrors__after_load(vm, o);
}

static int object_close(struct wbpf_vm *vm, int64_t id)
{
	struct wbpf_object *o = wbpf_bpf__object(vm, id);

	if (!o)
		return -EBADF;
	/* closing from inside one of its own buffer callbacks would free what
	 * libbpf is iterating */
	if (object_busy(o))
		return -EBUSY;
	vm->bpf->objs[id - 1] = NULL;
	object_free(vm, o);
	return 0;
}

int wbpf_abi_wasm_load_bpf_object(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	int64_t id = object_open(vm, args[0], (int32_t)args[1]);
	struct wbpf_object *o;

	*ret = 0; /* the original ABI's error value */
	if (id < 0)
		return 0;
	o = wbpf_bpf__object(vm, id);
	if (object_load(vm, o)) {
		object_close(vm, id);
		return 0;
	}
	*ret = (uint64_t)id;
	return 0;
}

int wbpf_abi_wasm_bpf_object_open(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	*ret = (uint64_t)object_open(vm, args[0], (int32_t)args[1]);
	return 0;
}

int wbpf_abi_wasm_bpf_inflate(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	int32_t len = (int32_t)args[1], cap = (int32_t)args[3];
	uint32_t src_ptr = (uint32_t)args[0], dst_ptr = (uint32_t)args[2];
	const void *src;
	const char *msg;
	void *dst;

	*ret = (uint32_t)-EINVAL;
	if (len <= 0 || cap < 0)
		return 0;
	src = wbpf_mem__ptr(vm, src_ptr, (uint32_t)len);
	dst = wbpf_mem__ptr(vm, dst_ptr, (uint32_t)cap);
	if (!src || !dst) {
		*ret = (uint32_t)-EFAULT;
		return 0;
	}
	/* zlib reads and writes guest memory directly: the two must not
	 * overlap */
	if ((uint64_t)src_ptr < (uint64_t)dst_ptr + (uint32_t)cap &&
	    (uint64_t)dst_ptr < (uint64_t)src_ptr + (uint32_t)len)
		return 0;
	if (!wbpf_inflate__is_compressed(src, (uint32_t)len))
		return 0;
	*ret = (uint32_t)wbpf_inflate__into(src, (uint32_t)len, dst, (uint32_t)cap, &msg);
	return 0;
}

int wbpf_abi_wasm_bpf_object_load(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o = wbpf_bpf__object(vm, (int64_t)args[0]);

	*ret = (uint32_t)(o ? object_load(vm, o) : -EBADF);
	return 0;
}

int wbpf_abi_wasm_close_bpf_object(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	*ret = (uint32_t)object_close(vm, (int64_t)args[0]);
	return 0;
}

/* The object and one of its programs, by guest name. */
static int get_prog(struct wbpf_vm *vm, uint64_t obj, uint32_t name_ptr, struct wbpf_object **o,
		    struct bpf_program **prog)
{
	const char *name;
	int err = wbpf_bpf__object_name(vm, obj, name_ptr, o, &name);

	if (err)
		return err;
	*prog = bpf_object__find_program_by_name((*o)->obj, name);
	return *prog ? 0 : -ENOENT;
}

static int attach(struct wbpf_vm *vm, const uint64_t *args)
{
	struct wbpf_object *o;
	struct bpf_program *prog;
	struct wbpf_link *l;
	const char *target;
	int err;

	err = get_prog(vm, args[0], args[1], &o, &prog);
	if (err)
		return err;
	err = wbpf_bpf__guest_str(vm, args[2], &target);
	if (err)
		return err;
	if (!o->loaded || bpf_program__fd(prog) < 0)
		return -EINVAL;
	l = wbpf_link__attach(vm, o, prog, target, &err);
	if (!l)
		return err;
	l->id = o->next_link_id++;
	l->next = o->links;
	o->links = l;
	return l->id;
}

int wbpf_abi_wasm_attach_bpf_program(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	int r = attach(vm, args);

	*ret = (uint32_t)(r < 0 ? r : 0);
	return 0;
}

int wbpf_abi_wasm_bpf_program_attach(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	*ret = (uint32_t)attach(vm, args);
	return 0;
}

int wbpf_abi_wasm_bpf_link_destroy(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o = wbpf_bpf__object(vm, (int64_t)args[0]);
	struct wbpf_link **pl, *l;

	*ret = (uint32_t)-EBADF;
	if (!o)
		return 0;
	for (pl = &o->links; (l = *pl); pl = &l->next) {
		if (l->id == (int)(uint32_t)args[1]) {
			*pl = l->next;
			wbpf_link__destroy(l);
			*ret = 0;
			break;
		}
	}
	return 0;
}

int wbpf_abi_wasm_bpf_program_set_autoload(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o;
	struct bpf_program *prog;
	int err = get_prog(vm, args[0], args[1], &o, &prog);

	if (!err)
		err = o->loaded ? -EBUSY : bpf_program__set_autoload(prog, args[2] != 0);
	*ret = (uint32_t)err;
	return 0;
}

/* An fd the guest may name as a BPF program: one of its own, loaded. */
static bool guest_prog_fd(struct wbpf_vm *vm, int fd)
{
	struct bpf_program *p;
	size_t i;

	for (i = 0; vm->bpf && i < vm->bpf->nobjs; i++) {
		struct wbpf_object *o = vm->bpf->objs[i];

		if (!o || !o->loaded)
			continue;
		bpf_object__for_each_program (p, o->obj) {
			if (bpf_program__fd(p) == fd)
				return true;
		}
	}
	return false;
}

int wbpf_abi_wasm_bpf_program_set_attach_target(struct wbpf_vm *vm, const uint64_t *args,
						uint64_t *ret)
{
	int attach_fd = (int)(uint32_t)args[2];
	struct wbpf_object *o;
	struct bpf_program *prog;
	const char *func;
	int err = get_prog(vm, args[0], args[1], &o, &prog);

	if (!err)
		err = wbpf_bpf__guest_str(vm, args[3], &func);
	if (!err && o->loaded)
		err = -EBUSY;
	/* never let the guest hand libbpf a host descriptor */
	if (!err && attach_fd != 0 && !guest_prog_fd(vm, attach_fd))
		err = -EBADF;
	if (!err)
		err = bpf_program__set_attach_target(prog, attach_fd, func);
	*ret = (uint32_t)err;
	return 0;
}

int wbpf_abi_wasm_bpf_program_fd_by_name(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o;
	struct bpf_program *prog;
	int err = get_prog(vm, args[0], args[1], &o, &prog);

	if (!err)
		err = bpf_program__fd(prog); /* -EINVAL before load */
	*ret = (uint32_t)err;
	return 0;
}
