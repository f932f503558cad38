#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tests/host/guests/hostile_bpf.c against the real kernel, events made in the
# background until it exits. MODE checks: every bad call gets its error;
# trap: a callback that traps stops the guest (134, the trap's reason);
# exit: a callback calling exit(42) ends it with 42. Whatever the way out,
# nothing is left in the kernel; under ASan no report.
# usage: run-hostile-bpf.sh HOST WASM TRIGGER MODE
set -u
host=$1
wasm=$2
trigger=$3
mode=$4
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-hostile-bpf.XXXXXX")
trap 'kill $pid $tpid 2>/dev/null; rm -rf "$t"' EXIT
PATH=$PATH:/usr/sbin:/sbin
magic=$(random_magic)

start_ready "$host" "$wasm" "$mode" "$magic"
(
	i=0
	while [ $i -lt 400 ]; do
		"$trigger" getpgid "$magic" 5 $((i * 5))
		sleep 0.05
		i=$((i + 1))
	done
) &
tpid=$!
wait $pid
rc=$?
pid=
kill $tpid 2>/dev/null
wait $tpid 2>/dev/null
case $mode in
checks)
	expect_eq "$rc" 0 "exit status (the number of failed guest checks)"
	expect_guest_ok "$t/out" "every bad call returned its error"
	expect_grep "$t/out" "hostile_bpf: 0 failures" "the guest ran to its end"
	expect_grep "$t/err" "wasm-bpf: $wasm: the compressed BPF object is corrupt: " \
		"a corrupt compressed object, one line"
	expect_grep "$t/err" "wasm-bpf: $wasm: the compressed BPF object is corrupt: the compressed stream is truncated" \
		"a truncated compressed object, one line"
	expect_grep "$t/err" "wasm-bpf: $wasm: the compressed BPF object is corrupt: data after the end of the compressed stream" \
		"trailing bytes, one line"
	expect_eq "$(grep -cF "wasm-bpf: $wasm: the compressed BPF object inflates to more than 64 MiB (the host's limit)" "$t/err")" 2 \
		"the zip bomb, refused twice, one line each"
	;;
trap)
	expect_eq "$rc" 134 "exit status of a trap"
	expect_grep "$t/out" "in the callback, about to trap" "the callback ran"
	expect_grep "$t/err" "wasm-bpf: $wasm: trap: unreachable executed" "the trap's reason, one line"
	expect_no_grep "$t/out" "never ran" "the guest stopped in the callback"
	;;
exit)
	expect_eq "$rc" 42 "exit status from exit(42) inside the callback"
	expect_grep "$t/out" "in the callback, about to exit(42)" "the callback ran"
	expect_eq "$(cat "$t/err")" "" "nothing on stderr"
	;;
esac
expect_no_grep "$t/err" "Sanitizer" "no sanitizer report"
expect_eq "$(bpftool prog show | grep -c 'name hostev_getpgid')" 0 "no program left in the kernel"
finish
