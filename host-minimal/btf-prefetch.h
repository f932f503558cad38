/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The kernel's BTF, parsed on a second thread while the module is read and
 * started, for the first bpf_object__load() of the guest (btf-prefetch.c).
 */
#ifndef __WBPF_BTF_PREFETCH_H
#define __WBPF_BTF_PREFETCH_H

#include <stdbool.h>
#include <stddef.h>

/* True on the prefetch thread: libbpf's print callback drops its messages. */
extern __thread bool wbpf_btf_prefetch__quiet;

/* Starts parsing /sys/kernel/btf/vmlinux in the background, when it is
 * there and the module (a .wasm or .aot, len bytes) imports a function
 * that opens BPF objects; nothing happens otherwise, or when it cannot
 * start. */
void wbpf_btf_prefetch__start(const void *module, size_t len);
/* After the guest's first object load: a BTF that load did not take is
 * freed, now or when its parse ends, without waiting for it. */
void wbpf_btf_prefetch__release(void);
/* At exit: releases it and waits for the thread. */
void wbpf_btf_prefetch__stop(void);

#endif /* __WBPF_BTF_PREFETCH_H */
