#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# btf2wit on the whole kernel's BTF: every named type of the running kernel
# becomes WIT the real parser accepts, every item lays out as in BTF, and
# every warning is also a "not faithful" comment.
# usage: vmlinux.sh BTF2WIT WORKDIR [BTF]
set -u
btf2wit=$1 work=$2 btf=${3:-/sys/kernel/btf/vmlinux}
here=$(cd "$(dirname "$0")" && pwd)
[ -r "$btf" ] || { echo "FAIL: $btf is not readable (a kernel with BTF is required)"; exit 1; }
mkdir -p "$work"
out=$work/vmlinux.wit
if ! "$btf2wit" "$btf" -o "$out" 2>"$out.stderr"; then
	echo "FAIL: btf2wit $btf:"
	cat "$out.stderr"
	exit 1
fi
warns=$(grep -c ': warning: ' "$out.stderr")
notes=$(grep -c '/// not faithful: ' "$out")
records=$(grep -c '^  record ' "$out")
echo "btf2wit: $records records, $warns warnings"
[ "$records" -gt 1000 ] || { echo "FAIL: only $records records from $btf"; exit 1; }
[ "$warns" = "$notes" ] || { echo "FAIL: $warns warnings but $notes 'not faithful' comments"; exit 1; }
# every named struct, union and enum the BTF holds (counted independently,
# with bpftool) has an item, or a comment when it has no bytes
command -v bpftool >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
bpftool btf dump file "$btf" | grep -E "^\[[0-9]+\] (STRUCT|UNION|ENUM|ENUM64) '[A-Za-z_]" >"$work/named"
want=$(grep -vc ' size=0 ' "$work/named")
want_empty=$(grep -c ' size=0 ' "$work/named")
items=$(grep -cE '^  /// C `(struct|union|enum) [A-Za-z0-9_]+`: ' "$out")
empty=$(grep -cE '^  // C `(struct|union) [A-Za-z0-9_]+` has no bytes' "$out")
[ "$items" = "$want" ] || { echo "FAIL: $items items for the $want named types with bytes in $btf"; exit 1; }
[ "$empty" = "$want_empty" ] || { echo "FAIL: $empty comments for the $want_empty empty types"; exit 1; }
echo "ok: an item for each of the $want named structs, unions and enums, $empty empty ones said"
"$here/run-node.sh" validate "$out" || exit 1
"$here/run-node.sh" layout "$out" "$btf" || exit 1
