#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# `cmake --install` gives other projects what they need: the SDK headers,
# the tools with a man page each, a wbpf.pc and a CMake package whose
# helpers build a BPF object and a wasm guest outside this tree.
set -u
build=$1
src=$2
work=$3
prefix=$work/prefix
rm -rf "$work"
mkdir -p "$work/proj"
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }

cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
	{ cat "$work/install.log"; bad "cmake --install"; exit 1; }

[ -f "$prefix/include/wbpf/wbpf-abi.h" ] && ok "SDK headers installed" || bad "SDK headers"
[ -f "$prefix/lib/cmake/wbpf/wbpfConfig.cmake" ] && ok "CMake package" || bad "CMake package"
cflags=$(PKG_CONFIG_PATH=$prefix/share/pkgconfig pkg-config --cflags wbpf 2>&1)
cflags=$(echo $cflags)
incdir=$(realpath -m "${cflags#-I}")
[ "$incdir" = "$(realpath "$prefix/include/wbpf")" ] && [ -f "$incdir/wbpf-abi.h" ] &&
	ok "pkg-config wbpf: $cflags" || bad "pkg-config: $cflags"

# Every installed tool has its man page.
for t in "$prefix"/bin/*; do
	[ -e "$t" ] || continue
	n=$(basename "$t")
	[ -f "$prefix/share/man/man1/$n.1" ] && ok "man page for $n" || bad "no man page for $n"
done

cp "$src/minimal.bpf.c" "$src/minimal.c" "$src/minimal_guest.c" "$src/poke.c" "$work/proj/"
cat >"$work/proj/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.20)
project(outside C)
find_package(wbpf REQUIRED)
wbpf_bpf_object(minimal minimal.bpf.c)
wbpf_wasm_module(minimal SOURCES minimal.c)
wbpf_skeleton(minimal)
wbpf_wasm_module(minimal_guest SOURCES minimal_guest.c DEPENDS minimal_skel)
add_executable(poke poke.c)
CM
if cmake -S "$work/proj" -B "$work/proj/build" -DCMAKE_PREFIX_PATH="$prefix" >"$work/cfg.log" 2>&1 &&
	cmake --build "$work/proj/build" >"$work/build.log" 2>&1; then
	ok "outside project configured and built"
else
	cat "$work/cfg.log" "$work/build.log" 2>/dev/null | tail -30
	bad "outside project build"
fi
"$src/test_helpers_output.sh" "$work/proj/build/minimal.bpf.o" "$work/proj/build/minimal.wasm" ||
	bad "outside project outputs"
[ -f "$work/proj/build/minimal.skel.h" ] && wasm-validate "$work/proj/build/minimal_guest.wasm" &&
	ok "outside project: skeleton and SDK guest built" || bad "outside project: skeleton or SDK guest"
exit $fails
