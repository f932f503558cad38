#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# What wbpf_bpf_object() and wbpf_wasm_module() built is what they promise:
# a BPF ELF with BTF and the program's section; a valid wasm32-wasi module
# with _start and its function table exported.
set -u
obj=$1
wasm=$2
fails=0
expect()
{
	if printf '%s\n' "$2" | grep -q -- "$3"; then
		echo "ok: $1"
	else
		echo "FAIL: $1: no '$3' in:"
		printf '%s\n' "$2" | head -20
		fails=$((fails + 1))
	fi
}
PATH=$PATH:/usr/sbin
expect "BPF object is an ELF for the BPF machine" "$(file "$obj" 2>/dev/null || readelf -h "$obj")" "eBPF\|BPF"
btf=$(bpftool btf dump file "$obj" 2>&1)
expect "BTF has the event struct" "$btf" "STRUCT 'minimal_event' size=16"
expect "BTF has .bss" "$btf" "DATASEC '.bss'"
expect "program section" "$(llvm-objdump-14 -h "$obj" 2>&1)" "tp/syscalls/sys_enter_getppid"
expect "wasm validates" "$(wasm-validate "$wasm" 2>&1 && echo valid)" "^valid$"
exports=$(wasm-objdump -x -j Export "$wasm" 2>&1)
expect "exports _start" "$exports" '"_start"'
expect "exports the function table" "$exports" '"__indirect_function_table"'
expect "exports memory" "$exports" '"memory"'
expect "imports WASI preview1" "$(wasm-objdump -x -j Import "$wasm" 2>&1)" "wasi_snapshot_preview1.fd_write"
exit $fails
