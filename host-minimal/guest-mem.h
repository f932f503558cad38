/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Guest memory checks, in one place (WAMR's validate_app_addr): every
 * pointer and length coming from the guest is checked as a range, in an
 * order that cannot overflow, before the host touches a byte. The returned
 * native pointers are valid only until the guest runs again.
 */
#ifndef __WBPF_GUEST_MEM_H
#define __WBPF_GUEST_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vm.h"

/* [ptr, ptr + len) inside a memory of `size` bytes, overflow-safe. */
static inline bool wbpf_mem__in_range(uint64_t size, uint64_t ptr, uint64_t len)
{
	return len <= size && ptr <= size - len;
}

/* Native address of guest [ptr, ptr + len), or NULL if any byte of it is
 * outside linear memory. A zero-length range at the end is valid. */
static inline void *wbpf_mem__ptr(struct wbpf_vm *vm, uint64_t ptr, uint64_t len)
{
	uint64_t size;
	uint8_t *base = wbpf_vm__mem(vm, &size);

	if (!base || !wbpf_mem__in_range(size, ptr, len))
		return NULL;
	return base + ptr;
}

/* Guest [ptr, ptr + n * elem) for an array of n elements of elem bytes:
 * the multiplication is checked too. */
static inline void *wbpf_mem__array(struct wbpf_vm *vm, uint64_t ptr, uint64_t n, uint64_t elem)
{
	if (elem && n > UINT64_MAX / elem)
		return NULL;
	return wbpf_mem__ptr(vm, ptr, n * elem);
}

/* A NUL-terminated guest string at ptr, whose terminator lies inside linear
 * memory and within max_len bytes (terminator included). NULL if the string
 * runs off the end of memory or is longer. */
static inline const char *wbpf_mem__str(struct wbpf_vm *vm, uint64_t ptr, uint64_t max_len)
{
	uint64_t size, avail;
	uint8_t *base = wbpf_vm__mem(vm, &size);

	if (!base || ptr >= size)
		return NULL;
	avail = size - ptr;
	if (avail > max_len)
		avail = max_len;
	if (!memchr(base + ptr, 0, avail))
		return NULL;
	return (const char *)(base + ptr);
}

/* Values in linear memory at a native address from the checks above:
 * unaligned, little-endian as wasm stores them (so is every host wasm-bpf
 * builds for: x86_64, aarch64). */
static inline void wbpf_mem__put_u32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static inline void wbpf_mem__put_u64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, sizeof(v));
}

static inline uint32_t wbpf_mem__get_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint64_t wbpf_mem__get_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Strings the ABI takes (names, targets, paths) are at most this long. */
#define WBPF_MAX_STR 4096

#endif /* __WBPF_GUEST_MEM_H */
