#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# bootstrap on the real kernel: the EXEC and EXIT rows of a uniquely named
# program this test starts carry its real PID, its parent's PID (this
# shell), its file name and its exit code; with -d, short-lived processes
# are left out and long-lived ones show their duration.
# usage: bootstrap.sh WASM-BPF BOOTSTRAP.WASM
. "$(dirname "$0")/lib.sh"
e2e_init bootstrap "$1"
wasm=$2

# a program with a name no one else runs: a copy of sh
prog=$TMP/wbpfbs_$$
cp /bin/sh "$prog"
comm=$(basename "$prog" | cut -c1-15)

# ---- every exec and exit -----------------------------------------------
start_guest "$TMP/all.out" "$wasm"
wait_for '^TIME +EVENT +COMM +PID +PPID +FILENAME/EXIT CODE'
record_progs

"$prog" -c 'exit 7' &
child=$!
wait "$child"
wait_for "^[0-9:]+ +EXIT +$comm +$child +$$ +\[7\]"
ok "EXIT row: comm $comm, pid $child, ppid $$, exit code 7"
awk -v c="$comm" -v p="$child" -v pp="$$" -v f="$prog" \
	'$2 == "EXEC" && $3 == c && $4 == p && $5 == pp && $6 == f { found = 1 } END { exit !found }' \
	"$GUEST_OUT" || fail "no EXEC row '$comm $child $$ $prog'"
ok "EXEC row: comm $comm, pid $child, ppid $$, filename $prog"

stop_guest INT
[ "$GUEST_RC" = 0 ] || fail "exit status after Ctrl-C is $GUEST_RC, expected 0"
ok "Ctrl-C ends it with status 0"
no_leftovers

# ---- -d 300: only exits, only of processes that lived 300 ms or more --------
start_guest "$TMP/dur.out" "$wasm" -d 300
wait_for '^TIME +EVENT'
record_progs

"$prog" -c 'exit 5' &
short=$!
wait "$short"
"$prog" -c 'sleep 0.6; exit 3' &
long=$!
wait "$long"
wait_for "^[0-9:]+ +EXIT +$comm +$long +$$ +\[3\] \([0-9]+ms\)"
ms=$(awk -v p="$long" '$2 == "EXIT" && $4 == p { gsub(/[()ms]/, "", $7); print $7 }' "$GUEST_OUT")
[ "$ms" -ge 300 ] 2>/dev/null || fail "the long process lasted ${ms}ms, expected >= 300"
ok "-d 300: EXIT of the 0.6 s process with its duration (${ms}ms) and code 3"
if awk -v p="$short" '$4 == p { found = 1 } END { exit !found }' "$GUEST_OUT"; then
	fail "-d 300: the short-lived process $short was reported"
fi
ok "-d 300: the short-lived process $short is left out"
if grep -Eq '^[0-9:]+ +EXEC ' "$GUEST_OUT"; then
	fail "-d 300: EXEC rows were printed"
fi
ok "-d 300: no EXEC rows"

stop_guest INT
[ "$GUEST_RC" = 0 ] || fail "exit status after Ctrl-C is $GUEST_RC, expected 0"
no_leftovers

# ---- bad input: one clear line, nothing loaded ------------------------------
start_guest "$TMP/bad.out" "$wasm" -d nope
wait_exit 10
[ "$GUEST_RC" != 0 ] || fail "-d nope exits with status 0"
grep -q "Invalid duration: nope" "$GUEST_OUT" || fail "-d nope: no 'Invalid duration' message"
ok "-d nope: refused ('Invalid duration: nope', status $GUEST_RC)"
e2e_done
