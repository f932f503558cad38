/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * <bpf/libbpf.h> for wasm32 guests: libbpf's API comes from the wbpf guest SDK.
 * With the SDK's directory on the include path (wbpf_wasm_module() and
 * `pkg-config --cflags wbpf` put it there) code written for native libbpf
 * keeps its includes.
 */
#include "../libbpf-wasm.h"
