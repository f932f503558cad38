// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libbpf parses the kernel's BTF (/sys/kernel/btf/vmlinux, 5-12 ms here)
 * inside bpf_object__load() when the object needs it (CO-RE relocations,
 * BTF-typed programs): the largest single part of a tool's start-up, native
 * or not. wasm-bpf parses it on a second thread while the engine reads the
 * module and the guest starts, and hands the result to the first load.
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
 *
 * A first load that did not want it (no CO-RE) releases it: freed at once,
 * or by the thread when it is done, without waiting for it.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "btf-prefetch.h"

#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"

__thread bool wbpf_btf_prefetch__quiet;

static enum {
	IDLE, /* not started, taken or released */
	RUNNING,
	DONE,	  /* result waits for the first load */
	RELEASED, /* still running; the thread frees what it makes */
} state;
static struct btf *result;
static pthread_t thread;
static bool started, joined;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;

static void *parse(void *arg)
{
	struct btf *btf;

	(void)arg;
	wbpf_btf_prefetch__quiet = true;
	btf = btf__parse(VMLINUX_BTF, NULL); /* NULL when it fails (libbpf 1.x) */
	pthread_mutex_lock(&lock);
	if (state == RELEASED) {
		btf__free(btf);
		state = IDLE;
	} else {
		result = btf;
		state = DONE;
	}
	pthread_cond_broadcast(&done);
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* Whether the module can open a BPF object: it imports one of the two
 * functions that do. A look for their names in its bytes, where the import
 * section (or, in an .aot module, the compiled imports' symbols) has them;
 * the same bytes elsewhere only cost a parse nobody takes. */
static bool opens_objects(const void *module, size_t len)
{
	static const char *const names[] = { "wasm_load_bpf_object", "wasm_bpf_object_open" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (memmem(module, len, names[i], strlen(names[i])))
			return true;
	}
	return false;
}

void wbpf_btf_prefetch__start(const void *module, size_t len)
{
	sigset_t all, old;

	if (started || !opens_objects(module, len) ||
	    faccessat(AT_FDCWD, VMLINUX_BTF, R_OK, AT_EACCESS))
		return;
	/* before the thread exists: it may be done before create returns */
	state = RUNNING;
	/* signals stay with the threads that handle them */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	started = pthread_create(&thread, NULL, parse, NULL) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!started)
		state = IDLE;
}

/* The prefetched BTF, waited for (NULL when there is none or it failed);
 * once. */
static struct btf *take(void)
{
	struct btf *btf = NULL;

	pthread_mutex_lock(&lock);
	while (state == RUNNING)
		pthread_cond_wait(&done, &lock);
	if (state == DONE) {
		btf = result;
		result = NULL;
		state = IDLE;
	}
	pthread_mutex_unlock(&lock);
	return btf;
}

void wbpf_btf_prefetch__release(void)
{
	pthread_mutex_lock(&lock);
	if (state == RUNNING) {
		state = RELEASED;
	} else if (state == DONE) {
		btf__free(result);
		result = NULL;
		state = IDLE;
	}
	pthread_mutex_unlock(&lock);
}

void wbpf_btf_prefetch__stop(void)
{
	wbpf_btf_prefetch__release();
	/* no thread of ours still parsing while the process exits */
	if (started && !joined) {
		pthread_join(thread, NULL);
		joined = true;
	}
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
