// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wasm_bpf imports about the host itself (CPU count, ABI version) and
 * libbpf's log: printed under -v, captured for the guest on request, and
 * always watched for the diagnostics of diag.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include <wbpf-abi.h>

#include "bpf-state.h"
#include "btf-prefetch.h"
#include "guest-mem.h"
#include "imports.h"

#define LOG_SLOTS (int)(sizeof(((struct wbpf_bpf *)0)->log) / sizeof(struct wbpf_log_msg))

/* libbpf's print callback is process-wide; the host runs one guest. */
static struct wbpf_vm *log_vm;

static void capture(struct wbpf_bpf *b, int level, const char *msg)
{
	int slot;

	if (b->log_len == LOG_SLOTS) {
		/* full: drop the oldest */
		free(b->log[b->log_head].text);
		b->log[b->log_head].text = NULL;
		b->log_head = (b->log_head + 1) % LOG_SLOTS;
		b->log_len--;
	}
	slot = (b->log_head + b->log_len) % LOG_SLOTS;
	b->log[slot].text = strdup(msg);
	if (!b->log[slot].text)
		return;
	b->log[slot].level = level;
	b->log_len++;
}

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	struct wbpf_vm *vm = log_vm;
	char msg[1024];
	int n;

	if (wbpf_btf_prefetch__quiet)
		return 0;
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (n < 0)
		return n;
	wbpf_diag__log(level, msg);
	if (!vm)
		return n;
	if (vm->bpf && vm->bpf->capture)
		capture(vm->bpf, level, msg);
	else if (vm->verbose && vm->log)
		vm->log(vm, msg);
	return n;
}

void wbpf_bpf__install_print(struct wbpf_vm *vm)
{
	log_vm = vm;
	libbpf_set_print(print_fn);
}

int wbpf_abi_wasm_bpf_num_possible_cpus(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	(void)vm;
	(void)args;
	*ret = (uint32_t)libbpf_num_possible_cpus();
	return 0;
}

int wbpf_abi_wasm_bpf_abi_version(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	(void)vm;
	(void)args;
	*ret = WBPF_ABI_VERSION;
	return 0;
}

int wbpf_abi_wasm_bpf_log_capture(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_bpf *b = wbpf_bpf__get(vm);

	if (!b) {
		*ret = (uint32_t)-ENOMEM;
		return 0;
	}
	b->capture = args[0] != 0;
	*ret = 0;
	return 0;
}

int wbpf_abi_wasm_bpf_log_read(struct wbpf_vm *vm, const uint64_t *args, uint64_t *ret)
{
	struct wbpf_bpf *b = vm->bpf;
	uint32_t size = args[1];
	struct wbpf_log_msg *m;
	size_t len;
	char *dst;

	if (!b || !b->log_len) {
		*ret = (uint32_t)-ENOENT;
		return 0;
	}
	if (size == 0) {
		*ret = (uint32_t)-EINVAL;
		return 0;
	}
	dst = wbpf_mem__ptr(vm, args[0], size);
	if (!dst) {
		*ret = (uint32_t)-EFAULT;
		return 0;
	}
	m = &b->log[b->log_head];
	len = strlen(m->text);
	if (len >= size)
		len = size - 1;
	memcpy(dst, m->text, len);
	dst[len] = 0;
	*ret = (uint32_t)m->level;
	free(m->text);
	m->text = NULL;
	b->log_head = (b->log_head + 1) % LOG_SLOTS;
	b->log_len--;
	return 0;
}
