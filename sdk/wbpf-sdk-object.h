/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Guest SDK: errors, printing, objects, programs and skeletons.
 *
 * The guest's struct bpf_object, bpf_map and bpf_program are the SDK's own:
 * a host object handle plus names, since the host (libbpf) holds the real
 * object. A skeleton made by wbpf-skel lists the maps and programs, so the
 * guest needs no libelf; global-data maps (.rodata, .data, .bss, .data.*,
 * .rodata.*) get guest memory that the host mirrors (wasm_bpf_map_mirror):
 * what the guest writes before load reaches the kernel at load, and after
 * load the host keeps both in step at each host call.
 *
 * Part of the guest SDK: include <libbpf-wasm.h>, not this file.
 */
#ifndef __WBPF_SDK_OBJECT_H
#define __WBPF_SDK_OBJECT_H

#ifndef __LIBBPF_WASM_H
#error "include <libbpf-wasm.h>, not wbpf-sdk-object.h"
#endif

/* ---- libbpf_common.h ------------------------------------------------- */

#ifndef LIBBPF_API
#define LIBBPF_API
#endif
/* the libbpf release whose API this SDK follows */
#define LIBBPF_MAJOR_VERSION 1
#define LIBBPF_MINOR_VERSION 1

#define LIBBPF_DEPRECATED(msg) __attribute__((deprecated(msg)))

/* libbpf's "overload by argument count" helpers */
#define ___libbpf_cat(A, B)			      A##B
#define ___libbpf_select(NAME, NUM)		      ___libbpf_cat(NAME, NUM)
#define ___libbpf_nth(_1, _2, _3, _4, _5, _6, N, ...) N
#define ___libbpf_cnt(...)			      ___libbpf_nth(__VA_ARGS__, 6, 5, 4, 3, 2, 1)
#define ___libbpf_overload(NAME, ...) \
	___libbpf_select(NAME, ___libbpf_cnt(__VA_ARGS__))(__VA_ARGS__)

/* Declare and initialize a libbpf options struct (libbpf's macro). */
#define LIBBPF_OPTS(TYPE, NAME, ...)                                     \
	struct TYPE NAME = ({                                            \
		memset(&NAME, 0, sizeof(struct TYPE));                   \
		(struct TYPE){ .sz = sizeof(struct TYPE), __VA_ARGS__ }; \
	})
#define DECLARE_LIBBPF_OPTS LIBBPF_OPTS

enum libbpf_errno {
	__LIBBPF_ERRNO__START = 4000,
	LIBBPF_ERRNO__LIBELF = __LIBBPF_ERRNO__START,
	LIBBPF_ERRNO__FORMAT,	/* BPF object format invalid */
	LIBBPF_ERRNO__KVERSION, /* Incorrect or no 'version' section */
	LIBBPF_ERRNO__ENDIAN,	/* Endian mismatch */
	LIBBPF_ERRNO__INTERNAL, /* Internal error in libbpf */
	LIBBPF_ERRNO__RELOC,	/* Relocation failed */
	LIBBPF_ERRNO__LOAD,	/* Load program failure for unknown reason */
	LIBBPF_ERRNO__VERIFY,	/* Kernel verifier blocks program loading */
	LIBBPF_ERRNO__PROG2BIG, /* Program too big */
	LIBBPF_ERRNO__KVER,	/* Incorrect kernel version */
	LIBBPF_ERRNO__PROGTYPE, /* Kernel doesn't support this program type */
	LIBBPF_ERRNO__WRNGPID,	/* Wrong pid in netlink message */
	LIBBPF_ERRNO__INVSEQ,	/* Invalid netlink sequence */
	LIBBPF_ERRNO__NLPARSE,	/* netlink parsing error */
	__LIBBPF_ERRNO__END,
};

enum libbpf_print_level {
	LIBBPF_WARN,
	LIBBPF_INFO,
	LIBBPF_DEBUG,
};

typedef int (*libbpf_print_fn_t)(enum libbpf_print_level level, const char *, va_list ap);

enum libbpf_strict_mode {
	LIBBPF_STRICT_ALL = 0xffffffff,
	LIBBPF_STRICT_NONE = 0x00,
	LIBBPF_STRICT_CLEAN_PTRS = 0x01,
	LIBBPF_STRICT_DIRECT_ERRS = 0x02,
	LIBBPF_STRICT_SEC_NAME = 0x04,
	LIBBPF_STRICT_NO_OBJECT_LIST = 0x08,
	LIBBPF_STRICT_AUTO_RLIMIT_MEMLOCK = 0x10,
	LIBBPF_STRICT_MAP_DEFINITIONS = 0x20,
	__LIBBPF_STRICT_LAST,
};

struct bpf_object_open_opts {
	size_t sz;
	/* bpf_object__name() of the object (the kernel side keeps the
	 * host's own name) */
	const char *object_name;
	/* not supported by the host: must be false / NULL / 0 */
	bool relaxed_maps;
	const char *pin_root_path;
	__u32 : 32;
	const char *kconfig;
	const char *btf_custom_path;
	char *kernel_log_buf;
	size_t kernel_log_size;
	__u32 kernel_log_level;
	size_t : 0;
};

/* ---- the SDK's objects ------------------------------------------------ */

struct bpf_object;
struct bpf_link;

struct bpf_map {
	struct bpf_object *obj;
	struct bpf_map *next;
	char *name;   /* as the host looks it up: ".bss", ".rodata.foo", "events" */
	void *mirror; /* guest copy of a global-data map, mirrored by the host */
	size_t mirror_sz;
	bool mirror_late; /* .kconfig: mirrored after load (libbpf fills it) */
	int fd;		  /* host map fd, cached after load; -1 before */
	bool info_valid;
	struct wbpf_map_info info;
};

struct bpf_program {
	struct bpf_object *obj;
	struct bpf_program *next;
	char *name;
	char *sec_name;	     /* from the skeleton; NULL when unknown */
	char *attach_target; /* bpf_set_prog_attach_target() */
	enum bpf_prog_type type;
	bool autoload;
	bool autoattach;
	int fd;
};

struct bpf_link {
	struct bpf_object *obj; /* NULL once the object is closed */
	struct bpf_link *next;
	int id; /* host link id; 0 once detached */
};

/* Head shared by ring_buffer and perf_buffer (wbpf-sdk-buffer.h), so that
 * closing an object can mark its buffers dead. */
struct wbpf_sdk_buf {
	struct bpf_object *obj; /* NULL once the object is closed */
	struct wbpf_sdk_buf *next;
	int id; /* host buffer id */
};

struct bpf_object {
	int64_t handle;
	char *name;
	bool loaded;
	bool from_skeleton; /* maps and programs all known from the skeleton */
	void *elf_copy;	    /* bytes read by bpf_object__open_file() */
	struct bpf_map *maps;
	struct bpf_program *progs;
	struct bpf_link *links;
	struct wbpf_sdk_buf *bufs;
	struct bpf_object *next;
};

/* State shared by every file of the module that includes the SDK: a weak
 * definition, so the linker keeps one. */
struct wbpf_sdk_state {
	struct bpf_object *objects;
	libbpf_print_fn_t print;
	bool print_set; /* libbpf_set_print() was called: host log captured */
	char *log_buf;
	int ncpus;
	bool signal_fn_set; /* wbpf-sdk-signal.h: one constructor registered */
};
__attribute__((weak)) struct wbpf_sdk_state wbpf_sdk_state;

/* longest libbpf message handed to the print callback (verifier logs) */
#define WBPF_SDK_LOG_MAX (8 * 1024)

/* Make stdout line-buffered when the module starts, so what it printed
 * survives a forced stop of the host. */
__attribute__((constructor)) static void wbpf_sdk_init_stdio(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* ---- printing and errors ---------------------------------------------- */

static inline int wbpf_sdk_default_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static inline int wbpf_sdk_call_print(libbpf_print_fn_t fn, enum libbpf_print_level level,
				      const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static inline int wbpf_sdk_call_print(libbpf_print_fn_t fn, enum libbpf_print_level level,
				      const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = fn(level, fmt, ap);
	va_end(ap);
	return ret;
}

static inline void wbpf_sdk_pr(enum libbpf_print_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void wbpf_sdk_pr(enum libbpf_print_level level, const char *fmt, ...)
{
	libbpf_print_fn_t fn;
	int old_errno = errno;
	va_list ap;

	fn = wbpf_sdk_state.print_set ? wbpf_sdk_state.print : wbpf_sdk_default_print;
	if (!fn)
		return;
	va_start(ap, fmt);
	fn(level, fmt, ap);
	va_end(ap);
	errno = old_errno;
}

/* Hand the libbpf messages the host captured to the print callback. */
static inline void wbpf_sdk_log_drain(void)
{
	char small[256];
	char *buf = small;
	int size = sizeof(small);
	int old_errno = errno;
	int level;

	if (!wbpf_sdk_state.print_set)
		return;
	if (!wbpf_sdk_state.log_buf)
		wbpf_sdk_state.log_buf = malloc(WBPF_SDK_LOG_MAX);
	if (wbpf_sdk_state.log_buf) {
		buf = wbpf_sdk_state.log_buf;
		size = WBPF_SDK_LOG_MAX;
	}
	while ((level = wasm_bpf_log_read(buf, size)) >= 0) {
		if (wbpf_sdk_state.print)
			wbpf_sdk_call_print(wbpf_sdk_state.print, (enum libbpf_print_level)level,
					    "%s", buf);
	}
	errno = old_errno;
}

/* err is a negative guest errno: set errno and return it. */
static inline int wbpf_sdk_err(int err)
{
	if (err < 0)
		errno = -err;
	return err;
}

static inline void *wbpf_sdk_err_ptr(int err)
{
	errno = err < 0 ? -err : err;
	return NULL;
}

/* A negative import result as a negative errno. The host returns errors in
 * the guest's numbering (wasi-libc's), and libbpf's own codes
 * (LIBBPF_ERRNO__*) as they are. */
static inline int wbpf_sdk_errno(int64_t host_ret)
{
	if (host_ret >= 0)
		return 0;
	if (host_ret < -(int64_t)__LIBBPF_ERRNO__END)
		return -EIO;
	return (int)host_ret;
}

/* Result of an int import: values >= 0 as they are, errors stored in
 * errno. */
static inline int wbpf_sdk_ret(int host_ret)
{
	if (host_ret >= 0)
		return host_ret;
	return wbpf_sdk_err(wbpf_sdk_errno(host_ret));
}

/* What the host cannot do: say so through the print callback, -ENOTSUP. */
static inline int wbpf_sdk_enotsup(const char *what, const char *hint)
{
	wbpf_sdk_pr(LIBBPF_WARN, "libbpf-wasm: %s is not supported by the wasm_bpf host%s%s\n",
		    what, hint ? ": " : "", hint ? hint : "");
	return wbpf_sdk_err(-ENOTSUP);
}

static inline libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn)
{
	libbpf_print_fn_t old;

	old = wbpf_sdk_state.print_set ? wbpf_sdk_state.print : wbpf_sdk_default_print;
	wbpf_sdk_state.print = fn;
	wbpf_sdk_state.print_set = true;
	/* from now on the host hands libbpf's messages to the guest */
	wasm_bpf_log_capture(1);
	return old;
}

static inline long libbpf_get_error(const void *ptr)
{
	if (ptr)
		return 0;
	return -errno;
}

static inline int libbpf_strerror(int err, char *buf, size_t size)
{
	static const char *const libbpf_msgs[] = {
		"Something wrong in libelf",
		"BPF object format invalid",
		"'version' section incorrect or lost",
		"Endian mismatch",
		"Internal error in libbpf",
		"Relocation failed",
		"Load program failure for unknown reason",
		"Kernel verifier blocks program loading",
		"Program too big",
		"Incorrect kernel version",
		"Kernel doesn't support this program type",
		"Wrong pid in netlink message",
		"Invalid netlink sequence",
		"Incorrect netlink message parsing",
	};

	if (!buf || !size)
		return wbpf_sdk_err(-EINVAL);
	err = err > 0 ? err : -err;
	if (err >= __LIBBPF_ERRNO__START && err < __LIBBPF_ERRNO__END) {
		snprintf(buf, size, "%s", libbpf_msgs[err - __LIBBPF_ERRNO__START]);
		return 0;
	}
	snprintf(buf, size, "%s", strerror(err));
	if (err >= __LIBBPF_ERRNO__END) {
		snprintf(buf, size, "Unknown libbpf error %d", err);
		return wbpf_sdk_err(-ENOENT);
	}
	return 0;
}

/* libbpf 1.x is always strict; kept for code written for libbpf 0.x */
static inline int libbpf_set_strict_mode(enum libbpf_strict_mode mode)
{
	(void)mode;
	return 0;
}

static inline __u32 libbpf_major_version(void)
{
	return LIBBPF_MAJOR_VERSION;
}

static inline __u32 libbpf_minor_version(void)
{
	return LIBBPF_MINOR_VERSION;
}

static inline int libbpf_num_possible_cpus(void)
{
	int n;

	if (wbpf_sdk_state.ncpus > 0)
		return wbpf_sdk_state.ncpus;
	n = wasm_bpf_num_possible_cpus();
	if (n <= 0)
		return wbpf_sdk_ret(n ? n : -EINVAL);
	wbpf_sdk_state.ncpus = n;
	return n;
}

/* ---- objects ---------------------------------------------------------- */

static inline char *wbpf_sdk_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static inline struct bpf_map *wbpf_sdk_map_add(struct bpf_object *obj, const char *name)
{
	struct bpf_map *map, **tail;

	map = calloc(1, sizeof(*map));
	if (!map)
		return NULL;
	map->name = strdup(name);
	if (!map->name) {
		free(map);
		return NULL;
	}
	map->obj = obj;
	map->fd = -1;
	for (tail = &obj->maps; *tail; tail = &(*tail)->next)
		;
	*tail = map;
	return map;
}

static inline struct bpf_program *wbpf_sdk_prog_add(struct bpf_object *obj, const char *name,
						    const char *sec_name, enum bpf_prog_type type)
{
	struct bpf_program *prog, **tail;

	prog = calloc(1, sizeof(*prog));
	if (!prog)
		return NULL;
	prog->name = strdup(name);
	prog->sec_name = wbpf_sdk_strdup(sec_name);
	if (!prog->name || (sec_name && !prog->sec_name)) {
		free(prog->name);
		free(prog->sec_name);
		free(prog);
		return NULL;
	}
	prog->obj = obj;
	prog->type = type;
	prog->autoload = true;
	prog->autoattach = true;
	prog->fd = -1;
	for (tail = &obj->progs; *tail; tail = &(*tail)->next)
		;
	*tail = prog;
	return prog;
}

/* The host's description of a map, cached until load or a change. */
static inline const struct wbpf_map_info *wbpf_sdk_map_info(const struct bpf_map *map)
{
	struct bpf_map *m = (struct bpf_map *)map;
	int err;

	if (!m || !m->obj) {
		errno = EINVAL;
		return NULL;
	}
	if (!m->info_valid) {
		err = wasm_bpf_map_info(m->obj->handle, m->name, &m->info, sizeof(m->info));
		if (err < 0) {
			wbpf_sdk_ret(err);
			return NULL;
		}
		m->info_valid = true;
	}
	return &m->info;
}

static inline void wbpf_sdk_object_invalidate(struct bpf_object *obj)
{
	struct bpf_map *map;

	for (map = obj->maps; map; map = map->next)
		map->info_valid = false;
}

/* Register the guest memory of a global-data map with the host; the host
 * copies the map's current value into it. */
static inline int wbpf_sdk_map_mirror(struct bpf_map *map)
{
	int err;

	err = wasm_bpf_map_mirror(map->obj->handle, map->name, map->mirror,
				  (uint32_t)map->mirror_sz);
	wbpf_sdk_log_drain();
	if (err < 0) {
		err = wbpf_sdk_errno(err);
		wbpf_sdk_pr(LIBBPF_WARN, "libbpf-wasm: map '%s': cannot mirror its globals: %s\n",
			    map->name, strerror(-err));
		return wbpf_sdk_err(err);
	}
	return 0;
}

/* Give a global-data map guest memory of the map's value size; expect_sz
 * (the skeleton's struct size, 0 = any) must agree with it. */
static inline int wbpf_sdk_map_alloc_mirror(struct bpf_map *map, size_t expect_sz)
{
	const struct wbpf_map_info *info;
	size_t sz;

	info = wbpf_sdk_map_info(map);
	if (!info)
		return -errno;
	sz = info->value_size;
	if (expect_sz && sz != expect_sz) {
		wbpf_sdk_pr(LIBBPF_WARN,
			    "libbpf-wasm: map '%s': the object has %zu bytes of globals, the "
			    "skeleton %zu: regenerate the skeleton with wbpf-skel\n",
			    map->name, sz, expect_sz);
		return wbpf_sdk_err(-EINVAL);
	}
	map->mirror = aligned_alloc(8, (sz + 7) & ~(size_t)7);
	if (!map->mirror)
		return wbpf_sdk_err(-ENOMEM);
	memset(map->mirror, 0, sz);
	map->mirror_sz = sz;
	return 0;
}

/* The wbpf ABI of the host that compressed objects need. */
#define WBPF_SDK_ABI_COMPRESSED 3

/* A zlib or gzip stream (what wbpf-skel embeds), not an ELF object; the
 * host's test, wbpf_inflate__is_compressed(). */
static inline bool wbpf_sdk_is_compressed(const void *buf, size_t sz)
{
	const unsigned char *b = (const unsigned char *)buf;

	if (sz < 3)
		return false;
	if (b[0] == 0x1f && b[1] == 0x8b)
		return b[2] == 8;
	return (b[0] & 0x0f) == 8 && (b[0] >> 4) <= 7 && ((b[0] << 8) | b[1]) % 31 == 0;
}

/* 0 when the host inflates compressed objects, else one message and
 * -ENOTSUP. */
static inline int wbpf_sdk_check_compressed(void)
{
	int abi = wasm_bpf_abi_version();

	if (abi >= WBPF_SDK_ABI_COMPRESSED)
		return 0;
	wbpf_sdk_pr(LIBBPF_WARN,
		    "libbpf-wasm: the BPF object is compressed and this host's wasm_bpf ABI is "
		    "version %d, it needs %d: update wasm-bpf, or regenerate the skeleton with "
		    "wbpf-skel gen --no-compress\n",
		    abi, WBPF_SDK_ABI_COMPRESSED);
	return wbpf_sdk_err(-ENOTSUP);
}

/*
 * bpftool's <name>__elf_bytes() for a skeleton whose object is embedded
 * compressed (z, z_sz; elf_sz once inflated): the host inflates it on the
 * first call (wasm_bpf_inflate), and the ELF stays in *cache for the
 * module's lifetime, as bpftool's static bytes do. NULL with errno on
 * failure (ENOMEM, ENOTSUP for an old host, EINVAL for a corrupt object).
 */
static inline const void *wbpf_sdk_elf_bytes(const void *z, size_t z_sz, size_t elf_sz,
					     void **cache, size_t *sz)
{
	void *elf = *cache;
	int n;

	if (!elf) {
		if (elf_sz > INT32_MAX || z_sz > INT32_MAX)
			return wbpf_sdk_err_ptr(-E2BIG);
		if (wbpf_sdk_check_compressed())
			return NULL;
		elf = malloc(elf_sz ? elf_sz : 1);
		if (!elf)
			return wbpf_sdk_err_ptr(-ENOMEM);
		n = wasm_bpf_inflate(z, (int)z_sz, elf, (int)elf_sz);
		if (n != (int)elf_sz) {
			free(elf);
			return wbpf_sdk_err_ptr(n < 0 ? wbpf_sdk_errno(n) : -EINVAL);
		}
		*cache = elf;
	}
	if (sz)
		*sz = elf_sz;
	return elf;
}

static inline struct bpf_object *wbpf_sdk_object_open(const void *buf, size_t sz, const char *name,
						      const struct bpf_object_open_opts *opts)
{
	struct bpf_object *obj;
	int64_t handle;

	if (!buf || !sz)
		return wbpf_sdk_err_ptr(-EINVAL);
	if (wbpf_sdk_is_compressed(buf, sz) && wbpf_sdk_check_compressed())
		return NULL;
	if (opts && opts->sz >= offsetof(struct bpf_object_open_opts, kernel_log_level) +
					sizeof(opts->kernel_log_level)) {
		if (opts->relaxed_maps || opts->pin_root_path)
			return wbpf_sdk_err_ptr(wbpf_sdk_enotsup(
				"bpf_object_open_opts.relaxed_maps/pin_root_path", NULL));
		if (opts->kconfig || opts->btf_custom_path)
			return wbpf_sdk_err_ptr(wbpf_sdk_enotsup(
				"bpf_object_open_opts.kconfig/btf_custom_path", NULL));
		if (opts->kernel_log_buf || opts->kernel_log_level)
			return wbpf_sdk_err_ptr(
				wbpf_sdk_enotsup("bpf_object_open_opts.kernel_log_*",
						 "use libbpf_set_print() to see the verifier log"));
	}
	if (sz > INT32_MAX)
		return wbpf_sdk_err_ptr(-E2BIG);

	handle = wasm_bpf_object_open(buf, (int)sz);
	wbpf_sdk_log_drain();
	if (handle <= 0)
		return wbpf_sdk_err_ptr(handle ? wbpf_sdk_errno(handle) : -EINVAL);

	obj = calloc(1, sizeof(*obj));
	if (obj)
		obj->name = strdup(name && *name ? name : "wasm_bpf_object");
	if (!obj || !obj->name) {
		free(obj);
		wasm_close_bpf_object(handle);
		return wbpf_sdk_err_ptr(-ENOMEM);
	}
	obj->handle = handle;
	obj->next = wbpf_sdk_state.objects;
	wbpf_sdk_state.objects = obj;
	return obj;
}

static inline struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
						      const struct bpf_object_open_opts *opts)
{
	return wbpf_sdk_object_open(obj_buf, obj_buf_sz, opts ? opts->object_name : NULL, opts);
}

/* Reads the file through WASI: the host must grant its directory (--dir). */
static inline struct bpf_object *bpf_object__open_file(const char *path,
						       const struct bpf_object_open_opts *opts)
{
	struct bpf_object *obj;
	const char *base;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	FILE *f;
	int err;

	if (!path)
		return wbpf_sdk_err_ptr(-EINVAL);
	f = fopen(path, "rb");
	if (!f) {
		err = -errno;
		wbpf_sdk_pr(LIBBPF_WARN,
			    "libbpf-wasm: %s: %s (is its directory granted with --dir?)\n", path,
			    strerror(-err));
		return wbpf_sdk_err_ptr(err);
	}
	do {
		if (len == cap) {
			char *nbuf = realloc(buf, cap ? cap * 2 : 64 * 1024);

			if (!nbuf) {
				free(buf);
				fclose(f);
				return wbpf_sdk_err_ptr(-ENOMEM);
			}
			buf = nbuf;
			cap = cap ? cap * 2 : 64 * 1024;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	err = ferror(f) ? -EIO : 0;
	fclose(f);
	if (err) {
		free(buf);
		return wbpf_sdk_err_ptr(err);
	}
	base = strrchr(path, '/');
	obj = wbpf_sdk_object_open(
		buf, len, opts && opts->object_name ? opts->object_name : (base ? base + 1 : path),
		opts);
	if (!obj) {
		err = -errno;
		free(buf);
		return wbpf_sdk_err_ptr(err);
	}
	obj->elf_copy = buf;
	return obj;
}

static inline struct bpf_object *bpf_object__open(const char *path)
{
	return bpf_object__open_file(path, NULL);
}

static inline const char *bpf_object__name(const struct bpf_object *obj)
{
	return obj ? obj->name : (const char *)wbpf_sdk_err_ptr(-EINVAL);
}

static inline struct bpf_map *bpf_object__next_map(const struct bpf_object *obj,
						   const struct bpf_map *map)
{
	if (!obj)
		return NULL;
	return map ? map->next : obj->maps;
}

static inline struct bpf_program *bpf_object__next_program(const struct bpf_object *obj,
							   struct bpf_program *prog)
{
	if (!obj)
		return NULL;
	return prog ? prog->next : obj->progs;
}

#define bpf_object__for_each_map(pos, obj)                             \
	for ((pos) = bpf_object__next_map((obj), NULL); (pos) != NULL; \
	     (pos) = bpf_object__next_map((obj), (pos)))

#define bpf_object__for_each_program(pos, obj)                             \
	for ((pos) = bpf_object__next_program((obj), NULL); (pos) != NULL; \
	     (pos) = bpf_object__next_program((obj), (pos)))

static inline struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj,
							   const char *name)
{
	struct bpf_object *o = (struct bpf_object *)obj;
	struct wbpf_map_info info;
	struct bpf_map *map;
	int err;

	if (!obj || !name)
		return wbpf_sdk_err_ptr(-EINVAL);
	for (map = obj->maps; map; map = map->next) {
		if (strcmp(map->name, name) == 0)
			return map;
	}
	if (obj->from_skeleton)
		return wbpf_sdk_err_ptr(-ENOENT);
	/* an object opened without a skeleton: ask the host */
	err = wasm_bpf_map_info(obj->handle, name, &info, sizeof(info));
	if (err < 0)
		return wbpf_sdk_err_ptr(wbpf_sdk_errno(err));
	map = wbpf_sdk_map_add(o, name);
	if (!map)
		return wbpf_sdk_err_ptr(-ENOMEM);
	return map;
}

static inline struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj,
								   const char *name)
{
	struct bpf_object *o = (struct bpf_object *)obj;
	struct bpf_program *prog;
	int fd;

	if (!obj || !name)
		return wbpf_sdk_err_ptr(-EINVAL);
	for (prog = obj->progs; prog; prog = prog->next) {
		if (strcmp(prog->name, name) == 0)
			return prog;
	}
	if (obj->from_skeleton)
		return wbpf_sdk_err_ptr(-ENOENT);
	/* without a skeleton the guest cannot list programs before load;
	 * after load the host can tell whether the program exists */
	if (obj->loaded) {
		fd = wasm_bpf_program_fd_by_name(obj->handle, name);
		if (fd < 0)
			return wbpf_sdk_err_ptr(wbpf_sdk_errno(fd));
	}
	prog = wbpf_sdk_prog_add(o, name, NULL, BPF_PROG_TYPE_UNSPEC);
	if (!prog)
		return wbpf_sdk_err_ptr(-ENOMEM);
	return prog;
}

static inline int bpf_object__load(struct bpf_object *obj)
{
	struct bpf_map *map;
	int err;

	if (!obj)
		return wbpf_sdk_err(-EINVAL);
	if (obj->loaded) {
		wbpf_sdk_pr(LIBBPF_WARN, "object '%s': load can't be attempted twice\n", obj->name);
		return wbpf_sdk_err(-EINVAL);
	}
	err = wasm_bpf_object_load(obj->handle);
	wbpf_sdk_log_drain();
	obj->loaded = true;
	wbpf_sdk_object_invalidate(obj);
	if (err < 0)
		return wbpf_sdk_ret(err);
	/* .kconfig: what libbpf filled in at load; the object is loaded
	 * either way (wbpf_sdk_map_mirror() said what went wrong) */
	for (map = obj->maps; map; map = map->next) {
		if (map->mirror && map->mirror_late)
			wbpf_sdk_map_mirror(map);
	}
	return 0;
}

static inline void bpf_object__close(struct bpf_object *obj)
{
	struct bpf_object **pos;
	struct bpf_program *prog;
	struct wbpf_sdk_buf *buf;
	struct bpf_link *link;
	struct bpf_map *map;

	if (!obj)
		return;
	/* the host detaches every link and frees every buffer of the object;
	 * the guest's link and buffer structs stay for their owners to free */
	for (link = obj->links; link; link = link->next) {
		link->obj = NULL;
		link->id = 0;
	}
	for (buf = obj->bufs; buf; buf = buf->next)
		buf->obj = NULL;
	wasm_close_bpf_object(obj->handle);
	wbpf_sdk_log_drain();

	while ((map = obj->maps)) {
		obj->maps = map->next;
		free(map->mirror);
		free(map->name);
		free(map);
	}
	while ((prog = obj->progs)) {
		obj->progs = prog->next;
		free(prog->name);
		free(prog->sec_name);
		free(prog->attach_target);
		free(prog);
	}
	for (pos = &wbpf_sdk_state.objects; *pos; pos = &(*pos)->next) {
		if (*pos == obj) {
			*pos = obj->next;
			break;
		}
	}
	free(obj->elf_copy);
	free(obj->name);
	free(obj);
}

/* The object and map that own host map fd `fd`, for the fd-based calls
 * (ring_buffer__new(), ...) that must name the host object. */
static inline struct bpf_map *wbpf_sdk_map_by_fd(int fd)
{
	struct bpf_object *obj;
	struct bpf_map *map;
	int mfd;

	if (fd < 0)
		return NULL;
	for (obj = wbpf_sdk_state.objects; obj; obj = obj->next) {
		if (!obj->loaded)
			continue;
		for (map = obj->maps; map; map = map->next) {
			if (map->fd < 0) {
				mfd = wasm_bpf_map_fd_by_name(obj->handle, map->name);
				if (mfd >= 0)
					map->fd = mfd;
			}
			if (map->fd == fd)
				return map;
		}
	}
	return NULL;
}

/* ---- programs --------------------------------------------------------- */

static inline const char *bpf_program__name(const struct bpf_program *prog)
{
	return prog ? prog->name : (const char *)wbpf_sdk_err_ptr(-EINVAL);
}

/* The SEC() name; NULL (errno ENOENT) for objects opened without a
 * skeleton, whose section names the guest does not know. */
static inline const char *bpf_program__section_name(const struct bpf_program *prog)
{
	if (!prog)
		return wbpf_sdk_err_ptr(-EINVAL);
	if (!prog->sec_name)
		return wbpf_sdk_err_ptr(-ENOENT);
	return prog->sec_name;
}

static inline enum bpf_prog_type bpf_program__type(const struct bpf_program *prog)
{
	return prog ? prog->type : BPF_PROG_TYPE_UNSPEC;
}

static inline bool bpf_program__autoload(const struct bpf_program *prog)
{
	return prog && prog->autoload;
}

/* Before load: a program with autoload off is not loaded into the kernel
 * (the host tells libbpf), and skeleton attach skips it. */
static inline int bpf_program__set_autoload(struct bpf_program *prog, bool autoload)
{
	int err;

	if (!prog)
		return wbpf_sdk_err(-EINVAL);
	if (prog->obj->loaded)
		return wbpf_sdk_err(-EINVAL);
	err = wasm_bpf_program_set_autoload(prog->obj->handle, prog->name, autoload ? 1 : 0);
	wbpf_sdk_log_drain();
	if (err < 0)
		return wbpf_sdk_ret(err);
	prog->autoload = autoload;
	return 0;
}

static inline bool bpf_program__autoattach(const struct bpf_program *prog)
{
	return prog && prog->autoattach;
}

static inline void bpf_program__set_autoattach(struct bpf_program *prog, bool autoattach)
{
	if (prog)
		prog->autoattach = autoattach;
}

/* Before load: libbpf's bpf_program__set_attach_target() (fentry/fexit,
 * freplace, tp_btf targets). */
static inline int bpf_program__set_attach_target(struct bpf_program *prog, int attach_prog_fd,
						 const char *attach_func_name)
{
	int err;

	if (!prog || attach_prog_fd < 0)
		return wbpf_sdk_err(-EINVAL);
	if (prog->obj->loaded)
		return wbpf_sdk_err(-EINVAL);
	err = wasm_bpf_program_set_attach_target(prog->obj->handle, prog->name, attach_prog_fd,
						 attach_func_name);
	wbpf_sdk_log_drain();
	return wbpf_sdk_ret(err < 0 ? err : 0);
}

/* After load: the program's host fd (e.g. to put it in a PROG_ARRAY). */
static inline int bpf_program__fd(const struct bpf_program *prog)
{
	struct bpf_program *p = (struct bpf_program *)prog;
	int fd;

	if (!prog)
		return wbpf_sdk_err(-EINVAL);
	if (!prog->obj->loaded)
		return wbpf_sdk_err(-EINVAL);
	if (p->fd >= 0)
		return p->fd;
	fd = wasm_bpf_program_fd_by_name(prog->obj->handle, prog->name);
	if (fd < 0)
		return wbpf_sdk_ret(fd);
	p->fd = fd;
	return fd;
}

/* ---- skeletons (the shape bpftool's skeletons use) --------------------- */

struct bpf_map_skeleton {
	const char *name;
	struct bpf_map **map;
	void **mmaped;	  /* global-data maps: where the guest copy goes */
	size_t mmaped_sz; /* wbpf: sizeof the skeleton's struct for it */
};

struct bpf_prog_skeleton {
	const char *name;
	struct bpf_program **prog;
	struct bpf_link **link;
	const char *sec_name;	 /* wbpf: SEC() name, for auto-attach */
	enum bpf_prog_type type; /* wbpf: as libbpf guessed it from SEC() */
	bool autoload_off;	 /* wbpf: SEC("?...") programs are not loaded */
};

struct bpf_object_skeleton {
	size_t sz; /* size of this struct, for forward/backward compatibility */
	const char *name;
	const void *data; /* the .bpf.o, embedded in the skeleton (zlib-compressed
			   * unless generated with --no-compress) */
	size_t data_sz;
	struct bpf_object **obj;
	int map_cnt;
	int map_skel_sz; /* sizeof(struct bpf_map_skeleton) */
	struct bpf_map_skeleton *maps;
	int prog_cnt;
	int prog_skel_sz; /* sizeof(struct bpf_prog_skeleton) */
	struct bpf_prog_skeleton *progs;
};

static inline int bpf_object__open_skeleton(struct bpf_object_skeleton *s,
					    const struct bpf_object_open_opts *opts)
{
	const struct wbpf_map_info *info;
	struct bpf_object *obj;
	int i, err;

	if (!s || !s->obj)
		return wbpf_sdk_err(-EINVAL);
	obj = wbpf_sdk_object_open(s->data, s->data_sz,
				   opts && opts->object_name ? opts->object_name : s->name, opts);
	if (!obj)
		return -errno;
	obj->from_skeleton = true;
	*s->obj = obj;

	for (i = 0; i < s->map_cnt; i++) {
		struct bpf_map_skeleton *ms = (void *)((char *)s->maps + i * s->map_skel_sz);
		struct bpf_map *map;

		map = wbpf_sdk_map_add(obj, ms->name);
		if (!map)
			return wbpf_sdk_err(-ENOMEM);
		*ms->map = map;
		if (!ms->mmaped)
			continue;
		/* like libbpf: a section holding only static variables is not
		 * BPF_F_MMAPABLE, and its skel-><sec> stays NULL */
		info = wbpf_sdk_map_info(map);
		if (!info)
			return -errno;
		if (!(info->map_flags & BPF_F_MMAPABLE)) {
			*ms->mmaped = NULL;
			continue;
		}
		err = wbpf_sdk_map_alloc_mirror(map, ms->mmaped_sz);
		if (err)
			return err;
		*ms->mmaped = map->mirror;
		/* libbpf fills .kconfig at load and refuses initial values
		 * for it: mirror it once it is loaded */
		if (strcmp(ms->name, ".kconfig") == 0) {
			map->mirror_late = true;
			continue;
		}
		err = wbpf_sdk_map_mirror(map);
		if (err)
			return err;
	}
	for (i = 0; i < s->prog_cnt; i++) {
		struct bpf_prog_skeleton *ps = (void *)((char *)s->progs + i * s->prog_skel_sz);
		struct bpf_program *prog;

		prog = wbpf_sdk_prog_add(obj, ps->name, ps->sec_name, ps->type);
		if (!prog)
			return wbpf_sdk_err(-ENOMEM);
		/* the host's libbpf read the same "?" from the object */
		prog->autoload = !ps->autoload_off;
		*ps->prog = prog;
	}
	return 0;
}

static inline int bpf_object__load_skeleton(struct bpf_object_skeleton *s)
{
	if (!s || !s->obj)
		return wbpf_sdk_err(-EINVAL);
	return bpf_object__load(*s->obj);
}

/* in wbpf-sdk-attach.h */
static inline int bpf_object__attach_skeleton(struct bpf_object_skeleton *s);
static inline void bpf_object__detach_skeleton(struct bpf_object_skeleton *s);

static inline void bpf_object__destroy_skeleton(struct bpf_object_skeleton *s)
{
	if (!s)
		return;
	bpf_object__detach_skeleton(s);
	if (s->obj) {
		bpf_object__close(*s->obj);
		*s->obj = NULL;
	}
	free(s->maps);
	free(s->progs);
	free(s);
}

#endif /* __WBPF_SDK_OBJECT_H */
