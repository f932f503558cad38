/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libbpf-wasm.h: libbpf's user-space API for eBPF programs whose user half is
 * a wasm32-wasi module run by `wasm-bpf`.
 *
 * Header-only and static inline: a module includes this header (or
 * <bpf/libbpf.h> / <bpf/bpf.h>, which lead here when sdk/ is on the include
 * path) and a skeleton made by `wbpf-skel gen prog.bpf.o`, and calls libbpf's
 * functions with libbpf's names and semantics:
 *
 *   - int functions return 0 (or a count) on success and -errno on failure,
 *     and set errno; pointer functions return NULL and set errno;
 *     libbpf_get_error() works as in libbpf 1.x. Errors use the guest's
 *     (wasi-libc's) errno numbers, as the host returns them, so
 *     `err == -EINTR` works.
 *   - libbpf's messages reach the callback given to libbpf_set_print(); the
 *     SDK's own messages too. Without a callback, warnings go to stderr.
 *   - what the host cannot do returns -ENOTSUP (or NULL with errno ENOTSUP)
 *     after a message naming the call; nothing is silently skipped.
 *
 * The host imports (module "wasm_bpf") are declared once, from
 * wasm-bpf-abi.def; docs/abi.md describes them, docs/porting.md lists what
 * differs from native libbpf and why.
 *
 * Layout of the SDK:
 *   wbpf-abi.h          wire structs shared with the host
 *   wbpf-uapi.h         kernel enums and flags with the kernel's numbers
 *   wbpf-sdk-object.h   errors, printing, objects, programs, skeletons
 *   wbpf-sdk-map.h      map properties and element operations
 *   wbpf-sdk-attach.h   attaching programs, links
 *   wbpf-sdk-buffer.h   ring_buffer, perf_buffer and bcc's bpf_buffer
 *   wbpf-sdk-signal.h   runs the program's signal() handlers at Ctrl-C
 */
#ifndef __LIBBPF_WASM_H
#define __LIBBPF_WASM_H

#ifndef __wasm__
#error "libbpf-wasm.h is the wasm32 guest SDK: compile with clang --target=wasm32-wasi"
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "wbpf-abi.h"
#include "wbpf-uapi.h"

/* The host imports, one prototype per line of wasm-bpf-abi.def. */
#define WBPF_IMPORT(name, params, result, c_result, c_params)                  \
	__attribute__((import_module(WBPF_IMPORT_MODULE), import_name(#name))) \
	c_result name c_params;
#include "wasm-bpf-abi.def"
#undef WBPF_IMPORT

#include "wbpf-sdk-object.h"
#include "wbpf-sdk-map.h"
#include "wbpf-sdk-attach.h"
#include "wbpf-sdk-buffer.h"
#include "wbpf-sdk-signal.h"

#endif /* __LIBBPF_WASM_H */
