// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libbpf parses the kernel's BTF (/sys/kernel/btf/vmlinux, 5-12 ms here)
 * inside bpf_object__load(), for CO-RE relocations: the largest single part
 * of a tool's start-up, native or not. wasm-bpf knows it will be needed
 * before the guest runs, so it parses it on a second thread while the
 * engine reads the module and the guest starts, and hands the result to
 * the first load.
 *
 * Why a definition of btf__load_vmlinux_btf() here: libbpf 1.1 has no way
 * to be given a parsed vmlinux BTF (no option of bpf_object__load, and
 * btf_custom_path only names a file to parse again). libbpf calls
 * btf__load_vmlinux_btf() through its PLT, so this definition in the
 * executable is the one it reaches: the first call takes the prefetched
 * BTF, every other call (and the first, when the prefetch failed, so that
 * libbpf's own messages and error are what the guest sees) goes to
 * libbpf's own definition. Each result is the caller's to free, as
 * libbpf's is.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf-prefetch.h"

#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"

/* Set on the prefetch thread: its libbpf messages (only on failure, and
 * then the main thread parses again and gets them) are not the guest's. */
__thread bool wbpf_btf_prefetch__quiet;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t thread;
static bool running;
static struct btf *prefetched;

static void *parse(void *arg)
{
	(void)arg;
	wbpf_btf_prefetch__quiet = true;
	return btf__parse(VMLINUX_BTF, NULL);
}

void wbpf_btf_prefetch__start(void)
{
	sigset_t all, old;

	if (running || faccessat(AT_FDCWD, VMLINUX_BTF, R_OK, AT_EACCESS))
		return;
	/* signals stay with the threads that handle them */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	running = pthread_create(&thread, NULL, parse, NULL) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* The prefetched BTF (NULL when there is none or it failed); once. */
static struct btf *take(void)
{
	void *res = NULL;

	pthread_mutex_lock(&lock);
	if (running) {
		pthread_join(thread, &res);
		running = false;
		prefetched = res; /* NULL when it failed (libbpf 1.x) */
	}
	res = prefetched;
	prefetched = NULL;
	pthread_mutex_unlock(&lock);
	return res;
}

void wbpf_btf_prefetch__stop(void)
{
	btf__free(take());
}

struct btf *btf__load_vmlinux_btf(void)
{
	static struct btf *(*libbpf_own)(void);
	struct btf *btf = take();

	if (btf)
		return btf;
	if (!libbpf_own)
		libbpf_own = (struct btf * (*)(void)) dlsym(RTLD_NEXT, "btf__load_vmlinux_btf");
	if (!libbpf_own) {
		errno = ENOSYS;
		return NULL;
	}
	return libbpf_own();
}
