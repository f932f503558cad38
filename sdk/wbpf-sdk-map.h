/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Guest SDK: map properties and element operations.
 *
 * Map fds are the host's fds of this module's own maps; the element calls
 * (libbpf's bpf.h: bpf_map_lookup_elem(fd, ...), and libbpf 1.0's
 * bpf_map__lookup_elem(map, ...)) go to the host, which copies keys and
 * values straight from and to guest memory. Per-CPU maps take values of
 * round_up(value_size, 8) * libbpf_num_possible_cpus() bytes, as in libbpf.
 *
 * Part of the guest SDK: include <libbpf-wasm.h>, not this file.
 */
#ifndef __WBPF_SDK_MAP_H
#define __WBPF_SDK_MAP_H

#ifndef __LIBBPF_WASM_H
#error "include <libbpf-wasm.h>, not wbpf-sdk-map.h"
#endif

/* ---- properties ---------------------------------------------------------- */

/* The map's host fd after load; -1 before load, as in libbpf. */
static inline int bpf_map__fd(const struct bpf_map *map)
{
	struct bpf_map *m = (struct bpf_map *)map;
	int fd;

	if (!map)
		return wbpf_sdk_err(-EINVAL);
	if (map->fd >= 0)
		return map->fd;
	if (!map->obj || !map->obj->loaded)
		return -1;
	fd = wasm_bpf_map_fd_by_name(map->obj->handle, map->name);
	if (fd < 0)
		return wbpf_sdk_ret(fd);
	m->fd = fd;
	return fd;
}

/* The name the host knows the map by: the variable name for maps of
 * SEC(".maps"), the section name (".bss", ".rodata", ".data.foo") for
 * global data. */
static inline const char *bpf_map__name(const struct bpf_map *map)
{
	return map ? map->name : (const char *)wbpf_sdk_err_ptr(-EINVAL);
}

static inline bool bpf_map__is_internal(const struct bpf_map *map)
{
	return map && map->name[0] == '.';
}

static inline enum bpf_map_type bpf_map__type(const struct bpf_map *map)
{
	const struct wbpf_map_info *info = wbpf_sdk_map_info(map);

	return info ? (enum bpf_map_type)info->type : BPF_MAP_TYPE_UNSPEC;
}

static inline __u32 bpf_map__key_size(const struct bpf_map *map)
{
	const struct wbpf_map_info *info = wbpf_sdk_map_info(map);

	return info ? info->key_size : 0;
}

/* per CPU for per-CPU maps, as in libbpf */
static inline __u32 bpf_map__value_size(const struct bpf_map *map)
{
	const struct wbpf_map_info *info = wbpf_sdk_map_info(map);

	return info ? info->value_size : 0;
}

static inline __u32 bpf_map__max_entries(const struct bpf_map *map)
{
	const struct wbpf_map_info *info = wbpf_sdk_map_info(map);

	return info ? info->max_entries : 0;
}

static inline __u32 bpf_map__map_flags(const struct bpf_map *map)
{
	const struct wbpf_map_info *info = wbpf_sdk_map_info(map);

	return info ? info->map_flags : 0;
}

/* Before load; the kernel map is created with it. */
static inline int bpf_map__set_max_entries(struct bpf_map *map, __u32 max_entries)
{
	int err;

	if (!map)
		return wbpf_sdk_err(-EINVAL);
	if (map->obj->loaded)
		return wbpf_sdk_err(-EBUSY);
	err = wasm_bpf_map_set_max_entries(map->obj->handle, map->name, max_entries);
	wbpf_sdk_log_drain();
	map->info_valid = false;
	return wbpf_sdk_ret(err < 0 ? err : 0);
}

static inline int bpf_map__set_type(struct bpf_map *map, enum bpf_map_type type)
{
	(void)map;
	(void)type;
	return wbpf_sdk_enotsup("bpf_map__set_type()", "declare the type in the BPF program");
}

static inline int bpf_map__set_key_size(struct bpf_map *map, __u32 size)
{
	(void)map;
	(void)size;
	return wbpf_sdk_enotsup("bpf_map__set_key_size()", "declare it in the BPF program");
}

static inline int bpf_map__set_value_size(struct bpf_map *map, __u32 size)
{
	(void)map;
	(void)size;
	return wbpf_sdk_enotsup("bpf_map__set_value_size()", "declare it in the BPF program");
}

static inline int bpf_map__set_map_flags(struct bpf_map *map, __u32 flags)
{
	(void)map;
	(void)flags;
	return wbpf_sdk_enotsup("bpf_map__set_map_flags()", "declare them in the BPF program");
}

static inline int bpf_map__set_autocreate(struct bpf_map *map, bool autocreate)
{
	(void)map;
	(void)autocreate;
	return wbpf_sdk_enotsup("bpf_map__set_autocreate()", NULL);
}

static inline int bpf_map__set_pin_path(struct bpf_map *map, const char *path)
{
	(void)map;
	(void)path;
	return wbpf_sdk_enotsup("bpf_map__set_pin_path()", NULL);
}

static inline int bpf_map__reuse_fd(struct bpf_map *map, int fd)
{
	(void)map;
	(void)fd;
	return wbpf_sdk_enotsup("bpf_map__reuse_fd()", NULL);
}

static inline int bpf_map__set_inner_map_fd(struct bpf_map *map, int fd)
{
	(void)map;
	(void)fd;
	return wbpf_sdk_enotsup("bpf_map__set_inner_map_fd()", NULL);
}

/* Global-data maps: the guest copy the skeleton's rodata/data/bss point to
 * (before load the initial value, after load live values). */
static inline const void *bpf_map__initial_value(struct bpf_map *map, size_t *psize)
{
	if (!map || !map->mirror)
		return wbpf_sdk_err_ptr(-EINVAL);
	if (psize)
		*psize = map->mirror_sz;
	return map->mirror;
}

static inline int bpf_map__set_initial_value(struct bpf_map *map, const void *data, size_t size)
{
	if (!map || !map->mirror || size != map->mirror_sz)
		return wbpf_sdk_err(-EINVAL);
	if (map->obj->loaded)
		return wbpf_sdk_err(-EBUSY);
	memcpy(map->mirror, data, size);
	return 0;
}

/* ---- element operations by fd (libbpf's bpf.h) ----------------------------- */

static inline int bpf_map_lookup_elem(int fd, const void *key, void *value)
{
	return wbpf_sdk_ret(wasm_bpf_map_operate(fd, WBPF_MAP_LOOKUP_ELEM, key, value, NULL, 0));
}

static inline int bpf_map_lookup_elem_flags(int fd, const void *key, void *value, __u64 flags)
{
	return wbpf_sdk_ret(
		wasm_bpf_map_operate(fd, WBPF_MAP_LOOKUP_ELEM, key, value, NULL, flags));
}

static inline int bpf_map_update_elem(int fd, const void *key, const void *value, __u64 flags)
{
	return wbpf_sdk_ret(
		wasm_bpf_map_operate(fd, WBPF_MAP_UPDATE_ELEM, key, (void *)value, NULL, flags));
}

static inline int bpf_map_delete_elem(int fd, const void *key)
{
	return wbpf_sdk_ret(wasm_bpf_map_operate(fd, WBPF_MAP_DELETE_ELEM, key, NULL, NULL, 0));
}

static inline int bpf_map_delete_elem_flags(int fd, const void *key, __u64 flags)
{
	return wbpf_sdk_ret(wasm_bpf_map_operate(fd, WBPF_MAP_DELETE_ELEM, key, NULL, NULL, flags));
}

/* key NULL = the first key */
static inline int bpf_map_get_next_key(int fd, const void *key, void *next_key)
{
	return wbpf_sdk_ret(
		wasm_bpf_map_operate(fd, WBPF_MAP_GET_NEXT_KEY, key, NULL, next_key, 0));
}

static inline int bpf_map_lookup_and_delete_elem(int fd, const void *key, void *value)
{
	return wbpf_sdk_ret(
		wasm_bpf_map_operate(fd, WBPF_MAP_LOOKUP_AND_DELETE_ELEM, key, value, NULL, 0));
}

static inline int bpf_map_lookup_and_delete_elem_flags(int fd, const void *key, void *value,
						       __u64 flags)
{
	return wbpf_sdk_ret(
		wasm_bpf_map_operate(fd, WBPF_MAP_LOOKUP_AND_DELETE_ELEM, key, value, NULL, flags));
}

/* ---- element operations on a struct bpf_map (libbpf 1.0) ------------------ */

static inline bool wbpf_sdk_map_is_percpu(__u32 type)
{
	return type == BPF_MAP_TYPE_PERCPU_ARRAY || type == BPF_MAP_TYPE_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH || type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

/* libbpf's validate_map_op(): the map is loaded and the sizes are the
 * map's; for per-CPU maps the value holds one 8-byte aligned slot per
 * possible CPU. */
static inline int wbpf_sdk_map_check(const struct bpf_map *map, size_t key_sz, size_t value_sz,
				     bool check_value_sz)
{
	const struct wbpf_map_info *info;
	size_t want;
	int ncpus;

	if (!map)
		return wbpf_sdk_err(-EINVAL);
	if (bpf_map__fd(map) < 0)
		return wbpf_sdk_err(-ENOENT);
	info = wbpf_sdk_map_info(map);
	if (!info)
		return -errno;
	if (info->key_size != key_sz) {
		wbpf_sdk_pr(LIBBPF_WARN,
			    "map '%s': unexpected key size %zu provided, expected %u\n", map->name,
			    key_sz, info->key_size);
		return wbpf_sdk_err(-EINVAL);
	}
	if (!check_value_sz)
		return 0;
	want = info->value_size;
	if (wbpf_sdk_map_is_percpu(info->type)) {
		ncpus = libbpf_num_possible_cpus();
		if (ncpus < 0)
			return ncpus;
		want = ((want + 7) & ~(size_t)7) * (size_t)ncpus;
	}
	if (value_sz != want) {
		wbpf_sdk_pr(LIBBPF_WARN,
			    "map '%s': unexpected value size %zu provided, expected %zu\n",
			    map->name, value_sz, want);
		return wbpf_sdk_err(-EINVAL);
	}
	return 0;
}

static inline int bpf_map__lookup_elem(const struct bpf_map *map, const void *key, size_t key_sz,
				       void *value, size_t value_sz, __u64 flags)
{
	int err = wbpf_sdk_map_check(map, key_sz, value_sz, true);

	if (err)
		return err;
	return bpf_map_lookup_elem_flags(map->fd, key, value, flags);
}

static inline int bpf_map__update_elem(const struct bpf_map *map, const void *key, size_t key_sz,
				       const void *value, size_t value_sz, __u64 flags)
{
	int err = wbpf_sdk_map_check(map, key_sz, value_sz, true);

	if (err)
		return err;
	return bpf_map_update_elem(map->fd, key, value, flags);
}

static inline int bpf_map__delete_elem(const struct bpf_map *map, const void *key, size_t key_sz,
				       __u64 flags)
{
	int err = wbpf_sdk_map_check(map, key_sz, 0, false);

	if (err)
		return err;
	return bpf_map_delete_elem_flags(map->fd, key, flags);
}

static inline int bpf_map__lookup_and_delete_elem(const struct bpf_map *map, const void *key,
						  size_t key_sz, void *value, size_t value_sz,
						  __u64 flags)
{
	int err = wbpf_sdk_map_check(map, key_sz, value_sz, true);

	if (err)
		return err;
	return bpf_map_lookup_and_delete_elem_flags(map->fd, key, value, flags);
}

/* cur_key NULL = the first key */
static inline int bpf_map__get_next_key(const struct bpf_map *map, const void *cur_key,
					void *next_key, size_t key_sz)
{
	int err = wbpf_sdk_map_check(map, key_sz, 0, false);

	if (err)
		return err;
	return bpf_map_get_next_key(map->fd, cur_key, next_key);
}

static inline int bpf_object__find_map_fd_by_name(const struct bpf_object *obj, const char *name)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, name);

	return map ? bpf_map__fd(map) : -errno;
}

#endif /* __WBPF_SDK_MAP_H */
