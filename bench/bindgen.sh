#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# wbpf-bindgen on all of the running kernel's BTF (every struct, union, enum
# and typedef of /sys/kernel/btf/vmlinux, written to a file): the median of
# several runs, in seconds. Target: under 2 s. Not a test.
# usage: bench/bindgen.sh BUILD_DIR [RUNS] [BTF]
set -eu
build=${1:-build}
runs=${2:-7}
btf=${3:-/sys/kernel/btf/vmlinux}
tool=$build/bindgen/wbpf-bindgen
target=2
[ -x "$tool" ] || { echo "bench: $tool is not built" >&2; exit 1; }
[ -r "$btf" ] || { echo "bench: $btf is not readable" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s%N; }
i=0
while [ $i -lt "$runs" ]; do
	t0=$(now)
	"$tool" "$btf" -o "$tmp/vmlinux.wasm.h"
	t1=$(now)
	echo $(((t1 - t0) / 1000)) >>"$tmp/us"
	i=$((i + 1))
done
sort -n "$tmp/us" >"$tmp/sorted"
med=$(sed -n "$(((runs + 1) / 2))p" "$tmp/sorted")
min=$(head -n1 "$tmp/sorted")
max=$(tail -n1 "$tmp/sorted")
sec() { printf '%d.%03d' $(($1 / 1000000)) $((($1 % 1000000) / 1000)); }
types=$(grep -cE '^(struct|union|enum|typedef) ' "$tmp/vmlinux.wasm.h" || true)
bytes=$(wc -c <"$tmp/vmlinux.wasm.h")
verdict=ok
[ "$med" -lt $((target * 1000000)) ] || verdict=SLOW
printf '%-22s %5s %9s %9s %9s %8s  %s\n' bench runs median_s min_s max_s target result
printf '%-22s %5s %9s %9s %9s %8s  %s\n' bindgen-vmlinux "$runs" "$(sec "$med")" "$(sec "$min")" \
	"$(sec "$max")" "< ${target} s" "$verdict"
echo "($btf: $types definitions, $bytes bytes of bindings per run)"
