/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The WASI preview1 state of a guest: arguments, environment, and a
 * sandboxed descriptor table (stdio, plus the directories granted with
 * --dir and what the guest opens beneath them).
 */
#ifndef __WBPF_WASI_H
#define __WBPF_WASI_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "errno-wasi.h"
#include "vm.h"

#define WBPF_WASI_MAX_FDS 1024

/* __WASI_FILETYPE_* */
enum {
	WASI_FILETYPE_UNKNOWN = 0,
	WASI_FILETYPE_BLOCK_DEVICE = 1,
	WASI_FILETYPE_CHARACTER_DEVICE = 2,
	WASI_FILETYPE_DIRECTORY = 3,
	WASI_FILETYPE_REGULAR_FILE = 4,
	WASI_FILETYPE_SOCKET_DGRAM = 5,
	WASI_FILETYPE_SOCKET_STREAM = 6,
	WASI_FILETYPE_SYMBOLIC_LINK = 7,
};

/* __WASI_RIGHTS_* used by the host */
#define WASI_RIGHT_FD_SEEK (1ull << 2)
#define WASI_RIGHT_FD_TELL (1ull << 5)
#define WASI_RIGHTS_ALL	   ((1ull << 29) - 1)

struct wbpf_wasi_fd {
	int host_fd; /* -1: free slot */
	uint8_t filetype;
	bool preopen;
	char *guest_name; /* preopens: the name the guest sees */
	uint64_t rights_base, rights_inh;
	uint16_t fdflags;
	void *dir;	     /* DIR * for fd_readdir, opened lazily */
	uint64_t dir_cookie; /* position of `dir` */
};

struct wbpf_wasi {
	int argc;
	char **argv;
	int envc;
	char **envp;
	struct wbpf_wasi_fd fds[WBPF_WASI_MAX_FDS];
};

/* dirs: "HOST" or "HOST::GUEST". NULL and errno set on failure, with the
 * failing directory in *bad_dir. */
struct wbpf_wasi *wbpf_wasi__new(int argc, char **argv, int envc, char **envp, int ndirs,
				 char **dirs, const char **bad_dir);
void wbpf_wasi__free(struct wbpf_wasi *w);

/* wasi-fd.c helpers shared with wasi-path.c */
struct wbpf_wasi_fd *wbpf_wasi__fd(struct wbpf_vm *vm, uint32_t fd);
int wbpf_wasi__fd_alloc(struct wbpf_wasi *w, int host_fd, uint8_t filetype, uint64_t rights_base,
			uint64_t rights_inh, uint16_t fdflags);
uint8_t wbpf_wasi__filetype(int mode);
/* Fill a __wasi_filestat_t (64 bytes) at guest ptr from st. */
int wbpf_wasi__put_filestat(struct wbpf_vm *vm, uint32_t ptr, const void *stat);
/* A handler's result: the WASI errno in ret[0], 0 (no trap). */
static inline int wbpf_wasi__ret(uint64_t *ret, int wasi_errno)
{
	ret[0] = (uint32_t)wasi_errno;
	return 0;
}

/* The handler of a call the sandbox never grants (sockets, symlinks,
 * times by path): ENOTCAPABLE, whatever the arguments. */
#define WBPF_WASI_DENIED(name)                                                        \
	int wbpf_wasi_##name(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret) \
	{                                                                             \
		(void)vm;                                                             \
		(void)args;                                                           \
		return wbpf_wasi__ret(ret, WASI_ENOTCAPABLE);                         \
	}

/* A handler's result when the host call failed: errno, in WASI's numbers. */
static inline int wbpf_wasi__ret_errno(uint64_t *ret)
{
	return wbpf_wasi__ret(ret, wbpf_errno__to_wasi(errno));
}

/* A WASI timestamp: nanoseconds. */
static inline uint64_t wbpf_wasi__ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000ull + (uint64_t)ts->tv_nsec;
}

#endif /* __WBPF_WASI_H */
