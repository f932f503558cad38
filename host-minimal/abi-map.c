// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wasm_bpf imports on maps: fd by name, element operations straight into
 * guest memory, map info, max_entries, and global-data mirrors.
 *
 * Map fds are checked against this guest's own objects (the per-fd cache in
 * vm->bpf->fds), so a guest can never make the host operate on a descriptor
 * it does not own. Key and value sizes come from the cache; per-CPU values
 * are round_up(value_size, 8) * libbpf_num_possible_cpus() bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <wbpf-abi.h>

#include "bpf-state.h"
#include "guest-mem.h"
#include "imports.h"

static bool is_percpu(uint32_t type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH || type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH || type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

static uint32_t full_value_size(uint32_t type, uint32_t value_size)
{
	int ncpus;

	if (!is_percpu(type))
		return value_size;
	ncpus = libbpf_num_possible_cpus();
	if (ncpus < 1)
		ncpus = 1;
	return ((value_size + 7) & ~7u) * (uint32_t)ncpus;
}

void wbpf_map_fds__add(struct wbpf_vm *vm, struct wbpf_object *o)
{
	struct wbpf_bpf *b = vm->bpf;
	struct bpf_map *map;

	bpf_object__for_each_map (map, o->obj) {
		int fd = bpf_map__fd(map);
		struct wbpf_map_fd *e;

		if (fd < 0)
			continue;
		if ((size_t)fd >= b->nfds) {
			size_t n = (size_t)fd + 64;
			struct wbpf_map_fd *nf = realloc(b->fds, n * sizeof(*nf));

			if (!nf)
				continue; /* the guest will see -EBADF for it */
			memset(nf + b->nfds, 0, (n - b->nfds) * sizeof(*nf));
			b->fds = nf;
			b->nfds = n;
		}
		e = &b->fds[fd];
		e->obj = o;
		e->map = map;
		e->type = bpf_map__type(map);
		e->key_size = bpf_map__key_size(map);
		e->value_size = full_value_size(e->type, bpf_map__value_size(map));
	}
}

void wbpf_map_fds__remove(struct wbpf_vm *vm, struct wbpf_object *o)
{
	struct wbpf_bpf *b = vm->bpf;
	size_t i;

	for (i = 0; b && i < b->nfds; i++) {
		if (b->fds[i].obj == o)
			memset(&b->fds[i], 0, sizeof(b->fds[i]));
	}
}

static struct wbpf_map_fd *map_fd(struct wbpf_vm *vm, int32_t fd)
{
	struct wbpf_bpf *b = vm->bpf;

	if (!b || fd < 0 || (size_t)fd >= b->nfds || !b->fds[fd].obj)
		return NULL;
	return &b->fds[fd];
}

/* The object and one of its maps, by guest name. */
static int get_map(struct wbpf_vm *vm, uint64_t obj, uint32_t name_ptr, struct wbpf_object **o,
		   struct bpf_map **map)
{
	const char *name;
	int err = wbpf_bpf__object_name(vm, obj, name_ptr, o, &name);

	if (err)
		return err;
	*map = bpf_object__find_map_by_name((*o)->obj, name);
	return *map ? 0 : -ENOENT;
}

int wbpf_abi_wasm_bpf_map_fd_by_name(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o;
	struct bpf_map *map;
	int err = get_map(vm, args[0], args[1], &o, &map);

	if (!err) {
		err = bpf_map__fd(map);
		if (err < 0)
			err = -EINVAL; /* not created yet */
	}
	*ret = (uint32_t)err;
	return 0;
}

/* Guest pointer to n bytes, or NULL when ptr is 0; *bad on a bad range. */
static void *opt_ptr(struct wbpf_vm *vm, uint32_t ptr, uint32_t n, bool *bad)
{
	void *p;

	if (!ptr)
		return NULL;
	p = wbpf_mem__ptr(vm, ptr, n);
	if (!p)
		*bad = true;
	return p;
}

static int map_operate(struct wbpf_vm *vm, const uint64_t *args)
{
	int32_t fd = (int32_t)args[0];
	uint32_t cmd = args[1];
	uint64_t flags = args[5];
	struct wbpf_map_fd *m = map_fd(vm, fd);
	void *key, *value, *next;
	bool bad = false;

	if (!m)
		return -EBADF;
	/* maps without keys (queue, stack) take NULL */
	key = m->key_size ? opt_ptr(vm, args[2], m->key_size, &bad) : NULL;
	value = opt_ptr(vm, args[3], m->value_size, &bad);
	next = opt_ptr(vm, args[4], m->key_size, &bad);
	switch (cmd) {
	case WBPF_MAP_LOOKUP_ELEM:
		if (bad || !value)
			return -EFAULT;
		return bpf_map_lookup_elem_flags(fd, key, value, flags);
	case WBPF_MAP_UPDATE_ELEM:
		if (bad || !value)
			return -EFAULT;
		return bpf_map_update_elem(fd, key, value, flags);
	case WBPF_MAP_DELETE_ELEM:
		if (bad)
			return -EFAULT;
		return bpf_map_delete_elem_flags(fd, key, flags);
	case WBPF_MAP_GET_NEXT_KEY:
		/* key NULL: the first key */
		if (bad || !next)
			return -EFAULT;
		return bpf_map_get_next_key(fd, key, next);
	case WBPF_MAP_LOOKUP_AND_DELETE_ELEM:
		if (bad || !value)
			return -EFAULT;
		return bpf_map_lookup_and_delete_elem_flags(fd, key, value, flags);
	default:
		return -EINVAL;
	}
}

int wbpf_abi_wasm_bpf_map_operate(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	*ret = (uint32_t)map_operate(vm, args);
	return 0;
}

int wbpf_abi_wasm_bpf_map_info(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_map_info info;
	struct wbpf_object *o;
	struct bpf_map *map;
	void *dst;
	int err = get_map(vm, args[0], args[1], &o, &map);

	if (!err && (int32_t)args[3] < (int32_t)sizeof(info))
		err = -EINVAL;
	if (!err) {
		dst = wbpf_mem__ptr(vm, args[2], sizeof(info));
		if (!dst)
			err = -EFAULT;
	}
	if (!err) {
		int ncpus = libbpf_num_possible_cpus();

		memset(&info, 0, sizeof(info));
		info.type = bpf_map__type(map);
		info.key_size = bpf_map__key_size(map);
		info.value_size = bpf_map__value_size(map);
		info.max_entries = bpf_map__max_entries(map);
		info.map_flags = bpf_map__map_flags(map);
		info.fd = o->loaded ? bpf_map__fd(map) : -1;
		info.ncpus = ncpus > 0 ? ncpus : 1;
		memcpy(dst, &info, sizeof(info));
	}
	*ret = (uint32_t)err;
	return 0;
}

int wbpf_abi_wasm_bpf_map_set_max_entries(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_object *o;
	struct bpf_map *map;
	int err = get_map(vm, args[0], args[1], &o, &map);

	if (!err)
		err = o->loaded ? -EBUSY : bpf_map__set_max_entries(map, (uint32_t)args[2]);
	*ret = (uint32_t)err;
	return 0;
}

/* ---- global-data mirrors ------------------------------------------------ */

static bool is_rodata(struct bpf_map *map)
{
	const char *name = bpf_map__name(map);

	return strstr(name, ".rodata") || strstr(name, ".kconfig");
}

/*
 * The kernel's memory of a loaded global-data map. libbpf 1.1 maps it into
 * the process only for skeletons (bpf_object__load_skeleton), so the host
 * maps it itself: read-only for frozen .rodata.
 */
static int mirror_map_kernel(struct wbpf_mirror *m)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t sz;
	void *p;
	int prot = m->rodata ? PROT_READ : PROT_READ | PROT_WRITE;

	if (m->kmem)
		return 0;
	if (!(bpf_map__map_flags(m->map) & BPF_F_MMAPABLE))
		return -EOPNOTSUPP;
	sz = ((size_t)m->size + page - 1) / page * page;
	p = mmap(NULL, sz, prot, MAP_SHARED, bpf_map__fd(m->map), 0);
	if (p == MAP_FAILED)
		return -errno;
	m->kmem = p;
	m->kmem_sz = sz;
	return 0;
}

int wbpf_abi_wasm_bpf_map_mirror(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	uint32_t ptr = args[2], size = args[3];
	struct wbpf_object *o;
	struct wbpf_mirror *m;
	struct bpf_map *map;
	const void *init;
	size_t init_sz = 0;
	uint8_t *g;
	int err = get_map(vm, args[0], args[1], &o, &map);

	*ret = (uint32_t)err;
	if (err)
		return 0;
	*ret = (uint32_t)-EINVAL;
	if (!bpf_map__is_internal(map) || bpf_map__value_size(map) != size || size == 0)
		return 0;
	if (!wbpf_mem__ptr(vm, ptr, size)) {
		*ret = (uint32_t)-EFAULT;
		return 0;
	}
	for (m = o->mirrors; m; m = m->next) {
		if (m->map == map)
			break;
	}
	if (!m) {
		m = calloc(1, sizeof(*m));
		if (m)
			m->snap = malloc(size);
		if (!m || !m->snap) {
			free(m);
			*ret = (uint32_t)-ENOMEM;
			return 0;
		}
		m->map = map;
		m->size = size;
		m->rodata = is_rodata(map);
		if (o->loaded) {
			err = mirror_map_kernel(m);
			if (err) {
				free(m->snap);
				free(m);
				*ret = (uint32_t)err;
				return 0;
			}
		}
		m->next = o->mirrors;
		o->mirrors = m;
		vm->bpf->nmirrors++;
	}
	m->ptr = ptr;
	/* the current value: the kernel's after load, the ELF's before */
	if (m->kmem) {
		init = m->kmem;
	} else {
		init = bpf_map__initial_value(map, &init_sz);
		if (!init || init_sz != size) {
			*ret = (uint32_t)-EOPNOTSUPP;
			return 0;
		}
	}
	g = wbpf_mem__ptr(vm, ptr, size);
	memcpy(g, init, size);
	memcpy(m->snap, init, size);
	*ret = 0;
	return 0;
}

int wbpf_mirrors__before_load(struct wbpf_vm *vm, struct wbpf_object *o)
{
	struct wbpf_mirror *m;
	uint8_t *g;
	int err;

	for (m = o->mirrors; m; m = m->next) {
		g = wbpf_mem__ptr(vm, m->ptr, m->size);
		if (!g)
			return -EFAULT;
		err = bpf_map__set_initial_value(m->map, g, m->size);
		if (err)
			return err;
		memcpy(m->snap, g, m->size);
	}
	return 0;
}

int wbpf_mirrors__after_load(struct wbpf_vm *vm, struct wbpf_object *o)
{
	struct wbpf_mirror *m;
	int err;

	(void)vm;
	for (m = o->mirrors; m; m = m->next) {
		err = mirror_map_kernel(m);
		if (err)
			return err;
	}
	return 0;
}

/* Guest-changed bytes to the kernel: compared with what the host last
 * wrote to the guest, in 64-byte strides, byte by byte where they differ. */
static void push_changes(const uint8_t *g, const uint8_t *snap, uint8_t *k, uint32_t size)
{
	uint32_t off, i, n;

	for (off = 0; off < size; off += 64) {
		n = size - off < 64 ? size - off : 64;
		if (memcmp(g + off, snap + off, n) == 0)
			continue;
		for (i = off; i < off + n; i++) {
			if (g[i] != snap[i])
				k[i] = g[i];
		}
	}
}

void wbpf_bpf__sync_mirrors(struct wbpf_vm *vm)
{
	struct wbpf_bpf *b = vm->bpf;
	struct wbpf_mirror *m;
	uint8_t *g;
	size_t i;

	if (!b || !b->nmirrors)
		return;
	for (i = 0; i < b->nobjs; i++) {
		struct wbpf_object *o = b->objs[i];

		if (!o || !o->loaded)
			continue;
		for (m = o->mirrors; m; m = m->next) {
			g = wbpf_mem__ptr(vm, m->ptr, m->size);
			if (!g || !m->kmem)
				continue;
			if (!m->rodata)
				push_changes(g, m->snap, m->kmem, m->size);
			memcpy(g, m->kmem, m->size);
			memcpy(m->snap, g, m->size);
		}
	}
}

bool wbpf_bpf__has_mirrors(struct wbpf_vm *vm)
{
	return vm->bpf && vm->bpf->nmirrors > 0;
}

void wbpf_mirrors__free(struct wbpf_vm *vm, struct wbpf_object *o)
{
	struct wbpf_mirror *m, *mn;

	for (m = o->mirrors; m; m = mn) {
		mn = m->next;
		if (m->kmem)
			munmap(m->kmem, m->kmem_sz);
		free(m->snap);
		free(m);
		if (vm->bpf)
			vm->bpf->nmirrors--;
	}
	o->mirrors = NULL;
}
