// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * WASI preview1, descriptors: the guest's fd table and the fd_* calls.
 * Guest fds index the table; the guest never names a host descriptor. Output
 * goes straight to the host descriptor (no buffering in the host), so what
 * the guest wrote is in the pipe or file even if the host is stopped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "errno-wasi.h"
#include "guest-mem.h"
#include "imports.h"
#include "wasi.h"

#define FDFLAG_APPEND	1
#define FDFLAG_DSYNC	2
#define FDFLAG_NONBLOCK 4
#define FDFLAG_RSYNC	8
#define FDFLAG_SYNC	16

#define FSTFLAG_ATIM	 1
#define FSTFLAG_ATIM_NOW 2
#define FSTFLAG_MTIM	 4
#define FSTFLAG_MTIM_NOW 8

/* at most this many iovecs per call (Linux's IOV_MAX) */
#define WASI_IOV_MAX 1024

struct wbpf_wasi_fd *wbpf_wasi__fd(struct wbpf_vm *vm, uint32_t fd)
{
	if (!vm->wasi || fd >= WBPF_WASI_MAX_FDS || vm->wasi->fds[fd].host_fd < 0)
		return NULL;
	return &vm->wasi->fds[fd];
}

int wbpf_wasi__fd_alloc(struct wbpf_wasi *w, int host_fd, uint8_t filetype, uint64_t rights_base,
			uint64_t rights_inh, uint16_t fdflags)
{
	int i;

	for (i = 3; i < WBPF_WASI_MAX_FDS; i++) {
		struct wbpf_wasi_fd *f = &w->fds[i];

		if (f->host_fd >= 0)
			continue;
		memset(f, 0, sizeof(*f));
		f->host_fd = host_fd;
		f->filetype = filetype;
		f->rights_base = rights_base;
		f->rights_inh = rights_inh;
		f->fdflags = fdflags;
		return i;
	}
	return -EMFILE;
}

uint8_t wbpf_wasi__filetype(int mode)
{
	switch (mode & S_IFMT) {
	case S_IFBLK:
		return WASI_FILETYPE_BLOCK_DEVICE;
	case S_IFCHR:
		return WASI_FILETYPE_CHARACTER_DEVICE;
	case S_IFDIR:
		return WASI_FILETYPE_DIRECTORY;
	case S_IFREG:
		return WASI_FILETYPE_REGULAR_FILE;
	case S_IFSOCK:
		return WASI_FILETYPE_SOCKET_STREAM;
	case S_IFLNK:
		return WASI_FILETYPE_SYMBOLIC_LINK;
	default:
		return WASI_FILETYPE_UNKNOWN; /* FIFOs have no WASI type */
	}
}

int wbpf_wasi__put_filestat(struct wbpf_vm *vm, uint32_t ptr, const void *stat)
{
	const struct stat *st = stat;
	uint8_t *p = wbpf_mem__ptr(vm, ptr, 64);

	if (!p)
		return WASI_EFAULT;
	memset(p, 0, 64);
	wbpf_mem__put_u64(p + 0, st->st_dev);
	wbpf_mem__put_u64(p + 8, st->st_ino);
	p[16] = wbpf_wasi__filetype(st->st_mode);
	wbpf_mem__put_u64(p + 24, st->st_nlink);
	wbpf_mem__put_u64(p + 32, st->st_size);
	wbpf_mem__put_u64(p + 40, wbpf_wasi__ns(&st->st_atim));
	wbpf_mem__put_u64(p + 48, wbpf_wasi__ns(&st->st_mtim));
	wbpf_mem__put_u64(p + 56, wbpf_wasi__ns(&st->st_ctim));
	return 0;
}

/* Guest iovec array -> host iovecs, every buffer range-checked. */
static int get_iovs(struct wbpf_vm *vm, uint32_t iovs_ptr, uint32_t n, struct iovec *iov)
{
	uint8_t *arr = wbpf_mem__array(vm, iovs_ptr, n, 8);
	uint32_t i;

	if (n > WASI_IOV_MAX)
		return WASI_EINVAL;
	if (!arr)
		return WASI_EFAULT;
	for (i = 0; i < n; i++) {
		uint32_t buf = wbpf_mem__get_u32(arr + 8 * i),
			 len = wbpf_mem__get_u32(arr + 8 * i + 4);

		iov[i].iov_base = wbpf_mem__ptr(vm, buf, len);
		iov[i].iov_len = len;
		if (!iov[i].iov_base)
			return WASI_EFAULT;
	}
	return 0;
}

static int rw(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret, bool write, bool positioned)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	uint32_t out_ptr = positioned ? args[4] : args[3];
	struct iovec iov[WASI_IOV_MAX];
	uint8_t *out;
	ssize_t n;
	int err;

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (f->filetype == WASI_FILETYPE_DIRECTORY && f->preopen)
		return wbpf_wasi__ret(ret, WASI_EISDIR);
	out = wbpf_mem__ptr(vm, out_ptr, 4);
	if (!out)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	err = get_iovs(vm, args[1], args[2], iov);
	if (err)
		return wbpf_wasi__ret(ret, err);
	do {
		if (positioned && write)
			n = pwritev(f->host_fd, iov, args[2], (off_t)args[3]);
		else if (positioned)
			n = preadv(f->host_fd, iov, args[2], (off_t)args[3]);
		else if (write)
			n = writev(f->host_fd, iov, args[2]);
		else
			n = readv(f->host_fd, iov, args[2]);
		/* A signal must not cost the guest its output: writes are
		 * retried; reads report EINTR as POSIX does. */
	} while (n < 0 && errno == EINTR && write);
	if (n < 0)
		return wbpf_wasi__ret_errno(ret);
	wbpf_mem__put_u32(out, (uint32_t)n);
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_write(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return rw(vm, args, ret, true, false);
}

int wbpf_wasi_fd_read(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return rw(vm, args, ret, false, false);
}

int wbpf_wasi_fd_pwrite(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return rw(vm, args, ret, true, true);
}

int wbpf_wasi_fd_pread(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return rw(vm, args, ret, false, true);
}

int wbpf_wasi_fd_close(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (f->dir)
		closedir(f->dir);
	/* the host's own stdio stays open */
	if (f->host_fd > 2)
		close(f->host_fd);
	free(f->guest_name);
	memset(f, 0, sizeof(*f));
	f->host_fd = -1;
	return wbpf_wasi__ret(ret, 0);
}

static bool is_tty_like(const struct stat *st, int fd)
{
	return S_ISCHR(st->st_mode) && isatty(fd);
}

int wbpf_wasi_fd_fdstat_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	uint64_t rights;
	struct stat st;
	uint16_t flags = 0;
	uint8_t *p;
	int fl;

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	p = wbpf_mem__ptr(vm, args[1], 24);
	if (!p)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	if (fstat(f->host_fd, &st))
		return wbpf_wasi__ret_errno(ret);
	fl = fcntl(f->host_fd, F_GETFL);
	if (fl >= 0) {
		flags |= (fl & O_APPEND) ? FDFLAG_APPEND : 0;
		flags |= (fl & O_NONBLOCK) ? FDFLAG_NONBLOCK : 0;
		flags |= (fl & O_DSYNC) ? FDFLAG_DSYNC : 0;
		flags |= ((fl & O_SYNC) == O_SYNC) ? FDFLAG_SYNC : 0;
	}
	rights = f->rights_base;
	/* wasi-libc's isatty(): a character device without seek/tell */
	if (is_tty_like(&st, f->host_fd))
		rights &= ~(WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL);
	memset(p, 0, 24);
	p[0] = wbpf_wasi__filetype(st.st_mode);
	memcpy(p + 2, &flags, 2);
	wbpf_mem__put_u64(p + 8, rights);
	wbpf_mem__put_u64(p + 16, f->rights_inh);
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_fdstat_set_flags(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	uint32_t want = args[1];
	int fl;

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (want & ~(uint32_t)(FDFLAG_APPEND | FDFLAG_NONBLOCK))
		return wbpf_wasi__ret(ret, WASI_ENOTSUP);
	fl = fcntl(f->host_fd, F_GETFL);
	if (fl < 0)
		return wbpf_wasi__ret_errno(ret);
	fl &= ~(O_APPEND | O_NONBLOCK);
	fl |= (want & FDFLAG_APPEND) ? O_APPEND : 0;
	fl |= (want & FDFLAG_NONBLOCK) ? O_NONBLOCK : 0;
	if (fcntl(f->host_fd, F_SETFL, fl))
		return wbpf_wasi__ret_errno(ret);
	f->fdflags = want;
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_fdstat_set_rights(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	/* rights can only shrink */
	if ((args[1] & ~f->rights_base) || (args[2] & ~f->rights_inh))
		return wbpf_wasi__ret(ret, WASI_ENOTCAPABLE);
	f->rights_base = args[1];
	f->rights_inh = args[2];
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_filestat_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	struct stat st;

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (fstat(f->host_fd, &st))
		return wbpf_wasi__ret_errno(ret);
	return wbpf_wasi__ret(ret, wbpf_wasi__put_filestat(vm, args[1], &st));
}

int wbpf_wasi_fd_filestat_set_size(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (args[1] > INT64_MAX)
		return wbpf_wasi__ret(ret, WASI_EINVAL);
	if (ftruncate(f->host_fd, (off_t)args[1]))
		return wbpf_wasi__ret_errno(ret);
	return wbpf_wasi__ret(ret, 0);
}

static void fst_times(uint64_t atim, uint64_t mtim, uint32_t flags, struct timespec ts[2])
{
	ts[0].tv_sec = atim / 1000000000ull;
	ts[0].tv_nsec = atim % 1000000000ull;
	ts[1].tv_sec = mtim / 1000000000ull;
	ts[1].tv_nsec = mtim % 1000000000ull;
	if (flags & FSTFLAG_ATIM_NOW)
		ts[0].tv_nsec = UTIME_NOW;
	else if (!(flags & FSTFLAG_ATIM))
		ts[0].tv_nsec = UTIME_OMIT;
	if (flags & FSTFLAG_MTIM_NOW)
		ts[1].tv_nsec = UTIME_NOW;
	else if (!(flags & FSTFLAG_MTIM))
		ts[1].tv_nsec = UTIME_OMIT;
}

int wbpf_wasi_fd_filestat_set_times(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	struct timespec ts[2];

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	fst_times(args[1], args[2], args[3], ts);
	if (futimens(f->host_fd, ts))
		return wbpf_wasi__ret_errno(ret);
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_advise(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (args[3] > 5)
		return wbpf_wasi__ret(ret, WASI_EINVAL);
	/* advice is only advice: accepted and ignored */
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_allocate(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	int err;

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (args[1] > INT64_MAX || args[2] > INT64_MAX)
		return wbpf_wasi__ret(ret, WASI_EINVAL);
	err = posix_fallocate(f->host_fd, (off_t)args[1], (off_t)args[2]);
	return wbpf_wasi__ret(ret, wbpf_errno__to_wasi(err));
}

/* fd_datasync and fd_sync: sync(host fd) of a guest fd. */
static int sync_fd(struct wbpf_vm *vm, uint64_t fd, int (*sync)(int), uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, fd);

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (sync(f->host_fd))
		return wbpf_wasi__ret_errno(ret);
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_datasync(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return sync_fd(vm, args[0], fdatasync, ret);
}

int wbpf_wasi_fd_sync(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return sync_fd(vm, args[0], fsync, ret);
}

int wbpf_wasi_fd_prestat_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	uint8_t *p;

	/* wasi-libc walks fds from 3 until EBADF to find the preopens */
	if (!f || !f->preopen)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	p = wbpf_mem__ptr(vm, args[1], 8);
	if (!p)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	memset(p, 0, 8); /* tag 0: __WASI_PREOPENTYPE_DIR */
	wbpf_mem__put_u32(p + 4, (uint32_t)strlen(f->guest_name));
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_prestat_dir_name(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	size_t len;
	uint8_t *p;

	if (!f || !f->preopen)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	len = strlen(f->guest_name);
	if (args[2] < len)
		return wbpf_wasi__ret(ret, WASI_ENAMETOOLONG);
	p = wbpf_mem__ptr(vm, args[1], len);
	if (!p)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	memcpy(p, f->guest_name, len);
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_seek(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	uint8_t *p;
	off_t off;

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (args[2] > 2) /* WASI whence SET/CUR/END = Linux SEEK_SET/CUR/END */
		return wbpf_wasi__ret(ret, WASI_EINVAL);
	p = wbpf_mem__ptr(vm, args[3], 8);
	if (!p)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	off = lseek(f->host_fd, (off_t)(int64_t)args[1], (int)args[2]);
	if (off < 0)
		return wbpf_wasi__ret_errno(ret);
	wbpf_mem__put_u64(p, (uint64_t)off);
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_tell(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, args[0]);
	uint8_t *p;
	off_t off;

	if (!f)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	p = wbpf_mem__ptr(vm, args[1], 8);
	if (!p)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	off = lseek(f->host_fd, 0, SEEK_CUR);
	if (off < 0)
		return wbpf_wasi__ret_errno(ret);
	wbpf_mem__put_u64(p, (uint64_t)off);
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_fd_renumber(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_wasi_fd *from = wbpf_wasi__fd(vm, args[0]);
	struct wbpf_wasi_fd *to = wbpf_wasi__fd(vm, args[1]);
	uint64_t dummy;

	if (!from || !to)
		return wbpf_wasi__ret(ret, WASI_EBADF);
	if (from == to)
		return wbpf_wasi__ret(ret, 0);
	wbpf_wasi_fd_close(vm, &args[1], &dummy);
	*to = *from;
	memset(from, 0, sizeof(*from));
	from->host_fd = -1;
	return wbpf_wasi__ret(ret, 0);
}
