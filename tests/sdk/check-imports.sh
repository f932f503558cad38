#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The SDK declares every import of sdk/wasm-bpf-abi.def, in module
# "wasm_bpf", with the core-wasm type the .def gives (i = i32, I = i64):
# a guest that takes the address of each is compiled, and its import
# section is compared with the .def.
# usage: check-imports.sh SDK_DIR CLANG SYSROOT WORKDIR
set -eu
sdk=$1
clang=$2
sysroot=$3
work=$4
mkdir -p "$work"
def=$sdk/wasm-bpf-abi.def

# "name :params :result", one line per import, from the .def
sed -nE 's/^WBPF_IMPORT\(([a-z_0-9]+), "([iI]*)", "([iI]*)".*/\1 :\2 :\3/p' "$def" >"$work/def.txt"
n=$(wc -l <"$work/def.txt")
[ "$n" -ge 6 ] || { echo "FAIL: only $n imports parsed from $def"; exit 1; }

cat >"$work/all-imports.c" <<EOC
#include <libbpf-wasm.h>
#define WBPF_IMPORT(name, params, result, c_result, c_params) (void (*)(void))name,
__attribute__((used)) void (*volatile wbpf_all_imports[])(void) = {
#include "wasm-bpf-abi.def"
};
int main(int argc, char **argv)
{
	(void)argv;
	return wbpf_all_imports[argc] == 0;
}
EOC
"$clang" --target=wasm32-wasi --sysroot="$sysroot" -O2 -Wall -Wextra -Werror -I"$sdk" \
	-Wl,--export-table "$work/all-imports.c" -o "$work/all-imports.wasm"
{
	wasm-objdump -x -j Type "$work/all-imports.wasm"
	wasm-objdump -x -j Import "$work/all-imports.wasm"
} >"$work/objdump.txt"

wasmtype()
{
	out=
	p=$1
	while [ -n "$p" ]; do
		case "$p" in
		i*) t=i32 ;;
		I*) t=i64 ;;
		esac
		out="${out:+$out, }$t"
		p=${p#?}
	done
	case "$2" in
	i) r=i32 ;;
	I) r=i64 ;;
	*) r=nil ;;
	esac
	echo "($out) -> $r"
}

rc=0
while read -r name params result; do
	line=$(grep -E "<- wasm_bpf\.$name\$" "$work/objdump.txt" || true)
	if [ -z "$line" ]; then
		echo "FAIL: $name is not imported from module wasm_bpf"
		rc=1
		continue
	fi
	sig=$(echo "$line" | sed -nE 's/.*sig=([0-9]+).*/\1/p')
	got=$(sed -nE "s/^ - type\[$sig\] (.*)$/\1/p" "$work/objdump.txt")
	want=$(wasmtype "${params#:}" "${result#:}")
	if [ "$got" != "$want" ]; then
		echo "FAIL: $name has type $got, the .def says $want"
		rc=1
	fi
done <"$work/def.txt"
[ $rc = 0 ] && echo "ok: the SDK imports all $n functions of the .def with their wasm types"
exit $rc
