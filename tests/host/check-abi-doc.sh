#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# docs/abi.md documents every import of sdk/wasm-bpf-abi.def (a "### `name`"
# section whose "Type:" line is the table's core-wasm type) and names every
# function of host-minimal/wasi.def.
# usage: check-abi-doc.sh ABI_DEF WASI_DEF DOC
set -u
def=$1
wasidef=$2
doc=$3
. "$(dirname "$0")/lib.sh"

sig()
{
	# "Iii" "i" -> (i64, i32, i32) -> (i32)
	p=$(printf '%s' "$1" | awk '{ for (i = 1; i <= length($0); i++)
		printf "%s%s", (i > 1 ? ", " : ""), (substr($0, i, 1) == "I" ? "i64" : "i32") }')
	r=$(printf '%s' "$2" | sed 's/I/i64/; s/^i$/i32/')
	printf '(%s) -> (%s)' "$p" "$r"
}

n=0
# WBPF_IMPORT(name, "params", "result", ...
for line in $(grep -o '^WBPF_IMPORT([a-z_0-9]*, "[iI]*", "[iI]*"' "$def" | tr -d ' ' |
	sed 's/^WBPF_IMPORT(//; s/"//g'); do
	name=${line%%,*}
	rest=${line#*,}
	params=${rest%%,*}
	result=${rest#*,}
	want="Type: \`$(sig "$params" "$result")\`"
	n=$((n + 1))
	if ! grep -qx "### \`$name\`" "$doc"; then
		fail "$name: no '### \`$name\`' section in $(basename "$doc")"
		continue
	fi
	have=$(sed -n "/^### \`$name\`\$/,/^Type:/p" "$doc" | grep '^Type:' | head -1)
	case $have in
	"$want"*) ok "$name documented, $want" ;;
	*) fail "$name: the doc says '$have', the table '$want'" ;;
	esac
done
[ $n -gt 20 ] && ok "$n imports in the table" || fail "only $n imports read from $def"

m=0
for name in $(sed -n 's/^WBPF_WASI(\([a-z_]*\),.*/\1/p' "$wasidef"); do
	m=$((m + 1))
	grep -q "\`$name\`" "$doc" || fail "WASI $name not in $(basename "$doc")"
done
[ $m -gt 40 ] && ok "all $m WASI functions named" || fail "only $m WASI functions read"
finish
