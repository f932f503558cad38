// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The host's WASI layer exercised through wasi-libc, one mode per run
 * (run-wasi.sh drives it and checks what it prints and how it exits):
 *
 *   args ARGS...        print argc and every argument
 *   env                 print the whole environment
 *   clock HOST_EPOCH    monotonic never goes back; realtime near the host's
 *   sleep MS            sleep MS milliseconds, print how long it took
 *   stdio LINES         LINES numbered lines to stdout, one to stderr
 *   exit N / return N   proc_exit(N) / return N from main
 *   files DIR           create, write, seek, read, stat, list, rename,
 *                       mkdir, rmdir, unlink beneath a granted DIR
 *   deny DIR            escapes from DIR and paths outside it all fail
 *   random, yield       random_get, sched_yield
 *   poll                poll_oneoff: two clocks, the earlier fires first;
 *                       stdin readable
 *   fdstat              what fstat/isatty say about stdout
 *   read                read stdin to the end, print the byte count
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#include "test-abi.h"

extern char **environ;

static long long now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (long long)ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static int mode_clock(long long host_epoch)
{
	__wasi_timestamp_t res = 0;
	long long prev = now_ns(CLOCK_MONOTONIC), t, rt;
	int i, back = 0;

	for (i = 0; i < 10000; i++) {
		t = now_ns(CLOCK_MONOTONIC);
		back += t < prev;
		prev = t;
	}
	CHECK_EQ(back, 0, "monotonic clock steps back");
	rt = now_ns(CLOCK_REALTIME) / 1000000000ll;
	CHECK(rt >= host_epoch - 5 && rt <= host_epoch + 5,
	      "realtime %lld s is within 5 s of the host's %lld s", rt, host_epoch);
	CHECK_EQ(__wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res), 0, "clock_res_get errno");
	CHECK(res > 0 && res <= 1000000, "monotonic resolution %llu ns", (unsigned long long)res);
	CHECK_EQ(__wasi_clock_res_get(99, &res), __WASI_ERRNO_INVAL, "clock_res_get(bad id)");
	CHECK(now_ns(CLOCK_PROCESS_CPUTIME_ID) > 0, "process cputime clock");
	return test_failures;
}

static int mode_sleep(int ms)
{
	long long t0 = now_ns(CLOCK_MONOTONIC);

	usleep(ms * 1000);
	printf("slept %lld ms\n", (now_ns(CLOCK_MONOTONIC) - t0) / 1000000);
	return 0;
}

static int mode_stdio(int lines)
{
	int i;

	for (i = 0; i < lines; i++)
		printf("line %d\n", i);
	fprintf(stderr, "to stderr\n");
	return 0;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -errno;
	fputs(text, f);
	return fclose(f) ? -errno : 0;
}

static int mode_files(const char *dir)
{
	char p[512], q[512], buf[64];
	struct stat st;
	struct dirent *de;
	DIR *d;
	int fd, found = 0;
	ssize_t n;

	snprintf(p, sizeof(p), "%s/a.txt", dir);
	CHECK_EQ(write_file(p, "hello, file\n"), 0, "create and write a.txt");
	fd = open(p, O_RDWR);
	CHECK(fd >= 0, "open a.txt read-write (fd %d)", fd);
	CHECK_EQ(lseek(fd, 7, SEEK_SET), 7, "lseek to 7");
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	CHECK(n == 5 && strcmp(buf, "file\n") == 0, "read after seek gives \"file\\n\" (%zd bytes)",
	      n);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 12, "lseek to end = file size");
	CHECK_EQ(write(fd, "more\n", 5), 5, "append 5 bytes");
	CHECK_EQ(fstat(fd, &st), 0, "fstat");
	CHECK_EQ(st.st_size, 17, "size after append");
	CHECK(S_ISREG(st.st_mode), "a.txt is a regular file");
	CHECK_EQ(pread(fd, buf, 5, 0), 5, "pread 5 bytes at 0");
	CHECK(memcmp(buf, "hello", 5) == 0, "pread content");
	CHECK_EQ(fsync(fd), 0, "fsync (fd_sync)");
	CHECK_EQ(fdatasync(fd), 0, "fdatasync (fd_datasync)");
	CHECK_EQ(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL), 0, "posix_fadvise (fd_advise)");
	CHECK_EQ(posix_fallocate(fd, 0, 4096), 0, "posix_fallocate (fd_allocate)");
	CHECK_EQ(fstat(fd, &st) == 0 ? st.st_size : -1, 4096, "size after fallocate");
	CHECK_EQ(ftruncate(fd, 17), 0, "ftruncate (fd_filestat_set_size)");
	{
		struct timespec ts[2] = { { 1000000000, 0 }, { 1200000000, 5 } };

		CHECK_EQ(futimens(fd, ts), 0, "futimens (fd_filestat_set_times)");
		CHECK_EQ(fstat(fd, &st), 0, "fstat after futimens");
		CHECK_EQ(st.st_mtim.tv_sec, 1200000000, "mtime set");
		CHECK_EQ(st.st_atim.tv_sec, 1000000000, "atime set");
	}
	CHECK_EQ(fcntl(fd, F_SETFL, O_APPEND), 0, "fcntl(F_SETFL, O_APPEND) (fd_fdstat_set_flags)");
	CHECK((fcntl(fd, F_GETFL) & O_APPEND) != 0, "O_APPEND reads back (fd_fdstat_get)");
	{
		__wasi_fdstat_t fs;

		CHECK_EQ(__wasi_fd_fdstat_get(fd, &fs), 0, "fd_fdstat_get");
		CHECK_EQ(__wasi_fd_fdstat_set_rights(
				 fd, fs.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE, 0),
			 0, "fd_fdstat_set_rights drops FD_WRITE");
		CHECK_EQ(__wasi_fd_fdstat_set_rights(fd, fs.fs_rights_base, 0),
			 __WASI_ERRNO_NOTCAPABLE, "and cannot take it back");
	}
	{
		int fd2 = open(p, O_RDONLY);

		CHECK(fd2 >= 0, "open a.txt again (fd %d)", fd2);
		CHECK_EQ(__wasi_fd_renumber(fd2, 40), __WASI_ERRNO_BADF,
			 "fd_renumber onto an fd that is not open");
		CHECK_EQ(__wasi_fd_renumber(fd2, fd), 0, "fd_renumber onto an open fd");
		CHECK_EQ(pread(fd, buf, 5, 0), 5, "the renumbered fd reads the file");
		CHECK_EQ(close(fd2), -1, "the old number is closed");
	}
	CHECK_EQ(close(fd), 0, "close");
	CHECK_EQ(stat(p, &st), 0, "stat by path");
	CHECK_EQ(st.st_size, 17, "stat size");
	snprintf(q, sizeof(q), "%s/hard.txt", dir);
	CHECK_EQ(link(p, q), 0, "link (path_link)");
	CHECK_EQ(stat(p, &st) == 0 ? (long long)st.st_nlink : -1, 2, "two links");
	CHECK_EQ(unlink(q), 0, "unlink the hard link");
	snprintf(q, sizeof(q), "%s/link-to-a", dir); /* made by run-wasi.sh: -> a.txt */
	n = readlink(q, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	CHECK(n == 5 && strcmp(buf, "a.txt") == 0, "readlink (path_readlink) gives \"%s\"", buf);
	{
		struct timespec ts[2] = { { 1000, 0 }, { 2000, 0 } };

		CHECK(utimensat(AT_FDCWD, p, ts, 0) < 0 && errno == ENOTCAPABLE,
		      "utimensat by path (path_filestat_set_times) is denied (%s)",
		      strerror(errno));
	}

	snprintf(q, sizeof(q), "%s/sub", dir);
	CHECK_EQ(mkdir(q, 0755), 0, "mkdir sub");
	snprintf(q, sizeof(q), "%s/sub/b.txt", dir);
	CHECK_EQ(rename(p, q), 0, "rename a.txt to sub/b.txt");
	CHECK(access(p, F_OK) != 0 && errno == ENOENT, "a.txt is gone");
	snprintf(p, sizeof(p), "%s/sub", dir);
	d = opendir(p);
	CHECK(d != NULL, "opendir sub");
	while (d && (de = readdir(d)))
		found += strcmp(de->d_name, "b.txt") == 0;
	if (d)
		closedir(d);
	CHECK_EQ(found, 1, "readdir lists b.txt");
	CHECK_EQ(unlink(q), 0, "unlink sub/b.txt");
	CHECK_EQ(rmdir(p), 0, "rmdir sub");
	CHECK(access(p, F_OK) != 0, "sub is gone");
	CHECK(open("nonexistent-dir/x", O_RDONLY) < 0, "a path under no granted directory fails");
	return test_failures;
}

static void expect_denied(const char *path)
{
	int fd = open(path, O_RDONLY);

	CHECK(fd < 0 && (errno == ENOTCAPABLE || errno == EPERM || errno == EACCES),
	      "open(\"%s\") is denied (fd %d, %s)", path, fd, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static int mode_deny(const char *dir)
{
	char p[512];
	int fd;

	expect_denied("/etc/passwd");
	snprintf(p, sizeof(p), "%s/../../../../etc/passwd", dir);
	expect_denied(p);
	snprintf(p, sizeof(p), "%s/abs-link", dir); /* -> /etc/passwd */
	expect_denied(p);
	snprintf(p, sizeof(p), "%s/rel-link", dir); /* -> ../../../../etc/passwd */
	expect_denied(p);
	snprintf(p, sizeof(p), "%s/inside-link", dir); /* -> inside.txt */
	fd = open(p, O_RDONLY);
	CHECK(fd >= 0, "a symlink that stays inside opens (fd %d)", fd);
	if (fd >= 0)
		close(fd);
	snprintf(p, sizeof(p), "%s/../escape-made-by-guest", dir);
	CHECK(write_file(p, "x") < 0, "creating a file outside the directory fails");
	snprintf(p, sizeof(p), "%s/newdir-link/x", dir); /* -> a directory outside */
	CHECK(write_file(p, "x") < 0, "creating through a symlink to outside fails");
	snprintf(p, sizeof(p), "%s/made-link", dir);
	CHECK(symlink("/etc/passwd", p) < 0 && errno == ENOTCAPABLE, "creating symlinks is denied");
	return test_failures;
}

static int mode_random(void)
{
	uint8_t a[64] = { 0 }, b[64] = { 0 }, zero[64] = { 0 };

	CHECK_EQ(__wasi_random_get(a, sizeof(a)), 0, "random_get errno");
	CHECK_EQ(__wasi_random_get(b, sizeof(b)), 0, "random_get errno (again)");
	CHECK(memcmp(a, zero, 64) != 0, "random bytes are not all zero");
	CHECK(memcmp(a, b, 64) != 0, "two random draws differ");
	return test_failures;
}

static int mode_yield(void)
{
	CHECK_EQ(__wasi_sched_yield(), 0, "sched_yield");
	return test_failures;
}

static int mode_poll(void)
{
	__wasi_subscription_t subs[2];
	__wasi_event_t ev[2];
	__wasi_size_t n = 0;
	long long t0;

	memset(subs, 0, sizeof(subs));
	subs[0].userdata = 111;
	subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
	subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
	subs[0].u.u.clock.timeout = 300000000ull;
	subs[1].userdata = 222;
	subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
	subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
	subs[1].u.u.clock.timeout = 50000000ull;
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ(__wasi_poll_oneoff(subs, ev, 2, &n), 0, "poll_oneoff errno");
	t0 = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
	CHECK_EQ(n, 1, "one event");
	CHECK_EQ(ev[0].userdata, 222, "the 50 ms clock fires first");
	CHECK(t0 >= 50 && t0 < 250, "it fired after %lld ms", t0);

	/* stdin is a pipe with data (run-wasi.sh) */
	memset(subs, 0, sizeof(subs));
	subs[0].userdata = 7;
	subs[0].u.tag = __WASI_EVENTTYPE_FD_READ;
	subs[0].u.u.fd_read.file_descriptor = 0;
	subs[1].userdata = 8;
	subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
	subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
	subs[1].u.u.clock.timeout = 5000000000ull;
	CHECK_EQ(__wasi_poll_oneoff(subs, ev, 2, &n), 0, "poll_oneoff on stdin errno");
	CHECK(n >= 1 && ev[0].userdata == 7 && ev[0].type == __WASI_EVENTTYPE_FD_READ,
	      "stdin is readable (%lu events, first %llu)", (unsigned long)n,
	      (unsigned long long)ev[0].userdata);
	return test_failures;
}

static int mode_fdstat(void)
{
	struct stat st;

	CHECK_EQ(fstat(1, &st), 0, "fstat(stdout)");
	printf("stdout: regular=%d chr=%d isatty=%d\n", S_ISREG(st.st_mode), S_ISCHR(st.st_mode),
	       isatty(1));
	CHECK(fstat(77, &st) < 0 && errno == EBADF, "fstat of an fd never opened is EBADF");
	return test_failures;
}

static int mode_read(void)
{
	char buf[4096];
	long long total = 0;
	ssize_t n;

	while ((n = read(0, buf, sizeof(buf))) > 0)
		total += n;
	printf("read %lld bytes\n", total);
	return n < 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int i;

	if (strcmp(mode, "args") == 0) {
		printf("argc=%d\n", argc);
		for (i = 0; i < argc; i++)
			printf("argv[%d]=%s\n", i, argv[i]);
		return 0;
	}
	if (strcmp(mode, "env") == 0) {
		for (i = 0; environ && environ[i]; i++)
			printf("env: %s\n", environ[i]);
		printf("getenv(WBPF_T)=%s\n", getenv("WBPF_T") ? getenv("WBPF_T") : "(null)");
		return 0;
	}
	if (strcmp(mode, "clock") == 0 && argc > 2)
		return mode_clock(atoll(argv[2]));
	if (strcmp(mode, "sleep") == 0 && argc > 2)
		return mode_sleep(atoi(argv[2]));
	if (strcmp(mode, "stdio") == 0 && argc > 2)
		return mode_stdio(atoi(argv[2]));
	if (strcmp(mode, "exit") == 0 && argc > 2)
		exit(atoi(argv[2]));
	if (strcmp(mode, "return") == 0 && argc > 2)
		return atoi(argv[2]);
	if (strcmp(mode, "files") == 0 && argc > 2)
		return mode_files(argv[2]);
	if (strcmp(mode, "deny") == 0 && argc > 2)
		return mode_deny(argv[2]);
	if (strcmp(mode, "random") == 0)
		return mode_random();
	if (strcmp(mode, "yield") == 0)
		return mode_yield();
	if (strcmp(mode, "poll") == 0)
		return mode_poll();
	if (strcmp(mode, "fdstat") == 0)
		return mode_fdstat();
	if (strcmp(mode, "read") == 0)
		return mode_read();
	fprintf(stderr, "wasi_test: unknown mode '%s'\n", mode);
	return 100;
}
