#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# runqlat on the real kernel: `runqlat 1 2` prints two non-empty log2
# histograms of run-queue latency, one a second, and exits by itself; the
# map is cleared between them; Ctrl-C in the middle of an interval prints
# the histogram so far and ends.
# usage: runqlat.sh WASM-BPF RUNQLAT.WASM
. "$(dirname "$0")/lib.sh"
e2e_init runqlat "$1"
wasm=$2

# rows "low -> high : count |stars|": the counts of histogram N (1-based)
counts()
{
	awk -v want="$1" '/usecs +: count +distribution/ { n++ }
		n == want && $2 == "->" && $4 == ":" { print $5 }' "$GUEST_OUT"
}

# some scheduling while it runs
busy()
{
	i=0
	while [ $i -lt 200 ]; do
		sleep 0.01
		i=$((i + 1))
	done
}

start_guest "$TMP/intervals.out" "$wasm" 1 2
wait_for '^Tracing run queue latency'
record_progs
busy &
busy_pid=$!
wait_exit 15
kill "$busy_pid" 2>/dev/null
[ "$GUEST_RC" = 0 ] || fail "runqlat 1 2 exits with status $GUEST_RC"
n=$(grep -Ec '^ +usecs +: count +distribution$' "$GUEST_OUT")
[ "$n" = 2 ] || fail "runqlat 1 2 printed $n histograms, expected 2"
ok "runqlat 1 2 printed 2 histograms and exited by itself"
for h in 1 2; do
	total=$(counts $h | awk '{ s += $1 } END { print s + 0 }')
	[ "$total" -gt 0 ] || fail "histogram $h is empty"
	ok "histogram $h counts $total wakeups"
done
grep -Eq '^ +[0-9]+ -> [0-9]+ +: [0-9]+ +\|\**[ ]*\|$' "$GUEST_OUT" ||
	fail "no row in bcc's 'low -> high : count |stars|' form"
ok "rows in bcc's log2 form"
no_leftovers

# -p PID, and the map cleared each interval: a process that is woken up
# only during the first interval (its children exit), then blocks. The
# second interval has nothing of it: if the map were not cleared, its first
# histogram would be printed again.
mkfifo "$TMP/go"
sh -c 'read x <"$1"; i=0; while [ $i -lt 30 ]; do sleep 0.005; i=$((i + 1)); done; exec sleep 60' \
	sh "$TMP/go" &
target=$!
E2E_CLEANUP="kill $target 2>/dev/null"
start_guest "$TMP/pid.out" "$wasm" -p "$target" 1 2
wait_for '^Tracing run queue latency'
record_progs
echo go >"$TMP/go"
wait_exit 15
[ "$GUEST_RC" = 0 ] || fail "runqlat -p $target 1 2 exits with status $GUEST_RC"
n=$(grep -Ec '^ +usecs +: count +distribution$' "$GUEST_OUT")
t1=$(counts 1 | awk '{ s += $1 } END { print s + 0 }')
[ "$n" = 1 ] || fail "runqlat -p $target 1 2 printed $n histograms, expected 1 (the map is not cleared?)"
[ "$t1" -ge 30 ] || fail "runqlat -p $target counted $t1 wakeups of it, expected >= 30"
[ "$t1" -lt 1000 ] || fail "runqlat -p $target counted $t1 wakeups: the PID filter lets others in"
ok "-p $target: $t1 wakeups in the first interval, none after: the map is cleared each interval"
kill "$target" 2>/dev/null
no_leftovers

# Ctrl-C within a long interval: print what was counted, exit 0 at once
start_guest "$TMP/ctrlc.out" "$wasm" -m 30
wait_for '^Tracing run queue latency'
record_progs
sleep 1.5
start=$(date +%s)
stop_guest INT
[ "$GUEST_RC" = 0 ] || fail "exit status after Ctrl-C is $GUEST_RC, expected 0"
[ $(($(date +%s) - start)) -le 3 ] || fail "Ctrl-C took more than 3 s to end a 30 s interval"
grep -Eq '^ +msecs +: count +distribution$' "$GUEST_OUT" ||
	fail "no millisecond histogram printed at Ctrl-C"
ok "Ctrl-C in a 30 s interval prints the millisecond histogram and ends (status 0)"
no_leftovers
e2e_done
