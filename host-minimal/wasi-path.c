// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * WASI preview1, paths: only beneath a directory granted with --dir.
 *
 * Every lookup is done by the kernel with openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_MAGICLINKS) from the granted directory: "..", absolute paths
 * and symlinks that would leave it fail (EXDEV, reported as ENOTCAPABLE),
 * with no racy userspace path walking. Calls that act on a last component
 * (mkdir, unlink, rename, readlink) open its parent that way and use the
 * *at() call on a single name. Creating symlinks and changing times by path
 * are denied.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "errno-wasi.h"
#include "guest-mem.h"
#include "imports.h"
#include "wasi.h"

#define LOOKUP_SYMLINK_FOLLOW 1

#define OFLAG_CREAT	1
#define OFLAG_DIRECTORY 2
#define OFLAG_EXCL	4
#define OFLAG_TRUNC	8

#define FDFLAG_APPEND	1
#define FDFLAG_DSYNC	2
#define FDFLAG_NONBLOCK 4
#define FDFLAG_RSYNC	8
#define FDFLAG_SYNC	16

#define RIGHT_FD_DATASYNC	   (1ull << 0)
#define RIGHT_FD_READ		   (1ull << 1)
#define RIGHT_FD_WRITE		   (1ull << 6)
#define RIGHT_FD_ALLOCATE	   (1ull << 8)
#define RIGHT_FD_READDIR	   (1ull << 14)
#define RIGHT_FD_FILESTAT_SET_SIZE (1ull << 22)

static int wasi_err(int e)
{
	/* an escape attempt is a capability error in WASI terms */
	return e == EXDEV ? WASI_ENOTCAPABLE : wbpf_errno__to_wasi(e);
}

static int safe_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	struct open_how how;
	long fd;

	memset(&how, 0, sizeof(how));
	/* openat2 refuses O_PATH with any flag but these three */
	how.flags = (uint64_t)flags | O_CLOEXEC | ((flags & O_PATH) ? 0 : O_NOCTTY);
	how.mode = (flags & O_CREAT) ? mode : 0;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	/* glibc 2.36 has no openat2() wrapper */
	do {
		fd = syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
	} while (fd < 0 && errno == EAGAIN);
	return (int)fd;
}

/* The guest's (fd, path, path_len) as a directory and a host string. */
static int get_path(struct wbpf_vm *vm, uint32_t fd, uint32_t ptr, uint32_t len,
		    struct wbpf_wasi_fd **dir, char **out)
{
	const char *p;

	*dir = wbpf_wasi__fd(vm, fd);
	if (!*dir)
		return WASI_EBADF;
	if ((*dir)->filetype != WASI_FILETYPE_DIRECTORY)
		return WASI_ENOTDIR;
	if (len > WBPF_MAX_STR)
		return WASI_ENAMETOOLONG;
	p = wbpf_mem__ptr(vm, ptr, len);
	if (!p)
		return WASI_EFAULT;
	if (memchr(p, 0, len))
		return WASI_EINVAL;
	*out = strndup(p, len);
	return *out ? 0 : WASI_ENOMEM;
}

/*
 * Split path into a safely opened parent directory and a last component
 * that is a plain name (not "", "." or ".."). *last points into path.
 */
static int open_parent(int dirfd, char *path, int *parent, const char **last)
{
	char *slash;
	size_t len = strlen(path);

	while (len > 1 && path[len - 1] == '/')
		path[--len] = 0;
	slash = strrchr(path, '/');
	if (slash) {
		*slash = 0;
		*last = slash + 1;
		*parent = safe_openat(dirfd, slash == path ? "/" : path, O_PATH | O_DIRECTORY, 0);
		if (*parent < 0)
			return wasi_err(errno);
	} else {
		*last = path;
		*parent = dup(dirfd);
		if (*parent < 0)
			return wasi_err(errno);
	}
	if (!**last || strcmp(*last, ".") == 0 || strcmp(*last, "..") == 0) {
		close(*parent);
		return WASI_ENOTCAPABLE;
	}
	return 0;
}

int wbpf_wasi_path_open(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	uint32_t dirflags = args[1], oflags = args[4], fdflags = args[7];
	uint64_t rights = args[5], rights_inh = args[6];
	struct wbpf_wasi_fd *dir;
	bool rd, wr;
	struct stat st;
	char *path = NULL;
	uint8_t *out;
	int flags = 0, fd, slot, err;

	out = wbpf_mem__ptr(vm, args[8], 4);
	if (!out)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	err = get_path(vm, args[0], args[2], args[3], &dir, &path);
	if (err)
		return wbpf_wasi__ret(ret, err);

	rd = rights & (RIGHT_FD_READ | RIGHT_FD_READDIR);
	wr = rights &
	     (RIGHT_FD_WRITE | RIGHT_FD_DATASYNC | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE);
	if (oflags & OFLAG_DIRECTORY)
		flags = O_RDONLY | O_DIRECTORY;
	else if (wr)
		flags = rd ? O_RDWR : O_WRONLY;
	else
		flags = O_RDONLY;
	flags |= (oflags & OFLAG_CREAT) ? O_CREAT : 0;
	flags |= (oflags & OFLAG_EXCL) ? O_EXCL : 0;
	flags |= (oflags & OFLAG_TRUNC) ? O_TRUNC : 0;
	flags |= (fdflags & FDFLAG_APPEND) ? O_APPEND : 0;
	flags |= (fdflags & FDFLAG_NONBLOCK) ? O_NONBLOCK : 0;
	flags |= (fdflags & FDFLAG_DSYNC) ? O_DSYNC : 0;
	flags |= (fdflags & (FDFLAG_SYNC | FDFLAG_RSYNC)) ? O_SYNC : 0;
	if (!(dirflags & LOOKUP_SYMLINK_FOLLOW))
		flags |= O_NOFOLLOW;

	fd = safe_openat(dir->host_fd, path, flags, 0666);
	free(path);
	if (fd < 0)
		return wbpf_wasi__ret(ret, wasi_err(errno));
	if (fstat(fd, &st)) {
		err = wasi_err(errno);
		close(fd);
		return wbpf_wasi__ret(ret, err);
	}
	slot = wbpf_wasi__fd_alloc(vm->wasi, fd, wbpf_wasi__filetype(st.st_mode),
				   rights & dir->rights_inh, rights_inh & dir->rights_inh, fdflags);
	if (slot < 0) {
		close(fd);
		return wbpf_wasi__ret(ret, WASI_EMFILE);
	}
	/* re-read: the guest's memory has not moved, but never trust that */
	out = wbpf_mem__ptr(vm, args[8], 4);
	memcpy(out, &slot, 4);
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_path_filestat_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *dir;
	char *path = NULL;
	struct stat st;
	int fd, err, flags = O_PATH;

	err = get_path(vm, args[0], args[2], args[3], &dir, &path);
	if (err)
		return wbpf_wasi__ret(ret, err);
	if (!(args[1] & LOOKUP_SYMLINK_FOLLOW))
		flags |= O_NOFOLLOW;
	fd = safe_openat(dir->host_fd, path, flags, 0);
	free(path);
	if (fd < 0)
		return wbpf_wasi__ret(ret, wasi_err(errno));
	err = fstat(fd, &st) ? wasi_err(errno) : 0;
	close(fd);
	if (err)
		return wbpf_wasi__ret(ret, err);
	return wbpf_wasi__ret(ret, wbpf_wasi__put_filestat(vm, args[4], &st));
}

/* mkdir, unlink, rmdir: one *at() call on the last component */
static int at_last(struct wbpf_vm *vm, const uint64_t *args, int op)
{
	struct wbpf_wasi_fd *dir;
	const char *last;
	char *path = NULL;
	int parent, err, r;

	err = get_path(vm, args[0], args[1], args[2], &dir, &path);
	if (err)
		return err;
	err = open_parent(dir->host_fd, path, &parent, &last);
	if (err) {
		free(path);
		return err;
	}
	if (op == 0)
		r = mkdirat(parent, last, 0777);
	else
		r = unlinkat(parent, last, op == 2 ? AT_REMOVEDIR : 0);
	err = r ? wasi_err(errno) : 0;
	close(parent);
	free(path);
	return err;
}

int wbpf_wasi_path_create_directory(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return wbpf_wasi__ret(ret, at_last(vm, args, 0));
}

int wbpf_wasi_path_unlink_file(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return wbpf_wasi__ret(ret, at_last(vm, args, 1));
}

int wbpf_wasi_path_remove_directory(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return wbpf_wasi__ret(ret, at_last(vm, args, 2));
}

int wbpf_wasi_path_readlink(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *dir;
	const char *last;
	char *path = NULL;
	uint8_t *buf, *used;
	int parent, err;
	ssize_t n;

	err = get_path(vm, args[0], args[1], args[2], &dir, &path);
	if (err)
		return wbpf_wasi__ret(ret, err);
	buf = wbpf_mem__ptr(vm, args[3], args[4]);
	used = wbpf_mem__ptr(vm, args[5], 4);
	if (!buf || !used) {
		free(path);
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	}
	err = open_parent(dir->host_fd, path, &parent, &last);
	if (!err) {
		n = readlinkat(parent, last, (char *)buf, args[4]);
		err = n < 0 ? wasi_err(errno) : 0;
		if (!err)
			memcpy(used, &(uint32_t){ (uint32_t)n }, 4);
		close(parent);
	}
	free(path);
	return wbpf_wasi__ret(ret, err);
}

/* rename and link: both ends resolved beneath their directories */
static int two_paths(struct wbpf_vm *vm, uint32_t fd1, uint32_t p1, uint32_t l1, uint32_t fd2,
		     uint32_t p2, uint32_t l2, bool link)
{
	struct wbpf_wasi_fd *d1, *d2;
	char *path1 = NULL, *path2 = NULL;
	const char *last1, *last2;
	int par1 = -1, par2 = -1, err, r;

	err = get_path(vm, fd1, p1, l1, &d1, &path1);
	if (!err)
		err = get_path(vm, fd2, p2, l2, &d2, &path2);
	if (!err)
		err = open_parent(d1->host_fd, path1, &par1, &last1);
	if (!err)
		err = open_parent(d2->host_fd, path2, &par2, &last2);
	if (!err) {
		r = link ? linkat(par1, last1, par2, last2, 0) : renameat(par1, last1, par2, last2);
		err = r ? wasi_err(errno) : 0;
	}
	if (par1 >= 0)
		close(par1);
	if (par2 >= 0)
		close(par2);
	free(path1);
	free(path2);
	return err;
}

int wbpf_wasi_path_rename(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return wbpf_wasi__ret(
		ret, two_paths(vm, args[0], args[1], args[2], args[3], args[4], args[5], false));
}

int wbpf_wasi_path_link(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	/* args[1]: lookup flags of the old path; following is not offered */
	return wbpf_wasi__ret(
		ret, two_paths(vm, args[0], args[2], args[3], args[4], args[5], args[6], true));
}

WBPF_WASI_DENIED(path_symlink)
WBPF_WASI_DENIED(path_filestat_set_times)

/* ---- fd_readdir ---------------------------------------------------------- */

static uint8_t dirent_type(unsigned char t)
{
	switch (t) {
	case DT_BLK:
		return WASI_FILETYPE_BLOCK_DEVICE;
	case DT_CHR:
		return WASI_FILETYPE_CHARACTER_DEVICE;
	case DT_DIR:
		return WASI_FILETYPE_DIRECTORY;
	case DT_REG:
		return WASI_FILETYPE_REGULAR_FILE;
	case DT_SOCK:
		return WASI_FILETYPE_SOCKET_STREAM;
	case DT_LNK:
		return WASI_FILETYPE_SYMBOLIC_LINK;
	default:
		return WASI_FILETYPE_UNKNOWN;
	}
}

/*
 * Entries as __wasi_dirent_t (24 bytes) + name, packed; the last one may be
 * cut, which tells wasi-libc to call again with a bigger buffer. Cookies
 * are entry indexes.
 */
int wbpf_wasi_fd_readdir(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	uint32_t len = args[2], used = 0;
	uint64_t cookie = args[3];
	uint8_t *buf, *out;
	struct dirent *de;

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (f->filetype != WASI_FILETYPE_DIRECTORY)
		return wbpf_wasi__ret(ret, WASI_ENOTDIR);
	buf = wbpf_mem__ptr(vm, args[1], len);
	out = wbpf_mem__ptr(vm, args[4], 4);
	if (!buf || !out)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	if (!f->dir) {
		int fd = openat(f->host_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (fd < 0)
			return wbpf_wasi__ret(ret, wasi_err(errno));
		f->dir = fdopendir(fd);
		if (!f->dir) {
			close(fd);
			return wbpf_wasi__ret(ret, wasi_err(errno));
		}
		f->dir_cookie = 0;
	}
	if (cookie != f->dir_cookie) {
		rewinddir(f->dir);
		for (f->dir_cookie = 0; f->dir_cookie < cookie; f->dir_cookie++) {
			if (!readdir(f->dir))
				break;
		}
	}
	while (used < len) {
		uint8_t ent[24];
		uint32_t namlen, n;

		errno = 0;
		de = readdir(f->dir);
		if (!de)
			break;
		f->dir_cookie++;
		namlen = strlen(de->d_name);
		memset(ent, 0, sizeof(ent));
		memcpy(ent, &f->dir_cookie, 8);
		memcpy(ent + 8, &(uint64_t){ de->d_ino }, 8);
		memcpy(ent + 16, &namlen, 4);
		ent[20] = dirent_type(de->d_type);
		n = len - used < 24 ? len - used : 24;
		memcpy(buf + used, ent, n);
		used += n;
		n = len - used < namlen ? len - used : namlen;
		memcpy(buf + used, de->d_name, n);
		used += n;
	}
	memcpy(out, &used, 4);
	return wbpf_wasi__ret(ret, 0);
}
