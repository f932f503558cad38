#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# uprobe on the real kernel: attached by function name to uprobed_add() of
# the example's native target, it reports exactly the calls the target
# makes, with their arguments (i, 10 * i) and results, and its .bss counters
# agree; -p PID keeps another run of the target out.
# usage: uprobe.sh WASM-BPF UPROBE.WASM UPROBE_TARGET
. "$(dirname "$0")/lib.sh"
e2e_init uprobe "$1"
wasm=$2
target=$(readlink -f "$3")
[ -x "$target" ] || fail "no target program at $3"

# the rows of one PID: "PID COMM ENTRY uprobed_add(a, b)" / "... RETURN uprobed_add = r"
check_calls()
{
	pid=$1 n=$2
	got=$(awk -v p="$pid" '$1 == p && $3 == "ENTRY"' "$GUEST_OUT" | wc -l)
	[ "$got" = "$n" ] || fail "pid $pid: $got calls reported, the target made $n"
	got=$(awk -v p="$pid" '$1 == p && $3 == "RETURN"' "$GUEST_OUT" | wc -l)
	[ "$got" = "$n" ] || fail "pid $pid: $got returns reported, the target made $n"
	i=1
	while [ $i -le "$n" ]; do
		grep -Eq "^$pid +uprobe_target +ENTRY +uprobed_add\($i, $((10 * i))\)$" "$GUEST_OUT" ||
			fail "pid $pid: no call uprobed_add($i, $((10 * i)))"
		grep -Eq "^$pid +uprobe_target +RETURN +uprobed_add = $((11 * i))$" "$GUEST_OUT" ||
			fail "pid $pid: no return value $((11 * i))"
		i=$((i + 1))
	done
	ok "pid $pid: exactly $n calls with arguments (i, 10i) and $n returns of 11i"
}

# ---- every process: 7 calls, -c 7 ends it ----------------------------------
start_guest "$TMP/all.out" "$wasm" -c 7 "$target"
wait_for '^PID +COMM +EVENT +CALL$'
record_progs
"$target" 7 >"$TMP/target.out" &
tpid=$!
wait "$tpid" || fail "the target failed"
wait_exit 10
[ "$GUEST_RC" = 0 ] || fail "exit status after -c 7 is $GUEST_RC, expected 0"
ok "-c 7: ends by itself after 7 returns"
check_calls "$tpid" 7
grep -q '^uprobed_add: 7 calls, 7 returns$' "$GUEST_OUT" || fail "the .bss counters do not say 7 calls, 7 returns"
ok ".bss counters: 7 calls, 7 returns"
no_leftovers

# ---- -p PID: the traced run makes 3 calls, another run 5 -------------------
mkfifo "$TMP/go"
sh -c 'read x <"$1"; exec "$2" 3' sh "$TMP/go" "$target" >/dev/null &
traced=$!
E2E_CLEANUP="kill $traced 2>/dev/null"
start_guest "$TMP/pid.out" "$wasm" -p "$traced" "$target"
wait_for '^PID +COMM +EVENT +CALL$'
record_progs
"$target" 5 >/dev/null &
other=$!
wait "$other"
echo go >"$TMP/go"
wait "$traced"
deadline=$(($(date +%s) + 10))
until [ "$(awk -v p="$traced" '$1 == p && $3 == "RETURN"' "$GUEST_OUT" | wc -l)" -ge 3 ]; do
	[ "$(date +%s)" -lt "$deadline" ] || fail "-p $traced: the 3 returns did not arrive"
	sleep 0.1
done
stop_guest INT
[ "$GUEST_RC" = 0 ] || fail "exit status after Ctrl-C is $GUEST_RC, expected 0"
check_calls "$traced" 3
awk -v p="$other" '$1 == p { found = 1 } END { exit found }' "$GUEST_OUT" ||
	fail "-p $traced: the calls of pid $other were reported"
grep -q '^uprobed_add: 3 calls, 3 returns$' "$GUEST_OUT" || fail "the .bss counters do not say 3 calls, 3 returns"
ok "-p $traced: the other run's 5 calls are left out; .bss counters 3 and 3"
no_leftovers
e2e_done
