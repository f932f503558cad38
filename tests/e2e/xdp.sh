#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# xdp on the real kernel: in network namespaces of its own, this test joins
# two namespaces with a veth pair, runs xdp (inside the first, attached to
# its end by name) and sends a known number of UDP datagrams from the
# second; the UDP count xdp prints must match (within a small tolerance) and
# after Ctrl-C no XDP program is left on the interface.
# usage: xdp.sh WASM-BPF XDP.WASM
. "$(dirname "$0")/lib.sh"
e2e_init xdp "$1"
wasm=$2
command -v ip >/dev/null || fail "ip (iproute2) is needed"
command -v bash >/dev/null || fail "bash is needed to send UDP datagrams (/dev/udp)"

ns1=wbpf-e2e-a-$$
ns2=wbpf-e2e-b-$$
dev1=wbxa$$
dev2=wbxb$$
net=10.$((200 + $$ % 50)).$(($$ / 50 % 250)).
n=40
E2E_CLEANUP="ip netns del $ns1 2>/dev/null; ip netns del $ns2 2>/dev/null"
ip netns add "$ns1" || fail "ip netns add $ns1"
ip netns add "$ns2" || fail "ip netns add $ns2"
ip link add "$dev1" netns "$ns1" type veth peer name "$dev2" netns "$ns2" ||
	fail "cannot create the veth pair $dev1/$dev2"
ip -n "$ns1" addr add "${net}1/24" dev "$dev1"
ip -n "$ns2" addr add "${net}2/24" dev "$dev2"
ip -n "$ns1" link set "$dev1" up
ip -n "$ns2" link set "$dev2" up
ok "veth $dev1 ($ns1, ${net}1) <-> $dev2 ($ns2, ${net}2)"

# ip netns exec execs wasm-bpf: the PID is the host's
start_guest_cmd "$TMP/xdp.out" ip netns exec "$ns1" "$HOST" "$wasm" -i "$dev1" 1
wait_for "^Counting packets on $dev1"
record_progs
ip -n "$ns1" link show "$dev1" | grep -q "prog/xdp" || fail "no XDP program on $dev1 while xdp runs"
ok "an XDP program is attached to $dev1"

ip netns exec "$ns2" bash -c \
	'for i in $(seq "$1"); do echo x >/dev/udp/"$2"/9; done' sh "$n" "${net}1" ||
	fail "sending $n datagrams from $ns2"
# the next interval's line has them all
sleep 2.2
stop_guest INT
[ "$GUEST_RC" = 0 ] || fail "exit status after Ctrl-C is $GUEST_RC, expected 0"
ok "Ctrl-C ends it with status 0"
udp=$(awk '$3 == "UDP" { p = $4 } END { print p + 0 }' "$GUEST_OUT")
[ "$udp" -ge $n ] && [ "$udp" -le $((n + 2)) ] ||
	fail "xdp counted $udp UDP packets on $dev1, $n were sent"
ok "xdp counted $udp UDP packets on $dev1 ($n sent)"
grep -Eq "^[0-9:]+ +$dev1 +UDP +$udp +[0-9.]+ +[0-9]+ +[0-9.]+$" "$GUEST_OUT" ||
	fail "no 'TIME IFACE PROTO PACKETS PKT/S BYTES BYTES/S' row for UDP"
ok "rows: time, interface, protocol, packets, rate, bytes, rate"
ip -n "$ns1" link show "$dev1" | grep -q "prog/xdp" && fail "an XDP program is still attached to $dev1"
ok "nothing attached to $dev1 after exit"
no_leftovers
e2e_done
