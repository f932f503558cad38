// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Which code runs a module (aot-select.h): an .aot file given as is, or
 * for `--aot` the cache's entry for a .wasm, compiled first when missing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aot-compile.h"
#include "aot-select.h"
#include "engine-aot.h"
#include "errmsg.h"
#include "file.h"
#include "wasm-module.h"

void wbpf_aot_file__release(struct wbpf_aot_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	free(f->bytes);
	f->fd = -1;
	f->bytes = NULL;
}

int wbpf_aot__check_sibling(const char *path, const struct wbpf_aot_note *note, char *err,
			    size_t err_sz)
{
	uint8_t sha[WBPF_SHA256_SIZE];
	size_t n = strlen(path), len;
	char *wasm;
	void *bytes;
	int fd;

	if (n < 4 || strcmp(path + n - 4, ".aot") != 0)
		return 0;
	wasm = malloc(n + 2);
	if (!wasm)
		return 0;
	memcpy(wasm, path, n - 4);
	strcpy(wasm + n - 4, ".wasm");
	fd = open(wasm, O_RDONLY | O_CLOEXEC);
	bytes = fd >= 0 ? wbpf_file__read_fd(fd, &len) : NULL;
	if (fd >= 0)
		close(fd);
	if (!bytes) {
		free(wasm);
		return 0;
	}
	wbpf_sha256(bytes, len, sha);
	free(bytes);
	if (memcmp(sha, note->module_sha256, sizeof(sha)) != 0) {
		wbpf_set_err(
			err, err_sz, -ESTALE,
			"compiled from another module than %s beside it (their SHA-256 differ): "
			"compile it again with wbpf aot",
			wasm);
		free(wasm);
		return -ESTALE;
	}
	free(wasm);
	return 0;
}

/* The cache entry at path, if it is there, trusted, and this module's. */
static int open_cached(const char *path, const uint8_t sha[WBPF_SHA256_SIZE],
		       struct wbpf_aot_file *f)
{
	struct wbpf_aot_note note;
	char why[256];

	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0)
		return -errno;
	if (wbpf_aot_cache__check_file(f->fd))
		goto miss;
	f->bytes = wbpf_file__read_fd(f->fd, &f->len);
	if (!f->bytes)
		goto miss;
	if (wbpf_aot__read_note(f->bytes, f->len, &note, why, sizeof(why)))
		goto miss;
	if (memcmp(note.module_sha256, sha, WBPF_SHA256_SIZE) != 0)
		goto miss;
	return 0;
miss:
	wbpf_aot_file__release(f);
	return -ESTALE;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int wbpf_aot__from_cache(const void *wasm, size_t len, struct wbpf_aot_file *out, char *msg,
			 size_t msg_sz)
{
	struct wbpf_wasm_info *info = NULL;
	uint8_t sha[WBPF_SHA256_SIZE];
	char path[4096], why[512];
	struct wbpf_aot_tools t;
	int tools, ret;
	double t0;

	out->fd = -1;
	out->bytes = NULL;
	msg[0] = 0;
	wbpf_sha256(wasm, len, sha);
	tools = wbpf_aot__tools(&t, why, sizeof(why));
	ret = wbpf_aot_cache__path(&t, sha, path, sizeof(path), msg, msg_sz);
	if (ret)
		return 1;
	if (open_cached(path, sha, out) == 0)
		return 0;

	/* compile only what the interpreter would run */
	ret = wbpf_wasm__inspect(wasm, len, &info, msg, msg_sz);
	if (ret)
		return ret;
	if (tools) {
		wbpf_wasm_info__free(info);
		snprintf(msg, msg_sz, "%s", why);
		return 1;
	}
	t0 = now_s();
	ret = wbpf_aot__compile(&t, wasm, len, info, path, why, sizeof(why));
	wbpf_wasm_info__free(info);
	if (ret) {
		snprintf(msg, msg_sz, "cannot compile it ahead of time: %s", why);
		return 1;
	}
	if (open_cached(path, sha, out)) {
		snprintf(msg, msg_sz, "cannot use %s, just compiled", path);
		return 1;
	}
	wbpf_aot_cache__prune(path);
	snprintf(msg, msg_sz, "compiled ahead of time into %s (%.1f s)", path, now_s() - t0);
	return 0;
}
