#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Modules the host must refuse or stop cleanly: one line on stderr naming
# the file and the reason, a non-zero exit, no crash.
# usage: run-malformed.sh HOST WAT_BUILD_DIR VALID_WASM
set -u
host=$1
w=$2
valid=$3
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-malformed.XXXXXX")
trap 'rm -rf "$t"' EXIT

# refuse FILE STATUS MESSAGE WHAT
refuse()
{
	"$host" "$1" >"$t/out" 2>"$t/err"
	rc=$?
	expect_eq "$rc" "$2" "$4: exit status"
	expect_eq "$(cat "$t/err")" "wasm-bpf: $1: $3" "$4: the one line on stderr"
	expect_eq "$(cat "$t/out")" "" "$4: nothing on stdout"
}

printf 'hello\n' >"$t/text.wasm"
refuse "$t/text.wasm" 1 'not a WebAssembly module (no \0asm header)' "a text file"
: >"$t/empty.wasm"
refuse "$t/empty.wasm" 1 'not a WebAssembly module (no \0asm header)' "an empty file"
head -c 200 "$valid" >"$t/truncated.wasm"
"$host" "$t/truncated.wasm" >"$t/out" 2>"$t/err"
expect_eq "$?" 1 "a truncated module: exit status"
expect_eq "$(wc -l <"$t/err" | tr -d ' ')" 1 "a truncated module: one line"
expect_grep "$t/err" "wasm-bpf: $t/truncated.wasm: invalid WebAssembly module: " "a truncated module: says it is invalid"
printf '\0asm\1\0\0\0\377\377\377\377' >"$t/garbage.wasm"
"$host" "$t/garbage.wasm" >"$t/out" 2>"$t/err"
expect_eq "$?" 1 "garbage after the header: exit status"
expect_grep "$t/err" "wasm-bpf: $t/garbage.wasm: invalid WebAssembly module: " "garbage after the header: says it is invalid"
refuse "$t/missing.wasm" 1 "No such file or directory" "a missing file"
refuse "$t" 1 "Is a directory" "a directory"
refuse "$t/x.aot" 1 "No such file or directory" "a missing .aot file"
printf 'hello\n' >"$t/text.aot"
refuse "$t/text.aot" 1 'not a WebAssembly module (no \0asm header)' "an .aot file that is text"

refuse "$w/missing_import.wasm" 1 \
	"unknown import wasm_bpf.wasm_bpf_no_such_import (the host does not provide it)" \
	"a wasm_bpf import the host lacks"
refuse "$w/unknown_module.wasm" 1 "unknown import env.do_something (the host does not provide it)" \
	"an import from an unknown module"
refuse "$w/wrong_signature.wasm" 1 \
	"import wasm_bpf.wasm_load_bpf_object has type (i32, i32) -> (i32), the host's is (i32, i32) -> (i64)" \
	"a wasm_bpf import with the wrong type"
refuse "$w/wasi_wrong_signature.wasm" 1 \
	"import wasi_snapshot_preview1.fd_write has type (i32, i32, i32) -> (i32), the host's is (i32, i32, i32, i32) -> (i32)" \
	"a WASI import with the wrong type"
refuse "$w/import_memory.wasm" 1 "import env.memory is a memory; the host provides only functions" \
	"an imported memory"
refuse "$w/no_start.wasm" 1 "no _start function: not a WASI command module" "no _start"

refuse "$w/start_traps.wasm" 134 "trap: unreachable executed" "_start traps"
refuse "$w/deep_recursion.wasm" 134 "trap: call stack exhausted" "unbounded recursion"
# the interpreter checks the access; native code (WBPF_TEST_ENGINE=aot)
# faults on the first byte past memory
if [ "${WBPF_TEST_ENGINE:-}" = aot ]; then
	oob="address 65536 is past the end of linear memory"
else
	oob="access at 65535+4 >= max value 65536"
fi
refuse "$w/oob_access.wasm" 134 "trap: out of bounds memory access: $oob" "a load past memory"
"$host" "$w/grow_huge.wasm" >"$t/out" 2>"$t/err"
expect_eq "$?" 3 "memory.grow to 4 GiB fails inside the guest (1 GiB cap)"

"$host" >"$t/out" 2>"$t/err"
expect_eq "$?" 1 "no module: exit status"
expect_grep "$t/err" "wasm-bpf: no module given" "no module: says so"
"$host" --bogus x.wasm >"$t/out" 2>"$t/err"
expect_eq "$?" 1 "an unknown option: exit status"
finish
