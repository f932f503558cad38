#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Layout cross-check: bytes written natively through the original C
# definitions (the BPF side's layout) read back field by field through the
# wasm32 bindings wbpf-bindgen generated, in a wasm module run by wasm-interp.
# usage: xcheck.sh BINDGEN XCHECK_GEN READER_C CASE_H WORKDIR [--header] INPUT [SKIP...]
#   SKIP: types left out; XCHECK_CFLAGS: flags for the native writer
set -eu
bindgen=$1 xgen=$2 reader=$3 case_h=$4 work=$5
shift 5
mode=
if [ "$1" = --header ]; then
	mode=--header
	shift
fi
input=$1
shift
fail()
{
	echo "FAIL: $*"
	exit 1
}
rm -rf "$work"
mkdir -p "$work"
# shellcheck disable=SC2086
"$bindgen" $mode "$input" -o "$work/gen.wasm.h" || fail "wbpf-bindgen $mode $input"
# shellcheck disable=SC2086
n=$("$xgen" $mode "$input" "$work" "$@") || fail "xcheck-gen $input"
[ "$n" -gt 0 ] || fail "no field to check in $input"
# shellcheck disable=SC2086
cc -std=gnu11 -w ${XCHECK_CFLAGS:-} -include "$case_h" "$work/writer.c" -o "$work/writer" || fail "native writer does not build"
"$work/writer" >"$work/bytes.inc" || fail "native writer failed"
clang --target=wasm32 -ffreestanding -nostdlib -O1 -Wall -Wextra -Werror \
	-Wl,--no-entry -I"$work" "$reader" -o "$work/reader.wasm" || fail "wasm32 reader does not build"
wasm-interp "$work/reader.wasm" --run-all-exports >"$work/result" 2>&1 || fail "wasm-interp: $(cat "$work/result")"
bad=$(sed -n 's/^run() => i32:\([0-9-]*\)$/\1/p' "$work/result")
checked=$(sed -n 's/^checked() => i32:\([0-9-]*\)$/\1/p' "$work/result")
first=$(sed -n 's/^first_bad() => i32:\([0-9-]*\)$/\1/p' "$work/result")
[ -n "$bad" ] && [ -n "$checked" ] || fail "unexpected wasm-interp output: $(cat "$work/result")"
if [ "$checked" != "$n" ]; then
	fail "the wasm reader checked $checked fields, xcheck-gen wrote $n checks"
fi
if [ "$bad" != 0 ]; then
	echo "FAIL: $bad of $checked fields read back wrong on wasm32; first:"
	grep "^$first	" "$work/fields.txt"
	exit 1
fi
echo "ok: $checked fields of $(grep -c '^	{' "$work/writer.c") types written natively read back on wasm32 ($input)"
