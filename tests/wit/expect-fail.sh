#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# A check that must fail, and say why: runs COMMAND, passes only when it
# exits non-zero and its output contains every PATTERN (grep -F).
# usage: expect-fail.sh PATTERN... -- COMMAND [ARGS...]
set -u
n=0
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	n=$((n + 1))
	eval "pat_$n=\$1"
	shift
done
[ $# -gt 0 ] && shift
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ $rc = 0 ]; then
	echo "FAIL: expected '$*' to fail; it passed"
	exit 1
fi
i=1
while [ $i -le $n ]; do
	eval "pat=\$pat_$i"
	if ! printf '%s\n' "$out" | grep -qF -- "$pat"; then
		echo "FAIL: the failure does not mention '$pat'"
		exit 1
	fi
	i=$((i + 1))
done
echo "ok: failed as expected ($rc)"
