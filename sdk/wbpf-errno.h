/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Host errno -> guest errno.
 *
 * The `wasm_bpf` imports return -errno with Linux's numbers (they come from
 * libbpf and the kernel on the host). A wasm32-wasi guest compares with
 * wasi-libc's E* constants, whose numbers differ (Linux EINTR is 4, WASI's
 * is 27), so the SDK turns every host error into the guest's number before
 * returning it or storing it in errno: `err == -EINTR` and strerror() then
 * work as with native libbpf.
 *
 * WBPF_LINUX_ERRNOS(X) lists X(NAME, linux_number) for every errno both
 * sides name; tests/sdk checks the numbers against the build machine's
 * <errno.h>. libbpf's own codes (LIBBPF_ERRNO__*, 4000 and up) pass through
 * unchanged.
 *
 * Part of the guest SDK: include <libbpf-wasm.h>, not this file.
 */
#ifndef __WBPF_ERRNO_H
#define __WBPF_ERRNO_H

#define WBPF_LINUX_ERRNOS(X)   \
	X(EPERM, 1)            \
	X(ENOENT, 2)           \
	X(ESRCH, 3)            \
	X(EINTR, 4)            \
	X(EIO, 5)              \
	X(ENXIO, 6)            \
	X(E2BIG, 7)            \
	X(ENOEXEC, 8)          \
	X(EBADF, 9)            \
	X(ECHILD, 10)          \
	X(EAGAIN, 11)          \
	X(ENOMEM, 12)          \
	X(EACCES, 13)          \
	X(EFAULT, 14)          \
	X(EBUSY, 16)           \
	X(EEXIST, 17)          \
	X(EXDEV, 18)           \
	X(ENODEV, 19)          \
	X(ENOTDIR, 20)         \
	X(EISDIR, 21)          \
	X(EINVAL, 22)          \
	X(ENFILE, 23)          \
	X(EMFILE, 24)          \
	X(ENOTTY, 25)          \
	X(ETXTBSY, 26)         \
	X(EFBIG, 27)           \
	X(ENOSPC, 28)          \
	X(ESPIPE, 29)          \
	X(EROFS, 30)           \
	X(EMLINK, 31)          \
	X(EPIPE, 32)           \
	X(EDOM, 33)            \
	X(ERANGE, 34)          \
	X(EDEADLK, 35)         \
	X(ENAMETOOLONG, 36)    \
	X(ENOLCK, 37)          \
	X(ENOSYS, 38)          \
	X(ENOTEMPTY, 39)       \
	X(ELOOP, 40)           \
	X(ENOMSG, 42)          \
	X(EIDRM, 43)           \
	X(ENOLINK, 67)         \
	X(EPROTO, 71)          \
	X(EMULTIHOP, 72)       \
	X(EBADMSG, 74)         \
	X(EOVERFLOW, 75)       \
	X(EILSEQ, 84)          \
	X(ENOTSOCK, 88)        \
	X(EDESTADDRREQ, 89)    \
	X(EMSGSIZE, 90)        \
	X(EPROTOTYPE, 91)      \
	X(ENOPROTOOPT, 92)     \
	X(EPROTONOSUPPORT, 93) \
	X(ENOTSUP, 95)         \
	X(EAFNOSUPPORT, 97)    \
	X(EADDRINUSE, 98)      \
	X(EADDRNOTAVAIL, 99)   \
	X(ENETDOWN, 100)       \
	X(ENETUNREACH, 101)    \
	X(ENETRESET, 102)      \
	X(ECONNABORTED, 103)   \
	X(ECONNRESET, 104)     \
	X(ENOBUFS, 105)        \
	X(EISCONN, 106)        \
	X(ENOTCONN, 107)       \
	X(ETIMEDOUT, 110)      \
	X(ECONNREFUSED, 111)   \
	X(EHOSTUNREACH, 113)   \
	X(EALREADY, 114)       \
	X(EINPROGRESS, 115)    \
	X(ESTALE, 116)         \
	X(EDQUOT, 122)         \
	X(ECANCELED, 125)      \
	X(EOWNERDEAD, 130)     \
	X(ENOTRECOVERABLE, 131)

/*
 * Linux errnos WASI has no name for, with the nearest WASI meaning:
 * ENOTBLK 15, ENODATA 61 (e.g. "no BTF"), ETIME 62, and the kernel-internal
 * ENOTSUPP 524 that BPF syscalls can leak.
 */
#define WBPF_LINUX_ERRNO_ALIASES(X) \
	X(ENODEV, 15)               \
	X(ENOENT, 61)               \
	X(ETIMEDOUT, 62)            \
	X(ENOTSUP, 524)

/* the first libbpf-specific code (LIBBPF_ERRNO__LIBELF) and one past the last */
#define WBPF_LIBBPF_ERRNO_START 4000
#define WBPF_LIBBPF_ERRNO_END	4100

#ifdef __wasm__
#include <errno.h>

/* A positive Linux errno as the guest's positive errno (EIO when WASI has
 * nothing like it). */
static inline int wbpf_errno_from_linux(int e)
{
	if (e >= WBPF_LIBBPF_ERRNO_START && e < WBPF_LIBBPF_ERRNO_END)
		return e;
	switch (e) {
#define WBPF_ERRNO_CASE(name, linux_nr) \
	case linux_nr:                  \
		return name;
		WBPF_LINUX_ERRNOS(WBPF_ERRNO_CASE)
		WBPF_LINUX_ERRNO_ALIASES(WBPF_ERRNO_CASE)
#undef WBPF_ERRNO_CASE
	default:
		return EIO;
	}
}
#endif /* __wasm__ */

#endif /* __WBPF_ERRNO_H */
