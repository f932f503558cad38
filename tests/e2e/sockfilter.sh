#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# sockfilter on the real kernel: attached to lo (the default) through the
# host's packet socket, it reports each UDP datagram this test sends to
# 127.0.0.1 on a port of its own, once leaving and once arriving, with the
# addresses and ports; an interface that does not exist is one clear error.
# usage: sockfilter.sh WASM-BPF SOCKFILTER.WASM
. "$(dirname "$0")/lib.sh"
e2e_init sockfilter "$1"
wasm=$2
command -v bash >/dev/null || fail "bash is needed to send UDP datagrams (/dev/udp)"

port=$((20000 + $$ % 20000))
n=6
start_guest "$TMP/lo.out" "$wasm"
wait_for '^TIME +IFACE +DIR +PROTO +SOURCE +DESTINATION +LEN$'
record_progs
bash -c 'for i in $(seq "$1"); do echo "datagram $i" >/dev/udp/127.0.0.1/"$2"; done' sh "$n" "$port"

rows()
{
	awk -v d="$1" -v dst="127.0.0.1:$port" \
		'$2 == "lo" && $3 == d && $4 == "UDP" && $5 ~ /^127\.0\.0\.1:[0-9]+$/ && $7 == dst' "$GUEST_OUT" |
		wc -l
}
deadline=$(($(date +%s) + 10))
until [ "$(rows in)" -ge $n ] && [ "$(rows out)" -ge $n ]; do
	[ "$(date +%s)" -lt "$deadline" ] ||
		fail "expected $n 'in' and $n 'out' UDP rows to 127.0.0.1:$port, got $(rows in) and $(rows out)"
	sleep 0.1
done
sleep 0.3
[ "$(rows in)" = $n ] && [ "$(rows out)" = $n ] ||
	fail "expected exactly $n rows each way to 127.0.0.1:$port, got $(rows in) in, $(rows out) out"
ok "$n UDP datagrams to 127.0.0.1:$port reported, each once out and once in, with addresses and ports"
len=$(awk -v dst="127.0.0.1:$port" '$7 == dst { print $8; exit }' "$GUEST_OUT")
# "datagram N\n" is 11 bytes: 14 (Ethernet) + 20 (IP) + 8 (UDP) + 11
[ "$len" = 53 ] || fail "packet length $len, expected 53"
ok "packet length 53 (Ethernet + IPv4 + UDP + 11 bytes)"
stop_guest INT
[ "$GUEST_RC" = 0 ] || fail "exit status after Ctrl-C is $GUEST_RC, expected 0"
ok "Ctrl-C ends it with status 0"
no_leftovers

# an interface that does not exist
start_guest "$TMP/bad.out" "$wasm" -i nosuchif0
wait_exit 10
[ "$GUEST_RC" != 0 ] || fail "-i nosuchif0 exits with status 0"
grep -q "nosuchif0" "$GUEST_OUT" || fail "-i nosuchif0: the error does not name the interface"
ok "-i nosuchif0: refused, status $GUEST_RC: $(grep nosuchif0 "$GUEST_OUT" | tail -1)"
e2e_done
