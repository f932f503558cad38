// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Signals and the watchdog. The handler only does async-signal-safe work:
 * count, write to an eventfd, post a semaphore. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "bpf-state.h"
#include "signals.h"

static atomic_int sig_count;
static atomic_int sig_first;
static atomic_bool stopping;
static int sig_efd = -1;
static sem_t sig_sem;
static pthread_t watchdog;
static bool watchdog_running;
static int watch_grace_ms;

static void on_signal(int sig)
{
	int saved = errno;
	uint64_t one = 1;
	int expected = 0;

	atomic_compare_exchange_strong(&sig_first, &expected, sig);
	atomic_fetch_add(&sig_count, 1);
	if (write(sig_efd, &one, sizeof(one)) < 0) {
		/* the counter is already non-zero: still readable */
	}
	sem_post(&sig_sem);
	errno = saved;
}

int wbpf_signal__install(void)
{
	struct sigaction sa;

	sig_efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (sig_efd < 0)
		return -errno;
	if (sem_init(&sig_sem, 0, 0))
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: blocking host calls must see EINTR */
	if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL))
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

int wbpf_signal__pending(void)
{
	return atomic_load(&sig_first);
}

int wbpf_signal__fd(void)
{
	return sig_efd;
}

/* wasi-libc's <bits/signal.h> (and WASI's own signal enum) number these
 * as Linux does; spelled out so that the ABI does not rest on it. */
#define GUEST_SIGINT  2
#define GUEST_SIGTERM 15

int wbpf_signal__guest_number(int sig)
{
	return sig == SIGTERM ? GUEST_SIGTERM : GUEST_SIGINT;
}

static void note_stop(struct wbpf_vm *vm, int sig, bool second)
{
	const char *name = sig == SIGTERM ? "SIGTERM" : "SIGINT";

	if (second)
		wbpf_vm__notef(vm, "second %s: stopping the guest", name);
	else
		wbpf_vm__notef(vm, "the guest did not stop within %d ms of %s: stopping it",
			       watch_grace_ms, name);
}

static void *watchdog_main(void *arg)
{
	struct wbpf_vm *vm = arg;
	struct timespec deadline;
	int sig;

	/* Wait for the first signal (or for the guest to finish). */
	while (!atomic_load(&stopping) && atomic_load(&sig_count) == 0) {
		if (sem_wait(&sig_sem) && errno != EINTR)
			return NULL;
	}
	if (atomic_load(&stopping))
		return NULL;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += watch_grace_ms / 1000;
	deadline.tv_nsec += (long)(watch_grace_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	while (!atomic_load(&stopping) && atomic_load(&sig_count) < 2) {
		if (sem_timedwait(&sig_sem, &deadline) && errno == ETIMEDOUT)
			break;
	}
	if (atomic_load(&stopping))
		return NULL;

	/* Host calls hold the lock, and release it while the guest runs: once
	 * we have it, libbpf is ours. We never give it back. */
	pthread_mutex_lock(&vm->lock);
	sig = atomic_load(&sig_first);
	note_stop(vm, sig, atomic_load(&sig_count) >= 2);
	wbpf_bpf__free(vm);
	_exit(128 + sig);
	return NULL;
}

int wbpf_watchdog__start(struct wbpf_vm *vm, int grace_ms)
{
	int err;

	watch_grace_ms = grace_ms;
	err = pthread_create(&watchdog, NULL, watchdog_main, vm);
	if (err)
		return -err;
	watchdog_running = true;
	return 0;
}

void wbpf_watchdog__stop(void)
{
	if (!watchdog_running)
		return;
	atomic_store(&stopping, true);
	sem_post(&sig_sem);
	pthread_join(watchdog, NULL);
	watchdog_running = false;
}
