/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Helpers of the SDK's kernel-test guests. Each guest prints what it sees
 * (one fact per line, "name=value") for tests/sdk/kernel-test.sh to check,
 * and exits 0 only when every call it made behaved as libbpf's does.
 */
#ifndef __SDK_GUEST_H
#define __SDK_GUEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int guest_failures;

/* a check that does not stop the guest: prints what was expected */
#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			guest_failures++;                                      \
		}                                                              \
	} while (0)

static inline long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void sleep_ms(int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* errno names for the output, so the driver can match them */
static inline const char *errname(int err)
{
	switch (err < 0 ? -err : err) {
	case 0:
		return "0";
	case ENOENT:
		return "ENOENT";
	case EINVAL:
		return "EINVAL";
	case EBADF:
		return "EBADF";
	case EBUSY:
		return "EBUSY";
	case ENOTSUP:
		return "ENOTSUP";
	case EINTR:
		return "EINTR";
	case E2BIG:
		return "E2BIG";
	case EEXIST:
		return "EEXIST";
	case EPERM:
		return "EPERM";
	default:
		return "other";
	}
}

/* the trigger binary's name (argv[1]) into the object's targ_comm */
static inline void set_trigger(volatile char *targ_comm, const char *name)
{
	size_t i;

	for (i = 0; i < 15 && name[i]; i++)
		targ_comm[i] = name[i];
	targ_comm[i] = '\0';
}

#endif /* __SDK_GUEST_H */
