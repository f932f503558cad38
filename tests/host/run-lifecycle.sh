#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Every way a guest ends, against the real kernel (tests/host/guests/
# lifecycle.c): its program is in the kernel while it runs and gone after;
# after Ctrl-C the guest's own loop ends and what it printed is all there.
# usage: run-lifecycle.sh HOST WASM CASE
set -u
host=$1
wasm=$2
case=$3
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-life.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$t"' EXIT
PATH=$PATH:/usr/sbin:/sbin
out=$t/out
err=$t/err

progs()
{
	bpftool prog show | grep -c 'name hostev_getpgid'
}

# start MODE [pipe]: the host in the background, stdout to a file or a pipe
start()
{
	if [ "${2:-}" = pipe ]; then
		mkfifo "$t/fifo"
		cat "$t/fifo" >"$out" &
		"$host" --dir "$t" "$wasm" "$1" "$t" >"$t/fifo" 2>"$err" &
	else
		"$host" --dir "$t" "$wasm" "$1" "$t" >"$out" 2>"$err" &
	fi
	pid=$!
	wait_for attached
	expect_eq "$(progs)" 1 "$case: the program is in the kernel while the guest runs"
}

wait_for()
{
	wait_line "$out" "$1"
	expect_grep "$out" "$1" "$case: the guest printed '$1'"
}

# finish_host STATUS: wait for the host, check its status and the kernel
finish_host()
{
	wait $pid
	rc=$?
	pid=
	wait
	expect_eq "$rc" "$1" "$case: exit status"
	expect_eq "$(progs)" 0 "$case: no program left in the kernel"
}

# the poll lines the guest printed are 0..N with none missing
check_lines_intact()
{
	n=$(grep -c '^poll [0-9]*: [0-9]* records$' "$out")
	last=$(sed -n 's/^poll \([0-9]*\): -EINTR.*/\1/p' "$out")
	expect_eq "$last" "$n" "$case: every poll line before the signal is in stdout ($n lines)"
	expect_grep "$out" "clean exit" "$case: the guest reached its own cleanup"
	expect_grep "$out" "ok: close after the loop = 0" "$case: the guest closed its object"
}

ms()
{
	echo $(($(date +%s%N) / 1000000))
}

case $case in
close)
	start close
	touch "$t/go"
	wait_for closed
	kill -0 $pid 2>/dev/null && ok "close: the host is still running" || fail "close: the host exited"
	expect_eq "$(progs)" 0 "close: wasm_close_bpf_object detached it (host still running)"
	touch "$t/done"
	finish_host 0
	;;
sigint-file | sigint-pipe | sigterm)
	start loop ${case#sigint-}
	wait_for "poll 5:"
	sig=INT
	[ $case = sigterm ] && sig=TERM
	kill -$sig $pid
	finish_host 0
	check_lines_intact
	expect_eq "$(cat "$err")" "" "$case: nothing on stderr"
	;;
sigint-sleep)
	start sleep-loop
	wait_for "poll 1:"
	sleep 0.3
	s=$(ms)
	kill -INT $pid
	finish_host 0
	took=$(($(ms) - s))
	[ $took -lt 900 ] && ok "sigint-sleep: the guest left its sleep(1) at once ($took ms)" ||
		fail "sigint-sleep: the guest took $took ms to stop"
	check_lines_intact
	;;
stubborn | spin)
	start $case
	s=$(ms)
	kill -INT $pid
	finish_host 130
	took=$(($(ms) - s))
	[ $took -ge 2500 ] && [ $took -lt 8000 ] && ok "$case: stopped by the host after $took ms" ||
		fail "$case: stopped after $took ms (grace is 3000 ms)"
	expect_grep "$err" "did not stop within 3000 ms of SIGINT: stopping it" "$case: the host says why"
	;;
stubborn-term)
	start stubborn
	kill -TERM $pid
	finish_host 143
	expect_grep "$err" "of SIGTERM: stopping it" "stubborn-term: the host says why"
	;;
second-sigint)
	start spin
	s=$(ms)
	kill -INT $pid
	sleep 0.3
	kill -INT $pid
	finish_host 130
	took=$(($(ms) - s))
	[ $took -lt 2000 ] && ok "second-sigint: a second Ctrl-C stops it at once ($took ms)" ||
		fail "second-sigint: took $took ms"
	expect_grep "$err" "second SIGINT: stopping the guest" "second-sigint: the host says why"
	;;
exit)
	start exit
	touch "$t/go"
	finish_host 5
	;;
return)
	start return
	touch "$t/go"
	finish_host 0
	;;
trap)
	start trap
	touch "$t/go"
	finish_host 134
	expect_grep "$err" "trap: unreachable executed" "trap: the reason"
	;;
esac
finish
