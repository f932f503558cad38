#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Ctrl-C reaches the guest's own signal() handler (tests/host/guests/
# signals.c): through the SDK's wbpf_signal export, once, at a safe point,
# on both engines; without a handler, or in a module without the export
# (the original runtime's), the host behaves as it always did.
# usage: run-signals.sh HOST DIR CASE   (DIR holds signals.wasm and
# signals_noexport.wasm)
set -u
host=$1
dir=$2
case=$3
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-sig.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$t"' EXIT
PATH=$PATH:/usr/sbin:/sbin
out=$t/out
err=$t/err

ms()
{
	echo $(($(date +%s%N) / 1000000))
}

# start WASM ARGS...: the host in the background; returns once the guest
# has its handler in place ("ready")
start()
{
	wasm=$dir/$1
	shift
	"$host" --dir "$t" "$wasm" "$@" >"$out" 2>"$err" &
	pid=$!
	i=0
	while ! grep -q '^ready$' "$out" 2>/dev/null && [ $i -lt 400 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	expect_grep "$out" "ready" "$case: the guest is ready"
}

# stop SIG: send it, wait for the host; sets rc and took (ms)
stop()
{
	s=$(ms)
	kill -"$1" $pid
	wait $pid
	rc=$?
	pid=
	took=$(($(ms) - s))
}

handler_lines()
{
	grep -c '^handler:' "$out"
}

# the line matching $1 comes before the line matching $2
expect_order()
{
	a=$(grep -n -- "$1" "$out" | head -1 | cut -d: -f1)
	b=$(grep -n -- "$2" "$out" | head -1 | cut -d: -f1)
	if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; then
		ok "$3"
	else
		fail "$3: '$1' (line ${a:-none}) not before '$2' (line ${b:-none}):"
		sed 's/^/    | /' "$out"
	fi
}

# watchdog_stop WHAT: the host stopped the guest after the grace period
expect_watchdog()
{
	expect_eq "$rc" 130 "$case: exit status (128 + SIGINT)"
	[ $took -ge 2500 ] && [ $took -lt 8000 ] && ok "$case: stopped by the host after $took ms" ||
		fail "$case: stopped after $took ms (grace is 3000 ms)"
	expect_grep "$err" "did not stop within 3000 ms of SIGINT: stopping it" "$case: the host says why"
}

case $case in
sigint-sleep | sigterm-sleep)
	sig=INT num=2
	[ $case = sigterm-sleep ] && sig=TERM num=15
	start signals.wasm sleep "$t"
	sleep 0.3
	stop $sig
	expect_eq "$rc" 0 "$case: exit status"
	[ $took -lt 1500 ] && ok "$case: the guest left its sleep(30) at once ($took ms)" ||
		fail "$case: the guest took $took ms to end"
	expect_eq "$(handler_lines)" 1 "$case: handler runs"
	expect_grep "$out" "handler: signal $num (1)" "$case: the handler got signal $num"
	expect_order "^handler: signal" "^woke: exiting = 1" \
		"$case: the handler ran before the sleep returned"
	expect_grep "$out" "cleanup: the handler ran 1 time(s), last signal $num" \
		"$case: the loop ended and the guest's cleanup ran"
	expect_eq "$(cat "$t/cleanup.txt" 2>&1)" "handler ran 1 time(s)" \
		"$case: the cleanup wrote its file in the preopened directory"
	expect_eq "$(cat "$err")" "" "$case: nothing on stderr"
	;;
nohandler)
	start signals.wasm nohandler
	sleep 0.3
	stop INT
	expect_eq "$rc" 0 "nohandler: exit status"
	expect_eq "$(handler_lines)" 0 "nohandler: handler runs"
	expect_grep "$out" "sleep ended early" "nohandler: the sleep still ended early (as before)"
	expect_grep "$out" "cleanup: the handler ran 0 time(s)" "nohandler: the guest went on to its cleanup"
	expect_eq "$(cat "$err")" "" "nohandler: nothing on stderr (SIG_DFL did not abort the guest)"
	;;
compute)
	start signals.wasm compute
	sleep 0.3
	stop INT
	expect_eq "$rc" 0 "compute: exit status"
	expect_eq "$(handler_lines)" 1 "compute: handler runs"
	expect_grep "$out" \
		"compute: the handler ran at the host call after the computation (exiting before the call: 0)" \
		"compute: the handler ran at the guest's next host call"
	[ $took -lt 1500 ] && ok "compute: ended at once ($took ms)" || fail "compute: took $took ms"
	;;
stubborn)
	start signals.wasm stubborn
	stop INT
	expect_watchdog
	expect_eq "$(handler_lines)" 1 "stubborn: handler runs (once, though the guest keeps calling the host)"
	;;
handler-spin)
	start signals.wasm handler-spin
	stop INT
	expect_watchdog
	expect_grep "$out" "handler: signal 2, spinning" "handler-spin: the handler ran"
	;;
second)
	start signals.wasm handler-spin
	s0=$(ms)
	kill -INT $pid
	sleep 0.3
	stop INT
	took=$(($(ms) - s0))
	expect_eq "$rc" 130 "second: exit status"
	[ $took -lt 2000 ] && ok "second: a second Ctrl-C stops it at once ($took ms)" ||
		fail "second: took $took ms"
	expect_grep "$err" "second SIGINT: stopping the guest" "second: the host says why"
	;;
handler-exit)
	start signals.wasm handler-exit
	stop INT
	expect_eq "$rc" 7 "handler-exit: exit status is the handler's exit(7)"
	expect_grep "$out" "handler: signal 2, exit(7)" "handler-exit: the handler ran"
	expect_eq "$(cat "$err")" "" "handler-exit: nothing on stderr"
	;;
handler-trap)
	start signals.wasm handler-trap
	stop INT
	expect_eq "$rc" 134 "handler-trap: exit status of a trap"
	expect_grep "$out" "handler: signal 2, trapping" "handler-trap: the handler ran"
	expect_grep "$err" "trap: unreachable executed" "handler-trap: the host says why"
	;;
noexport)
	# the module: the guest's code, but the original runtime's way (no export)
	if wasm-objdump -x -j Export "$dir/signals.wasm" | grep -q '"wbpf_signal"'; then
		ok "noexport: signals.wasm exports wbpf_signal"
	else
		fail "noexport: signals.wasm does not export wbpf_signal"
	fi
	if wasm-objdump -x -j Export "$dir/signals_noexport.wasm" | grep -q '"wbpf_signal"'; then
		fail "noexport: signals_noexport.wasm exports wbpf_signal"
	else
		ok "noexport: signals_noexport.wasm has no wbpf_signal export"
	fi
	# libbpf-tools' sleep loop cannot tell, as before: sleeps end early
	# and the watchdog stops it
	start signals_noexport.wasm sleep
	stop INT
	expect_watchdog
	expect_eq "$(handler_lines)" 0 "noexport: handler runs"
	expect_grep "$out" "woke: exiting = 0" "noexport: the sleep ended early, the loop could not tell"
	;;
poll | noexport-poll)
	wasm=signals.wasm handled=1
	[ $case = noexport-poll ] && wasm=signals_noexport.wasm handled=0
	start $wasm poll
	# this host's programs, by id: other runs load the same program
	ids=$(cat /proc/$pid/fdinfo/* 2>/dev/null | sed -n 's/^prog_id:[[:space:]]*//p' | sort -u)
	[ -n "$ids" ] && ok "$case: the host holds program(s) $(echo $ids) while the guest polls" ||
		fail "$case: the host holds no BPF program"
	sleep 0.3
	stop INT
	expect_eq "$rc" 0 "$case: exit status"
	expect_eq "$(handler_lines)" $handled "$case: handler runs"
	expect_grep "$out" "poll: -EINTR, exiting = $handled" "$case: the blocked poll returned -EINTR"
	[ $handled = 1 ] && expect_order "^handler: signal 2 (1)" "^poll: -EINTR" \
		"$case: the handler ran before the poll returned"
	expect_grep "$out" "ok: close after the poll = 0" "$case: the guest closed its object"
	expect_grep "$out" "cleanup: the handler ran $handled time(s)" "$case: the guest's cleanup ran"
	# a detached tracing program is freed after an RCU grace period
	for id in $ids; do
		i=0
		while bpftool prog show id "$id" >/dev/null 2>&1 && [ $i -lt 20 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		bpftool prog show id "$id" >/dev/null 2>&1 &&
			fail "$case: program $id is still in the kernel" ||
			ok "$case: program $id is gone from the kernel"
	done
	;;
*)
	fail "unknown case $case"
	;;
esac
finish
