#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Drives tests/host/guests/hostev_test.c (or original_test.c) against the
# real kernel: start it, wait for "ready", make COUNT events with the
# trigger, check what the guest saw and that it left nothing in the kernel.
# A guest that prints "more please" gets ten more events.
# usage: run-hostev.sh HOST WASM TRIGGER MODE COUNT [EXTRA_EVENTS]
set -u
host=$1
wasm=$2
trigger=$3
mode=$4
count=$5
extra=${6:-0}
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-hostev.XXXXXX")
trap 'kill $pid 2>/dev/null; rm -rf "$t"' EXIT
PATH=$PATH:/usr/sbin:/sbin

magic=$(random_magic)
start_ready "$host" "$wasm" "$mode" "$count" "$magic"
progs=$(bpftool prog show | grep -c 'name hostev_getpgid')
expect_eq "$progs" 1 "its program is in the kernel"
# pinned to one CPU: a perf buffer reports lost samples per CPU
taskset -c 0 "$trigger" getpgid "$magic" $((count + extra))
# a guest may ask for ten more events once it has dealt with these
wait_line "$t/out" '^more please' $pid 600
if grep -q '^more please' "$t/out"; then
	taskset -c 0 "$trigger" getpgid "$magic" 10 $((count + extra))
fi
wait $pid
rc=$?
pid=
expect_eq "$rc" 0 "exit status (the number of failed guest checks)"
expect_guest_ok "$t/out" "$mode: $count events"
expect_eq "$(cat "$t/err")" "" "nothing on stderr"
expect_eq "$(bpftool prog show | grep -c 'name hostev_getpgid')" 0 "no program left in the kernel"
finish
