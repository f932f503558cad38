#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Bad input to wbpf-skel: each gets one line on stderr naming the file and
# the problem, exit status 1, nothing on stdout, and an existing -o file is
# left as it was.
# usage: bad-input.sh SKEL WORK NOT_ELF NATIVE_OBJ NO_BTF_OBJ NO_PROG_OBJ GOOD_OBJ
set -u
skel=$1
work=$2
not_elf=$3
native=$4
nobtf=$5
noprog=$6
good=$7
mkdir -p "$work"
rc=0
head -c 600 "$good" >"$work/truncated.bpf.o"

check()
{
	file=$1
	want=$2
	echo "sentinel" >"$work/out.h"
	"$skel" gen "$file" >"$work/stdout" 2>"$work/stderr"
	st=$?
	"$skel" gen "$file" -o "$work/out.h" >/dev/null 2>&1
	lines=$(wc -l <"$work/stderr")
	msg=$(cat "$work/stderr")
	if [ $st != 1 ]; then
		echo "FAIL: $file: exit status $st, expected 1"
		rc=1
	elif [ -s "$work/stdout" ]; then
		echo "FAIL: $file: printed $(wc -c <"$work/stdout") bytes on stdout"
		rc=1
	elif [ "$lines" != 1 ]; then
		echo "FAIL: $file: $lines lines on stderr: $msg"
		rc=1
	elif ! echo "$msg" | grep -qF "wbpf-skel: $file: $want"; then
		echo "FAIL: $file: '$msg' does not say 'wbpf-skel: $file: $want'"
		rc=1
	elif [ "$(cat "$work/out.h")" != sentinel ]; then
		echo "FAIL: $file: the -o file was changed"
		rc=1
	elif ls "$work"/out.h.* >/dev/null 2>&1; then
		echo "FAIL: $file: a temporary file was left behind"
		rc=1
	else
		echo "ok: $msg"
	fi
}

check "$work/does-not-exist.bpf.o" "No such file or directory"
check "$not_elf" "not an ELF file"
check "$native" "not a BPF object"
check "$nobtf" "no .BTF section"
check "$noprog" "no BPF programs"
check "$work/truncated.bpf.o" ""

# command-line mistakes: exit 2, a hint, nothing on stdout
for args in "gen" "gen a.o b.o" "frobnicate" "gen --bogus $good"; do
	# shellcheck disable=SC2086
	"$skel" $args >"$work/stdout" 2>"$work/stderr"
	st=$?
	if [ $st != 2 ] || [ -s "$work/stdout" ] || [ ! -s "$work/stderr" ]; then
		echo "FAIL: wbpf-skel $args: exit $st, stdout $(wc -c <"$work/stdout") bytes"
		rc=1
	else
		echo "ok: wbpf-skel $args: $(head -1 "$work/stderr")"
	fi
done
exit $rc
