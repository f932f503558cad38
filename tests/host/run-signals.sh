#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Ctrl-C reaches the guest's own signal() handler (tests/host/guests/
# signals.c): through the signal function the SDK registers
# (wasm_bpf_set_signal_fn, a function-table entry), once, at a safe point,
# on both engines, with the program's constructors and atexit() handlers
# run once; without a handler, or in a module that registers nothing (the
# original runtime's), the host behaves as it always did.
# usage: run-signals.sh HOST DIR CASE   (DIR holds signals.wasm,
# signals_noreg.wasm, signals_oldhost.wasm and wat/)
set -u
host=$1
dir=$2
case=$3
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bpf-lib.sh"
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
	wait_line "$out" '^ready$' "" 400
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
noregister)
	# the modules: the SDK's registers its function through the table and
	# exports nothing but _start (an export would run the constructors
	# again); the guest's code the original runtime's way registers nothing
	imports() { wasm-objdump -x -j Import "$dir/$1" | grep -c 'wasm_bpf_set_signal_fn'; }
	exports() { wasm-objdump -x -j Export "$dir/$1" | grep -c '^ - func'; }
	expect_eq "$(imports signals.wasm)" 1 "noregister: signals.wasm imports wasm_bpf_set_signal_fn"
	expect_eq "$(exports signals.wasm)" 1 "noregister: functions signals.wasm exports (_start)"
	expect_eq "$(imports signals_noreg.wasm)" 0 \
		"noregister: signals_noreg.wasm imports wasm_bpf_set_signal_fn"
	# libbpf-tools' sleep loop cannot tell, as before: sleeps end early
	# and the watchdog stops it
	start signals_noreg.wasm sleep
	stop INT
	expect_watchdog
	expect_eq "$(handler_lines)" 0 "noregister: handler runs"
	expect_grep "$out" "woke: exiting = 0" "noregister: the sleep ended early, the loop could not tell"
	;;
ctors)
	# the program's constructor and atexit() handler each run once, at
	# their own time: no second run of the constructors at the signal
	start signals.wasm ctors
	sleep 0.3
	stop INT
	expect_eq "$rc" 0 "ctors: exit status"
	expect_eq "$(handler_lines)" 2 "ctors: handler lines (its signal, its constructor count)"
	expect_grep "$out" "handler: signal 2 (1)" "ctors: the handler ran once, with SIGINT"
	expect_eq "$(grep -c '^constructor:' "$out")" 1 "ctors: constructor runs"
	expect_grep "$out" "handler: constructor ran 1 time(s)" "ctors: at the signal the constructor had run once"
	expect_grep "$out" "main: constructor ran 1 time(s), returning" "ctors: main returned after the handler"
	expect_eq "$(grep -c '^atexit:' "$out")" 1 "ctors: atexit lines"
	expect_grep "$out" "atexit: handler ran 1 time(s), constructor ran 1 time(s)" \
		"ctors: the atexit handler saw one handler run and one constructor run"
	expect_order "^main: " "^atexit: " "ctors: the atexit handler ran at the real exit, after main"
	expect_eq "$(cat "$err")" "" "ctors: nothing on stderr"
	;;
register)
	# wasm_bpf_set_signal_fn: the guest's checks, then its own function
	start signals.wasm register
	sleep 0.3
	stop INT
	expect_eq "$rc" 0 "register: exit status (the guest's failed checks)"
	expect_guest_ok "$out" "register"
	expect_eq "$(grep -c '^signal fn:' "$out")" 1 "register: calls of the guest's function"
	expect_grep "$out" "signal fn: ctx 1234, arg 0, sig 2 (1)" "register: called as fn(ctx, 0, SIGINT)"
	expect_eq "$(handler_lines)" 0 "register: handler runs (the SDK's function was replaced)"
	expect_grep "$out" "register: own function called 1 time(s), handler 0 time(s)" \
		"register: the sleep returned after the function ran"
	expect_no_grep "$out" "one_arg(" "register: the (i32) -> () entry was never called"
	expect_no_grep "$out" "no_result(" "register: the (i32, i32, i32) -> () entry was never called"
	expect_eq "$(cat "$err")" "" "register: nothing on stderr"
	;;
unregister)
	start signals.wasm unregister
	sleep 0.3
	stop INT
	expect_eq "$rc" 0 "unregister: exit status"
	expect_guest_ok "$out" "unregister"
	expect_eq "$(handler_lines)" 0 "unregister: handler runs"
	expect_grep "$out" "woke: exiting = 0" "unregister: the sleep still ended early"
	expect_grep "$out" "cleanup: the handler ran 0 time(s)" "unregister: the guest went on to its cleanup"
	;;
oldhost)
	# the SDK on a host of ABI version 3: it registers nothing and says
	# nothing; the host's own handling ends the sleep, the watchdog the loop
	start signals_oldhost.wasm sleep
	stop INT
	expect_watchdog
	expect_eq "$(handler_lines)" 0 "oldhost: handler runs"
	expect_grep "$out" "woke: exiting = 0" "oldhost: the sleep ended early"
	expect_eq "$(wc -l <"$err" | tr -d ' ')" 1 "oldhost: lines on stderr (the watchdog's only)"
	;;
retyped)
	# a signal function whose table entry changed type after it was
	# registered: not called, one line, then the watchdog as without one
	start wat/signal_fn_retyped.wasm
	stop INT
	expect_watchdog
	expect_grep "$err" \
		"wasm-bpf: $dir/wat/signal_fn_retyped.wasm: the guest's signal function (table entry 1) is not a function (i32, i32, i32) -> i32 any more: its handler did not run" \
		"retyped: the host says why it did not call it"
	expect_no_grep "$err" "unreachable" "retyped: the entry was not called"
	;;
poll | noregister-poll)
	wasm=signals.wasm handled=1
	[ $case = noregister-poll ] && wasm=signals_noreg.wasm handled=0
	start $wasm poll
	# this host's programs, by id: other runs load the same program
	ids=$(held_progs $pid)
	[ -n "$ids" ] && ok "$case: the host holds program(s) $ids while the guest polls" ||
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
	# two seconds for the kernel to free each
	for id in $ids; do
		prog_gone "$id" 40 && ok "$case: program $id is gone from the kernel" ||
			fail "$case: program $id is still in the kernel"
	done
	;;
*)
	fail "unknown case $case"
	;;
esac
finish
