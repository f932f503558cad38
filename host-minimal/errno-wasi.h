/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Linux errno -> WASI errno (the numbers wasi-libc's <errno.h> uses). Every
 * error the guest sees, from WASI calls and from the wasm_bpf ABI alike, is
 * in the guest's numbering.
 */
#ifndef __WBPF_ERRNO_WASI_H
#define __WBPF_ERRNO_WASI_H

#ifdef __cplusplus
extern "C" {
#endif

/* WASI preview1 errno values used by the host by name. */
enum {
	WASI_ESUCCESS = 0,
	WASI_E2BIG = 1,
	WASI_EACCES = 2,
	WASI_EAGAIN = 6,
	WASI_EBADF = 8,
	WASI_EEXIST = 20,
	WASI_EFAULT = 21,
	WASI_EINTR = 27,
	WASI_EINVAL = 28,
	WASI_EIO = 29,
	WASI_EISDIR = 31,
	WASI_ELOOP = 32,
	WASI_EMFILE = 33,
	WASI_EMSGSIZE = 35,
	WASI_ENAMETOOLONG = 37,
	WASI_ENOENT = 44,
	WASI_ENOMEM = 48,
	WASI_ENOSYS = 52,
	WASI_ENOTDIR = 54,
	WASI_ENOTSUP = 58,
	WASI_EOVERFLOW = 61,
	WASI_EPERM = 63,
	WASI_ESPIPE = 70,
	WASI_ENOTCAPABLE = 76,
};

/* WASI number for a (positive) Linux errno; EIO for one WASI lacks. */
int wbpf_errno__to_wasi(int linux_errno);

#ifdef __cplusplus
}
#endif

#endif /* __WBPF_ERRNO_WASI_H */
