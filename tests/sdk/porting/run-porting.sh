#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The ported bootstrap against the real kernel: the native build (libbpf)
# and the wasm32 build (wasm-bpf + the SDK) of the same bootstrap.c run side
# by side while a trigger binary named for this run is executed; both must
# print the same EXEC and EXIT lines for it (pid, ppid, file name, exit
# code), and both must end cleanly on SIGINT.
# usage: run-porting.sh HOST NATIVE_BOOTSTRAP BOOTSTRAP_WASM
set -u
host=$1
native=$2
wasm=$3
[ -x "$host" ] || { echo "FAIL: the wasm-bpf host ($host) is not built"; exit 1; }
tmp=$(mktemp -d /tmp/wbpf-port.XXXXXX)
trig=$(printf '%.15s' "wbpfport_$$")
cp /bin/true "$tmp/$trig"
npid=
wpid=
cleanup()
{
	[ -n "$npid" ] && kill -KILL "$npid" 2>/dev/null
	[ -n "$wpid" ] && kill -KILL "$wpid" 2>/dev/null
	rm -rf "$tmp"
}
fail()
{
	echo "FAIL: $*"
	echo "--- native:"
	cat "$tmp/native.out"
	echo "--- wasm:"
	cat "$tmp/wasm.out"
	cleanup
	exit 1
}
"$native" >"$tmp/native.out" 2>&1 &
npid=$!
"$host" "$wasm" >"$tmp/wasm.out" 2>&1 &
wpid=$!
i=0
until grep -q '^TIME' "$tmp/native.out" && grep -q '^TIME' "$tmp/wasm.out"; do
	i=$((i + 1))
	[ $i -gt 200 ] && fail "no header line from both within 20 s"
	sleep 0.1
done
for n in 1 2 3; do
	"$tmp/$trig"
done
sleep 0.5
kill -INT "$npid" "$wpid"
wait "$npid"
nrc=$?
wait "$wpid"
wrc=$?
npid=
wpid=
[ "$nrc" = 0 ] || fail "native bootstrap exited with $nrc"
[ "$wrc" = 0 ] || fail "wasm bootstrap exited with $wrc"
# the time column aside, the lines about the trigger are the same
grep " $trig " "$tmp/native.out" | cut -c10- >"$tmp/native.ev"
grep " $trig " "$tmp/wasm.out" | cut -c10- >"$tmp/wasm.ev"
[ "$(grep -c '^EXEC' "$tmp/native.ev")" = 3 ] || fail "native: not 3 EXEC lines for $trig"
[ "$(grep -c '^EXIT' "$tmp/native.ev")" = 3 ] || fail "native: not 3 EXIT lines for $trig"
cmp -s "$tmp/native.ev" "$tmp/wasm.ev" || {
	diff "$tmp/native.ev" "$tmp/wasm.ev"
	fail "the wasm build printed other events than the native one"
}
sed 's/^/ok: both printed: /' "$tmp/wasm.ev"
cleanup
echo "PASS"
