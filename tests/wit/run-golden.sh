#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# One btf2wit golden case: generate, diff against the expectation, then
# check the output with the real WIT parser and against the object's BTF.
#   - the output equals EXPECTED (WBPF_UPDATE_GOLDEN=1 rewrites EXPECTED);
#   - every warning on stderr is also a "not faithful" comment, and back;
#   - wit-check.mjs validate: the parser accepts it;
#   - wit-check.mjs layout: canonical-ABI layout == BTF layout.
# usage: run-golden.sh BTF2WIT OBJECT EXPECTED OUT [BTF2WIT-ARGS...]
set -u
btf2wit=$1 obj=$2 expected=$3 out=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)

rm -f "$out"
if ! "$btf2wit" "$@" -o "$out" "$obj" 2>"$out.stderr"; then
	echo "FAIL: btf2wit $* $obj exited non-zero:"
	cat "$out.stderr"
	exit 1
fi
if [ "${WBPF_UPDATE_GOLDEN:-0}" = 1 ]; then
	cp "$out" "$expected"
	echo "updated $expected"
fi
if ! diff -u "$expected" "$out"; then
	echo "FAIL: $out differs from $expected (WBPF_UPDATE_GOLDEN=1 rewrites it after review)"
	exit 1
fi
warns=$(grep -c ': warning: ' "$out.stderr")
notes=$(grep -c '/// not faithful: ' "$out")
if [ "$warns" != "$notes" ]; then
	echo "FAIL: $warns warnings on stderr but $notes 'not faithful' comments in $out"
	cat "$out.stderr"
	exit 1
fi
if grep -v ': warning: ' "$out.stderr" | grep -q .; then
	echo "FAIL: btf2wit printed more than warnings:"
	cat "$out.stderr"
	exit 1
fi
"$here/run-node.sh" validate "$out" || exit 1
"$here/run-node.sh" layout "$out" "$obj" || exit 1
echo "ok: $(basename "$expected") ($warns warnings, each also a comment)"
