#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The whole kernel: bindings for every struct and union of a raw BTF file
# (the running kernel's /sys/kernel/btf/vmlinux) compile for wasm32 with all
# their asserts, zero failures; every named struct and union the BTF holds
# (counted independently, with bpftool) is defined, with a size assert; and
# the output is the same from one run to the next.
# usage: vmlinux.sh BINDGEN WORKDIR [BTF]
set -u
bindgen=$1 work=$2 btf=${3:-/sys/kernel/btf/vmlinux}
fail()
{
	echo "FAIL: $*"
	exit 1
}
[ -r "$btf" ] || fail "$btf is not readable (the test needs the kernel's BTF)"
rm -rf "$work"
mkdir -p "$work"
out=$work/vmlinux.wasm.h
"$bindgen" "$btf" -o "$out" || fail "wbpf-bindgen $btf"
"$bindgen" "$btf" -o "$out.again" || fail "wbpf-bindgen $btf (second run)"
cmp -s "$out" "$out.again" || fail "two runs on $btf print different bindings"
command -v bpftool >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
want=$(bpftool btf dump file "$btf" | grep -cE "^\[[0-9]+\] (STRUCT|UNION) '[A-Za-z_]")
defs=$(grep -cE '^(struct|union) [A-Za-z_][A-Za-z0-9_]* \{' "$out")
sizes=$(grep -cE '^_Static_assert\(sizeof\((struct|union) ' "$out")
[ "$want" -gt 1000 ] || fail "only $want named structs and unions in $btf"
[ "$defs" = "$want" ] || fail "$defs struct/union definitions printed, $btf has $want"
[ "$sizes" = "$want" ] || fail "$sizes struct/union size asserts printed, $btf has $want"
clang --target=wasm32-wasi --sysroot="${WBPF_WASI_SYSROOT:-/usr}" -fsyntax-only -Wall -Wextra \
	-Werror -x c "$out" 2>"$work/errors" ||
	fail "$(grep -c 'error:' "$work/errors") errors compiling the bindings for wasm32, first: $(grep -m1 'error:' "$work/errors")"
echo "ok: $defs structs and unions of $btf, $(grep -c _Static_assert "$out") asserts, compile for wasm32"
