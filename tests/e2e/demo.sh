#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The README's main job: scripts/demo.sh runs bootstrap on the real kernel,
# prints its table and the EXEC/EXIT rows of the 3 processes it started, and
# exits 0; with nothing built it says so in one line and exits 1.
# usage: demo.sh SCRIPTS/DEMO.SH BUILD_DIR
set -u
demo=$1
build=$2
out=$(mktemp /tmp/wbpf-e2e-demo.XXXXXX)
trap 'rm -f "$out"' EXIT
fail()
{
	echo "FAIL: demo: $*"
	sed 's/^/  /' "$out" | tail -40
	exit 1
}

timeout 60 "$demo" "$build" 2 >"$out" 2>&1 || fail "demo.sh exits with status $?"
grep -Eq '^TIME +EVENT +COMM +PID +PPID +FILENAME/EXIT CODE$' "$out" || fail "no table header"
pids=$(sed -n 's/^demo: ok: EXEC and EXIT of all 3 processes (\([0-9 ]*\)).*/\1/p' "$out")
[ -n "$pids" ] || fail "no 'demo: ok' summary"
for p in $pids; do
	[ "$(awk -v p="$p" '($2 == "EXEC" || $2 == "EXIT") && $4 == p' "$out" | sort -u | wc -l)" -ge 2 ] ||
		fail "no EXEC and EXIT rows for pid $p in the table"
done
awk '$2 == "EXIT" && $3 == "sh" && $6 == "[3]"' "$out" | grep -q . || fail "no EXIT row of sh with code 3"
echo "ok: demo.sh printed the table with EXEC and EXIT rows of its processes $pids"

timeout 20 "$demo" /nonexistent-build >"$out" 2>&1 && fail "demo.sh with no build exits 0"
[ "$(wc -l <"$out")" = 1 ] && grep -q '^demo: /nonexistent-build/.* is missing: build first' "$out" ||
	fail "demo.sh with no build: expected one line saying what is missing"
echo "ok: with nothing built: $(cat "$out")"
echo "PASS: demo"
