// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A hostile guest that needs no BPF: out-of-range and overflowing pointers,
 * huge lengths, unterminated strings and unknown handles thrown at the
 * wasm_bpf imports and at WASI. Every call must come back with its error
 * code (the guest's own errno numbers) and the host must stay up; run-
 * hostile.sh runs it under AddressSanitizer as well.
 */
#include <stdint.h>
#include <string.h>
#include <wasi/api.h>

#include "test-abi.h"

/* The raw import: wasi-libc's wrapper would strlen() the path itself. */
int32_t raw_path_open(int32_t fd, int32_t dirflags, uint32_t path, uint32_t path_len,
		      int32_t oflags, int64_t rights, int64_t rights_inh, int32_t fdflags,
		      uint32_t fd_out)
	__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")));

/* Guest addresses that are not in linear memory, or ranges that wrap. */
#define FAR_PTR	 ((void *)0xfffffff0u)
#define NEAR_END (mem_size() - 8)

static uint32_t mem_size(void)
{
	return (uint32_t)__builtin_wasm_memory_size(0) * 65536u;
}

static void abi_handles(void)
{
	char name[] = "events";
	uint8_t buf[64];

	CHECK_EQ(wasm_close_bpf_object(12345), -EBADF, "close an unknown handle");
	CHECK_EQ(wasm_close_bpf_object(0), -EBADF, "close handle 0");
	CHECK_EQ(wasm_close_bpf_object(-1), -EBADF, "close handle -1");
	CHECK_EQ(wasm_attach_bpf_program(7, name, NULL), -EBADF, "attach on an unknown handle");
	CHECK_EQ(wasm_bpf_map_fd_by_name(7, name), -EBADF, "map fd on an unknown handle");
	CHECK_EQ(wasm_bpf_buffer_poll(7, 3, 1, 0, buf, sizeof(buf), 0), -EBADF,
		 "poll on an unknown handle");
	CHECK_EQ(wasm_bpf_object_load(99), -EBADF, "load an unknown handle");
	CHECK_EQ(wasm_bpf_program_attach(99, name, ""), -EBADF, "program_attach, unknown handle");
	CHECK_EQ(wasm_bpf_program_fd_by_name(99, name), -EBADF, "program fd, unknown handle");
	CHECK_EQ(wasm_bpf_link_destroy(99, 1), -EBADF, "link_destroy, unknown handle");
	CHECK_EQ(wasm_bpf_map_info(99, name, buf, sizeof(buf)), -EBADF, "map_info, unknown handle");
	CHECK_EQ(wasm_bpf_map_mirror(99, name, buf, 8), -EBADF, "map_mirror, unknown handle");
	CHECK_EQ(wasm_bpf_buffer_new(99, 3, 1, 0, 0, 0), -EBADF, "buffer_new, unknown handle");
	CHECK_EQ(wasm_bpf_buffer_poll_id(99, 1, buf, 64, 0), -EBADF,
		 "buffer_poll_id, unknown handle");
	CHECK_EQ(wasm_bpf_buffer_free(99, 1), -EBADF, "buffer_free, unknown handle");
	CHECK_EQ(wasm_bpf_program_set_autoload(99, name, 0), -EBADF,
		 "set_autoload, unknown handle");
	CHECK_EQ(wasm_bpf_map_set_max_entries(99, name, 1), -EBADF,
		 "set_max_entries, unknown handle");
	/* fds the host owns (stdio, its own files) are never the guest's maps */
	for (int fd = -1; fd < 8; fd++)
		CHECK_EQ(wasm_bpf_map_operate(fd, 1, buf, buf, NULL, 0), -EBADF,
			 "map_operate on a descriptor that is not the guest's map");
	CHECK_EQ(wasm_bpf_map_operate(1000000, 1, buf, buf, NULL, 0), -EBADF,
		 "map_operate on a huge fd");
}

static void abi_pointers(void)
{
	char *end = (char *)(uintptr_t)(mem_size() - 4);

	CHECK_EQ(wasm_load_bpf_object(FAR_PTR, 0x100), 0, "load from an out-of-range buffer");
	CHECK_EQ(wasm_load_bpf_object((void *)0x1000, 0x7fffffff), 0, "load with a huge length");
	CHECK_EQ(wasm_load_bpf_object((void *)0x1000, -5), 0, "load with a negative length");
	CHECK_EQ(wasm_bpf_object_open(FAR_PTR, 0x100), -EFAULT, "open from an out-of-range buffer");
	CHECK_EQ(wasm_bpf_object_open((void *)(uintptr_t)(mem_size() - 16), 32), -EFAULT,
		 "open from a buffer that runs past the end");
	CHECK_EQ(wasm_bpf_object_open((void *)0x1000, 0), -EINVAL, "open with length 0");
	CHECK_EQ(wasm_bpf_object_open((void *)0x1000, -1), -EINVAL, "open with a negative length");
	/* unterminated string at the very end of memory: no NUL before the
	 * end, so the host must not read past it */
	memset(end, 'A', 4);
	CHECK_EQ(wasm_bpf_log_capture(1), 0, "log capture on");
	CHECK_EQ(wasm_bpf_log_read(end, 4), -ENOENT, "no log message yet");
	CHECK_EQ(wasm_bpf_log_capture(0), 0, "log capture off");
	CHECK(wasm_bpf_num_possible_cpus() >= 1, "num_possible_cpus = %d",
	      wasm_bpf_num_possible_cpus());
	CHECK_EQ(wasm_bpf_abi_version(), WBPF_ABI_VERSION, "abi version");
}

static void wasi_pointers(void)
{
	__wasi_ciovec_t iov;
	__wasi_size_t n;
	__wasi_timestamp_t ts;
	__wasi_fd_t fd;
	__wasi_prestat_t ps;
	__wasi_event_t ev;
	__wasi_subscription_t sub;

	iov.buf = FAR_PTR;
	iov.buf_len = 64;
	CHECK_EQ(__wasi_fd_write(1, &iov, 1, &n), __WASI_ERRNO_FAULT, "fd_write from a far buffer");
	iov.buf = (void *)(uintptr_t)NEAR_END;
	iov.buf_len = 0xfffffff0u;
	CHECK_EQ(__wasi_fd_write(1, &iov, 1, &n), __WASI_ERRNO_FAULT,
		 "fd_write with a length that wraps");
	CHECK_EQ(__wasi_fd_write(1, (const __wasi_ciovec_t *)FAR_PTR, 1, &n), __WASI_ERRNO_FAULT,
		 "fd_write with a far iovec array");
	iov.buf = (const uint8_t *)"x";
	iov.buf_len = 1;
	CHECK_EQ(__wasi_fd_write(1, &iov, 0x20000000u, &n), __WASI_ERRNO_INVAL,
		 "fd_write with a huge iovec count");
	CHECK_EQ(__wasi_fd_write(1, &iov, 1, (__wasi_size_t *)FAR_PTR), __WASI_ERRNO_FAULT,
		 "fd_write with a far result pointer");
	CHECK_EQ(__wasi_fd_write(500, &iov, 1, &n), __WASI_ERRNO_BADF, "fd_write on a closed fd");
	CHECK_EQ(__wasi_fd_write(0xffffffffu, &iov, 1, &n), __WASI_ERRNO_BADF,
		 "fd_write on fd 2^32-1");
	CHECK_EQ(__wasi_fd_read(0, (const __wasi_iovec_t *)FAR_PTR, 1, &n), __WASI_ERRNO_FAULT,
		 "fd_read into a far iovec array");
	CHECK_EQ(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, (__wasi_timestamp_t *)FAR_PTR),
		 __WASI_ERRNO_FAULT, "clock_time_get to a far pointer");
	CHECK_EQ(__wasi_clock_time_get(1000, 0, &ts), __WASI_ERRNO_INVAL, "clock_time_get(bad id)");
	CHECK_EQ(__wasi_random_get((uint8_t *)0x1000, 0xfffff000u), __WASI_ERRNO_FAULT,
		 "random_get with a huge length");
	CHECK_EQ(__wasi_args_get((uint8_t **)FAR_PTR, (uint8_t *)FAR_PTR), __WASI_ERRNO_FAULT,
		 "args_get to far pointers");
	CHECK_EQ(__wasi_environ_sizes_get((__wasi_size_t *)FAR_PTR, &n), __WASI_ERRNO_FAULT,
		 "environ_sizes_get to a far pointer");
	/* run with one --dir: fd 3 */
	CHECK_EQ(raw_path_open(3, 0, 0xfffffff0u, 100, 0, -1, -1, 0, (uint32_t)(uintptr_t)&fd),
		 __WASI_ERRNO_FAULT, "path_open with a far path");
	CHECK_EQ(raw_path_open(3, 0, 0x1000, 0x7fffffffu, 0, -1, -1, 0, (uint32_t)(uintptr_t)&fd),
		 __WASI_ERRNO_NAMETOOLONG, "path_open with a huge path length");
	CHECK_EQ(raw_path_open(3, 0, (uint32_t)(uintptr_t) "a\0b", 3, 0, -1, -1, 0,
			       (uint32_t)(uintptr_t)&fd),
		 __WASI_ERRNO_INVAL, "path_open with a NUL inside the path");
	CHECK_EQ(raw_path_open(3, 0, (uint32_t)(uintptr_t) "x", 1, 1, -1, -1, 0, 0xfffffff0u),
		 __WASI_ERRNO_FAULT, "path_open with a far result pointer");
	CHECK_EQ(raw_path_open(1, 0, (uint32_t)(uintptr_t) "x", 1, 0, -1, -1, 0,
			       (uint32_t)(uintptr_t)&fd),
		 __WASI_ERRNO_NOTDIR, "path_open relative to stdout");
	CHECK_EQ(raw_path_open(9, 0, (uint32_t)(uintptr_t) "x", 1, 0, -1, -1, 0,
			       (uint32_t)(uintptr_t)&fd),
		 __WASI_ERRNO_BADF, "path_open relative to a closed fd");
	CHECK_EQ(__wasi_fd_prestat_get(4, &ps), __WASI_ERRNO_BADF, "one preopen only");
	CHECK_EQ(__wasi_fd_prestat_dir_name(3, (uint8_t *)FAR_PTR, 64), __WASI_ERRNO_FAULT,
		 "prestat_dir_name to a far buffer");
	CHECK_EQ(__wasi_fd_prestat_get(1, &ps), __WASI_ERRNO_BADF, "stdout is not a preopen");
	CHECK_EQ(__wasi_fd_seek(1, 0, 7, (__wasi_filesize_t *)&ts), __WASI_ERRNO_INVAL,
		 "fd_seek with a bad whence");
	CHECK_EQ(__wasi_poll_oneoff(&sub, &ev, 0, &n), __WASI_ERRNO_INVAL,
		 "poll_oneoff with nothing");
	CHECK_EQ(__wasi_poll_oneoff((const __wasi_subscription_t *)FAR_PTR, &ev, 1, &n),
		 __WASI_ERRNO_FAULT, "poll_oneoff from a far array");
	CHECK_EQ(__wasi_poll_oneoff(&sub, &ev, 0x10000000u, &n), __WASI_ERRNO_NOTSUP,
		 "poll_oneoff with a huge count");
	CHECK_EQ(__wasi_sock_accept(0, 0, &fd), __WASI_ERRNO_NOTCAPABLE,
		 "no sockets in the sandbox");
	CHECK_EQ(__wasi_fd_close(1000), __WASI_ERRNO_BADF, "close an fd never opened");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	abi_handles();
	abi_pointers();
	wasi_pointers();
	printf("hostile_nobpf: %d failures\n", test_failures);
	return test_failures;
}
