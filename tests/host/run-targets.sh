#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Explicit attach targets against the real kernel (tests/host/guests/
# targets_test.c): XDP, tc, a socket filter and a cgroup program on real
# traffic, a uprobe and uretprobe on the trigger binary, a tracepoint and a
# raw tracepoint; a link detached by id; everything gone after exit.
# usage: run-targets.sh HOST WASM TRIGGER
set -u
host=$1
wasm=$2
trigger=$3
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-targets.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$t"' EXIT
PATH=$PATH:/usr/sbin:/sbin
iface=lo
cgroup=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[ -n "$cgroup" ] || { fail "no cgroup2 mount"; finish; }
calls=37
packets=25

progs()
{
	bpftool prog show | grep -cE 'name tgt_(xdp|tc|socket|cgroup|uprobe|uretprobe|tp|raw_tp) '
}

"$host" --dir "$t" "$wasm" "$t" "$trigger" "$cgroup" "$iface" >"$t/out" 2>"$t/err" &
pid=$!
wait_line "$t/out" attached $pid
expect_grep "$t/out" "attached" "the guest attached its programs"
expect_eq "$(progs)" 8 "eight programs in the kernel"
ip link show dev $iface >"$t/net" 2>&1
expect_grep "$t/net" "name tgt_xdp" "ip link shows the XDP program on $iface"
"$trigger" udp 9 $packets
"$trigger" func $calls
"$trigger" getpgid 1 3 0
touch "$t/go"
wait_line "$t/out" "xdp detached" $pid
ip link show dev $iface >"$t/net" 2>&1
expect_no_grep "$t/net" "tgt_xdp" "the XDP link detached by id is gone from $iface"
expect_eq "$(progs)" 8 "the other programs are still in the kernel"
touch "$t/done"
wait $pid
rc=$?
pid=
expect_eq "$rc" 0 "exit status (the number of failed guest checks)"
expect_guest_ok "$t/out" "attach calls"
hits()
{
	sed -n "s/^hits $1 \([0-9]*\)$/\1/p" "$t/out"
}
for s in xdp tc socket cgroup; do
	h=$(hits $s)
	[ -n "$h" ] && [ "$h" -ge $packets ] && ok "$s saw the $packets packets ($h hits)" ||
		fail "$s saw '$h' packets, expected at least $packets"
done
expect_eq "$(hits uprobe)" $calls "uprobe hits: one per call of wbpf_trigger_func"
expect_eq "$(hits uretprobe)" $calls "uretprobe hits"
h=$(hits tracepoint)
[ -n "$h" ] && [ "$h" -ge 3 ] && ok "the tracepoint saw the getpgid calls ($h)" || fail "tracepoint hits '$h'"
h=$(hits raw_tracepoint)
[ -n "$h" ] && [ "$h" -gt 0 ] && ok "the raw tracepoint fired ($h)" || fail "raw tracepoint hits '$h'"
expect_eq "$(progs)" 0 "no program left in the kernel"
ip link show dev $iface >"$t/net" 2>&1
expect_no_grep "$t/net" "tgt_" "nothing left on $iface"
finish
