// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The wire structs of sdk/wbpf-abi.h in BTF, to check the records of
 * sdk/wit/wasm-bpf.wit (and the negative cases) against. Built with
 * -ffreestanding so <stdint.h> is clang's own. */
#include "wbpf-abi.h"

struct wbpf_map_info map_info;
struct wbpf_perf_record perf_record;
