/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * <bpf/libbpf_common.h> for wasm32 guests: libbpf's API comes from the wbpf guest SDK.
 * With the SDK's directory on the include path (wbpf_wasm_module() and
 * `pkg-config --cflags wbpf` put it there) code written for native libbpf
 * keeps its includes. Native code that has the SDK's directory on its path
 * for the ABI headers (the host) gets the real libbpf header.
 */
#ifdef __wasm__
#include "../libbpf-wasm.h"
#else
#include_next <bpf/libbpf_common.h>
#endif
