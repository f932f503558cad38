/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Ahead-of-time compilation: a module to an .aot file (a shared object the
 * AOT engine runs) with Debian's wasm2c and a C compiler, and the cache
 * `wasm-bpf --aot` keeps them in.
 *
 * Tools, each overridable from the environment:
 *   CC                  the C compiler (default cc; may carry arguments)
 *   WBPF_AOT_CFLAGS     its optimisation flags (default -O2)
 *   WASM2C              wasm2c (default wasm2c)
 *   WBPF_WASM2C_RUNTIME the directory of wasm2c's runtime, wasm-rt-impl.c
 *                       (default /usr/src/wasm2c)
 */
#ifndef __WBPF_AOT_COMPILE_H
#define __WBPF_AOT_COMPILE_H

#include <stddef.h>
#include <stdint.h>

#include "wasm-module.h"

#define WBPF_SHA256_SIZE 32

struct wbpf_aot_tools {
	const char *cc;
	const char *cflags;
	const char *wasm2c;
	const char *runtime_dir;
};

/* The tools from the environment; 0, or -ENOENT with why in err, e.g.
 * "no C compiler (cc not found in PATH)". */
int wbpf_aot__tools(struct wbpf_aot_tools *t, char *err, size_t err_sz);

/* How an .aot is built (the compiler's command lines), for the cache key. */
const char *wbpf_aot__recipe(void);

/* SHA-256 of a buffer. */
void wbpf_sha256(const void *data, size_t len, uint8_t out[WBPF_SHA256_SIZE]);

/*
 * Compiles a module into the .aot file `out`, atomically (built in a
 * temporary directory beside it, then renamed). info is what
 * wbpf_wasm__inspect() said of the module: a module the interpreter would
 * refuse never gets here. 0, or -errno with a one-line reason in err.
 */
int wbpf_aot__compile(const struct wbpf_aot_tools *t, const void *bytes, size_t len,
		      const struct wbpf_wasm_info *info, const char *out, char *err, size_t err_sz);

/*
 * The cache of `--aot`: $XDG_CACHE_HOME/wbpf, else $HOME/.cache/wbpf,
 * created if missing. Only a directory owned by this user (or root) and
 * writable by no one else is used. The path of a module's entry, keyed by
 * the module's hash, the wbpf version, ABI and AOT format, the glue
 * compiled into every .aot and the command lines, and the compiler and its
 * flags, into path. 0, or -errno with why in err.
 */
int wbpf_aot_cache__path(const struct wbpf_aot_tools *t, const uint8_t sha256[WBPF_SHA256_SIZE],
			 char *path, size_t path_sz, char *err, size_t err_sz);

/* Removes the entries of the same module made by other hosts or compilers
 * (an upgrade leaves them behind): the cache keeps one per module. */
void wbpf_aot_cache__prune(const char *path);

/* 0 if the file at path may be loaded from the cache (a regular file owned
 * by this user or root, writable by no one else), else -errno. */
int wbpf_aot_cache__check_file(int fd);

#endif /* __WBPF_AOT_COMPILE_H */
