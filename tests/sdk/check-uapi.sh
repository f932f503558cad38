#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Every kernel constant the SDK restates (sdk/wbpf-uapi.h) has the number of
# the build machine's <linux/bpf.h> / <linux/if_link.h>. Constants newer
# than those headers (marked "Linux 6.x" in wbpf-uapi.h) are skipped.
# usage: check-uapi.sh SDK_DIR CC WORKDIR
set -eu
sdk=$1
cc=$2
work=$3
mkdir -p "$work"
c=$work/check-uapi.c
{
	echo '#include <linux/bpf.h>'
	echo '#include <linux/if_link.h>'
	grep -v 'Linux 6\.' "$sdk/wbpf-uapi.h" |
		sed -nE 's/^[[:space:]]+((BPF|XDP)_[A-Z0-9_]+) = (.*),.*$/\1 \3/p' |
		while read -r name val; do
			echo "_Static_assert($name == $val, \"$name: the SDK says $val\");"
		done
	sed -nE 's/^#define (XDP_FLAGS_[A-Z_]+)[[:space:]]+(.*)$/\1 \2/p' "$sdk/wbpf-uapi.h" |
		while read -r name val; do
			# the SDK's macro is not visible here: compare with its text
			echo "_Static_assert($name == $val, \"$name: the SDK says $val\");"
		done
} >"$c"
n=$(grep -c _Static_assert "$c")
[ "$n" -gt 150 ] || { echo "FAIL: only $n constants found in wbpf-uapi.h"; exit 1; }
if ! "$cc" -fsyntax-only -Wall -Werror "$c" 2>"$work/check-uapi.err"; then
	echo "FAIL: sdk/wbpf-uapi.h disagrees with <linux/bpf.h>:"
	grep -o '"[A-Z_0-9]*: the SDK says[^"]*"' "$work/check-uapi.err" || cat "$work/check-uapi.err"
	exit 1
fi
echo "ok: $n constants of sdk/wbpf-uapi.h match the kernel headers"
