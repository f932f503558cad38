// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * WASI preview1, process side: arguments, environment, clocks, poll_oneoff,
 * random_get, proc_exit, sched_yield, and the denied socket calls. Debian's
 * wabt has no WASI (and uvwasi is not packaged), so the host carries this
 * subset itself. Layouts are wasm32's, from wasi-libc's wasi/api.h, stored
 * little-endian as wasm is.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "errno-wasi.h"
#include "guest-mem.h"
#include "imports.h"
#include "signals.h"
#include "wasi.h"

/* ---- argv / environ ---------------------------------------------------- */

/* Sizes of a string vector as wasi-libc expects them: count and total
 * bytes, terminators included. */
static int strings_sizes(struct wbpf_vm *vm, int n, char **v, uint32_t count_ptr, uint32_t size_ptr)
{
	uint8_t *pc = wbpf_mem__ptr(vm, count_ptr, 4);
	uint8_t *ps = wbpf_mem__ptr(vm, size_ptr, 4);
	uint64_t total = 0;
	int i;

	if (!pc || !ps)
		return WASI_EFAULT;
	for (i = 0; i < n; i++)
		total += strlen(v[i]) + 1;
	if (total > UINT32_MAX)
		return WASI_EOVERFLOW;
	wbpf_mem__put_u32(pc, n);
	wbpf_mem__put_u32(ps, (uint32_t)total);
	return 0;
}

static int strings_get(struct wbpf_vm *vm, int n, char **v, uint32_t vec_ptr, uint32_t buf_ptr)
{
	uint64_t total = 0, off = 0;
	uint8_t *vec, *buf;
	int i;

	for (i = 0; i < n; i++)
		total += strlen(v[i]) + 1;
	vec = wbpf_mem__array(vm, vec_ptr, n, 4);
	buf = wbpf_mem__ptr(vm, buf_ptr, total);
	if (!vec || !buf)
		return WASI_EFAULT;
	for (i = 0; i < n; i++) {
		size_t len = strlen(v[i]) + 1;

		wbpf_mem__put_u32(vec + 4 * i, (uint32_t)(buf_ptr + off));
		memcpy(buf + off, v[i], len);
		off += len;
	}
	return 0;
}

int wbpf_wasi_args_sizes_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return wbpf_wasi__ret(ret,
			      strings_sizes(vm, vm->wasi->argc, vm->wasi->argv, args[0], args[1]));
}

int wbpf_wasi_args_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return wbpf_wasi__ret(ret,
			      strings_get(vm, vm->wasi->argc, vm->wasi->argv, args[0], args[1]));
}

int wbpf_wasi_environ_sizes_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return wbpf_wasi__ret(ret,
			      strings_sizes(vm, vm->wasi->envc, vm->wasi->envp, args[0], args[1]));
}

int wbpf_wasi_environ_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return wbpf_wasi__ret(ret,
			      strings_get(vm, vm->wasi->envc, vm->wasi->envp, args[0], args[1]));
}

/* ---- clocks ------------------------------------------------------------ */

static int clock_of(uint32_t id, clockid_t *out)
{
	switch (id) {
	case 0:
		*out = CLOCK_REALTIME;
		return 0;
	case 1:
		*out = CLOCK_MONOTONIC;
		return 0;
	case 2:
		*out = CLOCK_PROCESS_CPUTIME_ID;
		return 0;
	case 3:
		*out = CLOCK_THREAD_CPUTIME_ID;
		return 0;
	default:
		return WASI_EINVAL;
	}
}

/* clock_res_get and clock_time_get: a clock's resolution or time, in ns,
 * into the guest's u64 at ptr. */
static int clock_get(struct wbpf_vm *vm, uint64_t clock, uint64_t ptr,
		     int (*get)(clockid_t, struct timespec *), uint64_t *ret)
{
	struct timespec ts;
	clockid_t id;
	uint8_t *p;
	int err = clock_of(clock, &id);

	if (err)
		return wbpf_wasi__ret(ret, err);
	p = wbpf_mem__ptr(vm, ptr, 8);
	if (!p)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	if (get(id, &ts))
		return wbpf_wasi__ret_errno(ret);
	wbpf_mem__put_u64(p, wbpf_wasi__ns(&ts));
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_clock_res_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	return clock_get(vm, args[0], args[1], clock_getres, ret);
}

int wbpf_wasi_clock_time_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	/* args[1], the precision wanted, is only a hint */
	return clock_get(vm, args[0], args[2], clock_gettime, ret);
}

/* ---- poll_oneoff ------------------------------------------------------- */

#define SUB_SIZE	 48
#define EVENT_SIZE	 32
#define EVENTTYPE_CLOCK	 0
#define EVENTTYPE_READ	 1
#define EVENTTYPE_WRITE	 2
#define SUBCLOCK_ABSTIME 1
#define POLL_MAX_SUBS	 64

static void put_event(uint8_t *ev, uint64_t userdata, uint16_t error, uint8_t type)
{
	memset(ev, 0, EVENT_SIZE);
	wbpf_mem__put_u64(ev, userdata);
	memcpy(ev + 8, &error, 2);
	ev[10] = type;
}

/* Time left until a clock subscription fires, in ns (0 if due). */
static int64_t clock_left(const uint8_t *sub, int *err)
{
	uint32_t id = wbpf_mem__get_u32(sub + 16);
	uint64_t timeout = wbpf_mem__get_u64(sub + 24);
	uint16_t flags;
	struct timespec now;
	clockid_t cid;

	memcpy(&flags, sub + 40, 2);
	*err = clock_of(id, &cid);
	if (*err)
		return 0;
	if (!(flags & SUBCLOCK_ABSTIME))
		return timeout > INT64_MAX ? INT64_MAX : (int64_t)timeout;
	clock_gettime(cid, &now);
	return timeout <= wbpf_wasi__ns(&now) ? 0 : (int64_t)(timeout - wbpf_wasi__ns(&now));
}

/*
 * Sleeps (clock subscriptions) and readiness of guest descriptors. The wait
 * also watches the signal descriptor: after SIGINT/SIGTERM a sleep returns
 * early (its clock event reported as fired), so a guest loop around sleep()
 * gets to check its exit flag at once.
 */
int wbpf_wasi_poll_oneoff(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	uint32_t nsubs = args[2];
	uint8_t *in, *out, *nev, *sub;
	struct pollfd pfds[POLL_MAX_SUBS + 1];
	int sub_of_pfd[POLL_MAX_SUBS + 1];
	int64_t wait_ns = -1, left;
	uint64_t start;
	struct timespec ts;
	int npfd = 0, n = 0, err, timeout_ms, i;
	bool have_clock = false;

	if (nsubs == 0)
		return wbpf_wasi__ret(ret, WASI_EINVAL);
	if (nsubs > POLL_MAX_SUBS)
		return wbpf_wasi__ret(ret, WASI_ENOTSUP);
	if (!wbpf_mem__array(vm, args[0], nsubs, SUB_SIZE) ||
	    !wbpf_mem__array(vm, args[1], nsubs, EVENT_SIZE) || !wbpf_mem__ptr(vm, args[3], 4))
		return wbpf_wasi__ret(ret, WASI_EFAULT);

	in = wbpf_mem__ptr(vm, args[0], (uint64_t)nsubs * SUB_SIZE);
	for (i = 0; i < (int)nsubs; i++) {
		sub = in + i * SUB_SIZE;
		if (sub[8] == EVENTTYPE_CLOCK) {
			left = clock_left(sub, &err);
			if (err)
				return wbpf_wasi__ret(ret, err);
			if (wait_ns < 0 || left < wait_ns)
				wait_ns = left;
			have_clock = true;
		} else if (sub[8] == EVENTTYPE_READ || sub[8] == EVENTTYPE_WRITE) {
			struct wbpf_wasi_fd *f = wbpf_wasi__fd(vm, wbpf_mem__get_u32(sub + 16));

			pfds[npfd].fd = f ? f->host_fd : -1;
			pfds[npfd].events = sub[8] == EVENTTYPE_READ ? POLLIN : POLLOUT;
			pfds[npfd].revents = 0;
			sub_of_pfd[npfd++] = i;
		} else {
			return wbpf_wasi__ret(ret, WASI_EINVAL);
		}
	}
	pfds[npfd].fd = wbpf_signal__fd();
	pfds[npfd].events = POLLIN;
	pfds[npfd].revents = 0;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	start = wbpf_wasi__ns(&ts);
	for (;;) {
		int64_t remaining = -1;
		int ready = 0;

		if (wait_ns >= 0) {
			clock_gettime(CLOCK_MONOTONIC, &ts);
			remaining = wait_ns - (int64_t)(wbpf_wasi__ns(&ts) - start);
			if (remaining < 0)
				remaining = 0;
		}
		/* round up: never wake before the deadline */
		if (remaining < 0)
			timeout_ms = -1;
		else if (remaining > (int64_t)INT32_MAX * 1000000)
			timeout_ms = INT32_MAX;
		else
			timeout_ms = (int)((remaining + 999999) / 1000000);
		if (wbpf_signal__pending())
			timeout_ms = 0;
		n = poll(pfds, npfd + 1, timeout_ms);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return wbpf_wasi__ret_errno(ret);
		for (i = 0; i < npfd; i++)
			ready += pfds[i].revents != 0;
		if (ready || wbpf_signal__pending() || remaining == 0 || n == 0)
			break;
	}

	/* no guest code ran, but memory is re-read all the same */
	in = wbpf_mem__ptr(vm, args[0], (uint64_t)nsubs * SUB_SIZE);
	out = wbpf_mem__ptr(vm, args[1], (uint64_t)nsubs * EVENT_SIZE);
	nev = wbpf_mem__ptr(vm, args[3], 4);
	n = 0;
	for (i = 0; i < npfd; i++) {
		uint16_t e = 0;
		uint8_t *ev;

		if (!pfds[i].revents)
			continue;
		sub = in + sub_of_pfd[i] * SUB_SIZE;
		ev = out + n++ * EVENT_SIZE;
		if (pfds[i].fd < 0 || (pfds[i].revents & POLLNVAL))
			e = WASI_EBADF;
		put_event(ev, wbpf_mem__get_u64(sub), e, sub[8]);
		if (pfds[i].revents & POLLHUP)
			ev[24] = 1; /* __WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP */
	}
	for (i = 0; have_clock && i < (int)nsubs; i++) {
		sub = in + i * SUB_SIZE;
		if (sub[8] != EVENTTYPE_CLOCK)
			continue;
		left = clock_left(sub, &err);
		if (left > 0 && !wbpf_signal__pending())
			continue;
		put_event(out + n++ * EVENT_SIZE, wbpf_mem__get_u64(sub), 0, EVENTTYPE_CLOCK);
	}
	if (n == 0) {
		/* woken a hair early by clock granularity: the earliest fires */
		for (i = 0; i < (int)nsubs; i++) {
			sub = in + i * SUB_SIZE;
			if (sub[8] == EVENTTYPE_CLOCK && clock_left(sub, &err) <= wait_ns) {
				put_event(out + n++ * EVENT_SIZE, wbpf_mem__get_u64(sub), 0,
					  EVENTTYPE_CLOCK);
				break;
			}
		}
	}
	wbpf_mem__put_u32(nev, n);
	return wbpf_wasi__ret(ret, 0);
}

/* ---- process ----------------------------------------------------------- */

int wbpf_wasi_proc_exit(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	(void)ret;
	return wbpf_vm__exit(vm, (int)(uint32_t)args[0]);
}

int wbpf_wasi_sched_yield(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	(void)vm;
	(void)args;
	sched_yield();
	return wbpf_wasi__ret(ret, 0);
}

int wbpf_wasi_random_get(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	uint8_t *p = wbpf_mem__ptr(vm, args[0], args[1]);
	size_t done = 0;
	ssize_t n;

	if (!p)
		return wbpf_wasi__ret(ret, WASI_EFAULT);
	while (done < args[1]) {
		n = getrandom(p + done, args[1] - done, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return wbpf_wasi__ret_errno(ret);
		done += n;
	}
	return wbpf_wasi__ret(ret, 0);
}

/* ---- sockets: the sandbox grants none ------------------------------------ */

WBPF_WASI_DENIED(sock_accept)
WBPF_WASI_DENIED(sock_recv)
WBPF_WASI_DENIED(sock_send)
WBPF_WASI_DENIED(sock_shutdown)

/* ---- state -------------------------------------------------------------- */

static char **dup_vec(int n, char **v)
{
	char **d = calloc(n + 1, sizeof(*d));
	int i;

	if (!d)
		return NULL;
	for (i = 0; i < n; i++) {
		d[i] = strdup(v[i]);
		if (!d[i]) {
			while (i--)
				free(d[i]);
			free(d);
			return NULL;
		}
	}
	return d;
}

static void free_vec(int n, char **v)
{
	int i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int add_preopen(struct wbpf_wasi *w, const char *spec)
{
	const char *sep = strstr(spec, "::");
	char *host = sep ? strndup(spec, sep - spec) : strdup(spec);
	const char *guest = sep ? sep + 2 : spec;
	int fd, slot, err;

	if (!host)
		return -ENOMEM;
	fd = open(host, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	err = -errno;
	free(host);
	if (fd < 0)
		return err;
	slot = wbpf_wasi__fd_alloc(w, fd, WASI_FILETYPE_DIRECTORY, WASI_RIGHTS_ALL, WASI_RIGHTS_ALL,
				   0);
	if (slot < 0) {
		close(fd);
		return slot;
	}
	w->fds[slot].preopen = true;
	w->fds[slot].guest_name = strdup(guest);
	return w->fds[slot].guest_name ? 0 : -ENOMEM;
}

struct wbpf_wasi *wbpf_wasi__new(int argc, char **argv, int envc, char **envp, int ndirs,
				 char **dirs, const char **bad_dir)
{
	struct wbpf_wasi *w = calloc(1, sizeof(*w));
	int i, err;

	*bad_dir = NULL;
	if (!w)
		return NULL;
	for (i = 0; i < WBPF_WASI_MAX_FDS; i++)
		w->fds[i].host_fd = -1;
	w->argc = argc;
	w->envc = envc;
	w->argv = dup_vec(argc, argv);
	w->envp = dup_vec(envc, envp);
	if (!w->argv || !w->envp) {
		err = -ENOMEM;
		goto fail;
	}
	/* stdio is shared with the host, never closed by it */
	for (i = 0; i < 3; i++) {
		/* not open: leave the slot empty (EBADF to the guest) */
		if (fcntl(i, F_GETFL) < 0)
			continue;
		w->fds[i].host_fd = i;
		w->fds[i].rights_base = WASI_RIGHTS_ALL;
		w->fds[i].rights_inh = 0;
	}
	for (i = 0; i < ndirs; i++) {
		err = add_preopen(w, dirs[i]);
		if (err) {
			*bad_dir = dirs[i];
			goto fail;
		}
	}
	return w;
fail:
	wbpf_wasi__free(w);
	errno = -err;
	return NULL;
}

void wbpf_wasi__free(struct wbpf_wasi *w)
{
	int i;

	if (!w)
		return;
	for (i = 0; i < WBPF_WASI_MAX_FDS; i++) {
		if (w->fds[i].dir)
			closedir(w->fds[i].dir);
		if (w->fds[i].host_fd > 2)
			close(w->fds[i].host_fd);
		free(w->fds[i].guest_name);
	}
	free_vec(w->argc, w->argv);
	free_vec(w->envc, w->envp);
	free(w);
}
