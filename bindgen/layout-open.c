// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wbpf_model__open(): a BPF ELF object or a raw BTF file, told apart by
 * their magic, read with libbpf, and every failure turned into one errno and
 * one line for the user.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "layout-internal.h"

static bool has_datasec_vars(const struct btf *btf)
{
	uint32_t id, cnt = btf__type_cnt(btf);

	for (id = 1; id < cnt; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (btf_is_datasec(t) && btf_vlen(t))
			return true;
	}
	return false;
}

/* Clang leaves DATASEC sizes and variable offsets to the loader. libbpf
 * fills them in from the ELF section sizes and symbols when it opens the
 * object (what bpftool's skeleton generator sees), so let it. */
static struct bpf_object *open_fixed_up(const char *path, const struct btf **btf)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);

	if (!obj)
		return NULL;
	*btf = bpf_object__btf(obj);
	if (!*btf) {
		bpf_object__close(obj);
		return NULL;
	}
	return obj;
}

static struct wbpf_model *open_elf(const char *path, const struct wbpf_model_opts *opts)
{
	struct btf *btf = btf__parse_elf(path, NULL);
	const struct btf *fixed = NULL;
	struct bpf_object *obj;
	int err = errno;

	if (!btf) {
		if (err == ENOENT)
			err = wbpf_layout_set_err(ENODATA,
						  "no .BTF section (build it with clang -g)");
		else if (err == LIBBPF_ERRNO__FORMAT || err == LIBBPF_ERRNO__LIBELF)
			err = wbpf_layout_set_err(ENOEXEC,
						  "not a valid ELF file (truncated or damaged)");
		else
			err = wbpf_layout_set_err(EINVAL, "truncated or corrupt BTF in .BTF (%s)",
						  strerror(err));
		errno = -err;
		return NULL;
	}
	if (!has_datasec_vars(btf))
		return wbpf_model_build(btf, btf, NULL, opts);
	obj = open_fixed_up(path, &fixed);
	if (!obj) /* not a loadable BPF object: data sections stay unsized */
		return wbpf_model_build(btf, btf, NULL, opts);
	btf__free(btf);
	return wbpf_model_build(fixed, NULL, obj, opts);
}

static struct wbpf_model *open_raw(const char *path, const struct wbpf_model_opts *opts)
{
	struct btf *btf = btf__parse_raw(path);

	if (!btf) {
		int err = errno;

		wbpf_layout_set_err(EINVAL, "truncated or corrupt BTF (%s)", strerror(err));
		errno = EINVAL;
		return NULL;
	}
	return wbpf_model_build(btf, btf, NULL, opts);
}

struct wbpf_model *wbpf_model__open(const char *path, const struct wbpf_model_opts *opts)
{
	libbpf_print_fn_t prev;
	unsigned char magic[SELFMAG] = { 0 };
	struct wbpf_model *m;
	struct stat st;
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		wbpf_layout_set_err(err, "%s", err == ENOENT ? "no such file" : strerror(err));
		errno = err;
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		wbpf_layout_set_err(EISDIR, "is a directory");
		errno = EISDIR;
		return NULL;
	}
	n = read(fd, magic, sizeof(magic));
	close(fd);

	prev = libbpf_set_print(wbpf_layout_silent_print);
	if (n == SELFMAG && !memcmp(magic, ELFMAG, SELFMAG)) {
		m = open_elf(path, opts);
	} else if (n >= 2 && ((magic[0] == 0x9f && magic[1] == 0xeb) ||
			      (magic[0] == 0xeb && magic[1] == 0x9f))) {
		m = open_raw(path, opts);
	} else {
		wbpf_layout_set_err(ENOEXEC, "not a BPF ELF object or raw BTF file");
		errno = ENOEXEC;
		m = NULL;
	}
	err = errno;
	libbpf_set_print(prev);
	errno = err;
	return m;
}
