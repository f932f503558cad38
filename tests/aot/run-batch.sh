#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Batch delivery against the real kernel: starts guests/batch.c in a mode,
# waits for "ready", makes COUNT events pinned to CPU 0, and checks the
# guest's verdict and that its program left the kernel.
# usage: run-batch.sh HOST WASM TRIGGER MODE COUNT
set -u
host=$1
wasm=$2
trigger=$3
mode=$4
count=$5
. "$(dirname "$0")/../host/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-batch.XXXXXX")
trap 'kill $pid 2>/dev/null; rm -rf "$t"' EXIT
PATH=$PATH:/usr/sbin:/sbin

magic=$(random_magic)
start_ready "$host" "$wasm" "$mode" "$count" "$magic"
taskset -c 0 "$trigger" getpgid "$magic" "$count"
wait $pid
rc=$?
expect_eq "$rc" 0 "the guest's checks all passed (exit status)"
expect_guest_ok "$t/out" "$mode"
expect_eq "$(cat "$t/err")" "" "nothing on stderr"
expect_eq "$(bpftool prog show | grep -c 'name batch_getpgid')" 0 "its program left the kernel"
finish
