// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The cache of `wasm-bpf --aot`. An entry is native code the host will run,
 * so only a place no one else can write to is used: the directory and each
 * entry must belong to this user or to root and be writable by no one
 * else (as ssh treats its keys). Entries are written by rename, never in
 * place, so a reader sees a whole file or none.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include <wbpf-abi.h>

#include "aot-compile.h"
#include "aot-glue.h"
#include "errmsg.h"

/* aot-sources.c: the text compiled into every .aot */
extern const char wbpf_aot_src_glue_h[];
extern const char wbpf_aot_src_runtime_c[];

static int trusted(const struct stat *st)
{
	return (st->st_uid == geteuid() || st->st_uid == 0) && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* dir exists (made if missing) and is trusted */
static int use_dir(const char *dir, char *err, size_t err_sz)
{
	struct stat st;

	if (mkdir(dir, 0755) && errno != EEXIST)
		return wbpf_set_err(err, err_sz, -errno, "cannot create the cache %s: %s", dir,
				    strerror(errno));
	if (stat(dir, &st))
		return wbpf_set_err(err, err_sz, -errno, "%s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return wbpf_set_err(err, err_sz, -ENOTDIR, "the cache %s is not a directory", dir);
	if (!trusted(&st))
		return wbpf_set_err(
			err, err_sz, -EPERM,
			"the cache %s belongs to another user or others may write to it", dir);
	return 0;
}

/* dir and its missing parents, as the XDG spec asks of a cache base (0700) */
static int mkdir_parents(char *dir)
{
	char *p;

	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(dir, 0700) && errno != EEXIST) {
			*p = '/';
			return -errno;
		}
		*p = '/';
	}
	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	return 0;
}

int wbpf_aot_cache__path(const struct wbpf_aot_tools *t, const uint8_t sha256[WBPF_SHA256_SIZE],
			 char *path, size_t path_sz, char *err, size_t err_sz)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char dir[PATH_MAX], key[PATH_MAX + 64], hex[2 * WBPF_SHA256_SIZE + 1];
	uint8_t tool_sha[WBPF_SHA256_SIZE];
	struct sha256_ctx ctx;
	int i, ret;

	if (xdg && xdg[0] == '/') {
		snprintf(dir, sizeof(dir), "%s", xdg);
	} else if (home && home[0] == '/') {
		snprintf(dir, sizeof(dir), "%s/.cache", home);
	} else {
		return wbpf_set_err(err, err_sz, -ENOENT,
				    "no cache directory (neither "
				    "XDG_CACHE_HOME nor HOME is set)");
	}
	if (strlen(dir) + sizeof("/wbpf") > sizeof(dir))
		return wbpf_set_err(err, err_sz, -ENAMETOOLONG, "%s: path too long", dir);
	ret = mkdir_parents(dir);
	if (ret)
		return wbpf_set_err(err, err_sz, ret, "cannot create %s: %s", dir, strerror(-ret));
	strcat(dir, "/wbpf");
	ret = use_dir(dir, err, err_sz);
	if (ret)
		return ret;

	/* what else decides the code: the host's glue and the compiler */
	snprintf(key, sizeof(key), "wbpf %s abi %d aot %d cc %s cflags %s", WBPF_VERSION,
		 WBPF_ABI_VERSION, WBPF_AOT_FORMAT, t->cc, t->cflags);
	sha256_init(&ctx);
	sha256_update(&ctx, strlen(key), (const uint8_t *)key);
	sha256_update(&ctx, strlen(wbpf_aot_src_glue_h), (const uint8_t *)wbpf_aot_src_glue_h);
	sha256_update(&ctx, strlen(wbpf_aot_src_runtime_c),
		      (const uint8_t *)wbpf_aot_src_runtime_c);
	sha256_digest(&ctx, sizeof(tool_sha), tool_sha);
	for (i = 0; i < WBPF_SHA256_SIZE; i++)
		sprintf(hex + 2 * i, "%02x", sha256[i]);
	if (snprintf(path, path_sz, "%s/%s-%02x%02x%02x%02x.aot", dir, hex, tool_sha[0],
		     tool_sha[1], tool_sha[2], tool_sha[3]) >= (int)path_sz)
		return wbpf_set_err(err, err_sz, -ENAMETOOLONG, "%s: path too long", dir);
	return 0;
}

int wbpf_aot_cache__check_file(int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	return trusted(&st) ? 0 : -EPERM;
}

void wbpf_aot_cache__prune(const char *path)
{
	const char *base = strrchr(path, '/'), *dash;
	char dir[PATH_MAX];
	struct dirent *de;
	size_t keep;
	DIR *d;

	if (!base || !(dash = strchr(base, '-')))
		return;
	base++;
	keep = (size_t)(dash - base) + 1; /* "<module sha256>-" */
	if ((size_t)(base - path) >= sizeof(dir))
		return;
	memcpy(dir, path, base - path);
	dir[base - path] = 0;
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (strncmp(de->d_name, base, keep) == 0 && strcmp(de->d_name, base) != 0 &&
		    n > 4 && strcmp(de->d_name + n - 4, ".aot") == 0)
			unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}
