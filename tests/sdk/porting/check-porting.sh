#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The porting test: bootstrap.c (libbpf-bootstrap style) builds natively
# against libbpf with bpftool's skeleton, and, after exactly the edits
# docs/porting.md lists for it (its "bootstrap.c edits" diff, applied with
# patch), for wasm32 against the SDK with wbpf-skel's skeleton.
# usage: check-porting.sh BPF_OBJ BPFTOOL WBPF_SKEL CC CLANG SYSROOT SDK_DIR
#                         PORTING_MD SRC_DIR WORK
set -u
obj=$1
bpftool=$2
skel=$3
cc=$4
clang=$5
sysroot=$6
sdk=$7
md=$8
src=$9
work=${10}
rm -rf "$work"
mkdir -p "$work/native" "$work/wasm"
fail()
{
	echo "FAIL: $*"
	exit 1
}

# the edits porting.md lists: the diff block between its markers
sed -n '/<!-- bootstrap.c edits: begin -->/,/<!-- bootstrap.c edits: end -->/p' "$md" |
	sed -e '1,2d' -e '$d' | sed '$d' >"$work/edits.diff"
grep -q '<!-- bootstrap.c edits: begin -->' "$md" || fail "$md has no bootstrap.c edits block"
cp "$src/bootstrap.c" "$src/bootstrap.h" "$work/wasm/"
if [ -s "$work/edits.diff" ]; then
	(cd "$work/wasm" && patch -s -p1 <"$work/edits.diff") || fail "the edits of $md do not apply"
fi
nedits=$(grep -c '^[-+][^-+]' "$work/edits.diff")

# native: libbpf and bpftool's skeleton
"$bpftool" gen skeleton "$obj" name bootstrap_bpf >"$work/native/bootstrap.skel.h" ||
	fail "bpftool gen skeleton"
"$cc" -Wall -Wextra -Werror -I"$work/native" -I"$src" "$src/bootstrap.c" -lbpf -lelf -lz \
	-o "$work/native/bootstrap" || fail "native build against libbpf"
echo "ok: bootstrap.c builds natively against libbpf"

# wasm32: the SDK and wbpf-skel's skeleton, the flags wbpf_wasm_module() uses
"$skel" gen "$obj" --name bootstrap -o "$work/wasm/bootstrap.skel.h" || fail "wbpf-skel gen"
"$clang" --target=wasm32-wasi --sysroot="$sysroot" -O2 -Wall -Wextra -Werror \
	-D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS -I"$work/wasm" -I"$sdk" \
	-Wl,--export-table "$work/wasm/bootstrap.c" -lwasi-emulated-signal \
	-lwasi-emulated-process-clocks -o "$work/wasm/bootstrap.wasm" || fail "wasm32 build"
echo "ok: bootstrap.c with the $nedits changed line(s) docs/porting.md lists builds for wasm32"

# and nothing else differs from the native source
diff -u "$src/bootstrap.c" "$work/wasm/bootstrap.c" >"$work/actual.diff"
[ "$(grep -c '^[-+][^-+]' "$work/actual.diff")" = "$nedits" ] ||
	fail "the wasm32 source differs from bootstrap.c by more than porting.md lists"
wasm-objdump -x -j Import "$work/wasm/bootstrap.wasm" | grep -q 'wasm_bpf\.' ||
	fail "the wasm32 build does not import the wasm_bpf ABI"
echo "ok: the wasm32 source is bootstrap.c plus exactly porting.md's edits"
