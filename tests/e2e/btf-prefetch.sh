#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The kernel's BTF parsed on a second thread while the module loads
# (host-minimal/btf-prefetch.c), with the bootstrap example, which needs it
# for CO-RE: under strace, /sys/kernel/btf/vmlinux is opened once, by a
# thread other than the host's main one, and the example still reports the
# exec of a program this test starts. With the BTF unreadable (an empty
# file bound over it in a private mount namespace) the load fails as it
# did before the prefetch: libbpf's own messages, each once. A module that
# imports nothing that opens BPF objects does not read the BTF at all.
# usage: btf-prefetch.sh WASM-BPF BOOTSTRAP.WASM WASI_TEST.WASM
. "$(dirname "$0")/lib.sh"
e2e_init btf-prefetch "$1"
wasm=$2
plain=$3
command -v strace >/dev/null || fail "strace is missing (scripts/install-deps.sh installs it)"

prog=$TMP/wbpfbtf_$$
cp /bin/sh "$prog"
comm=$(basename "$prog" | cut -c1-15)

# ---- the prefetched BTF is the one the load uses ---------------------------
start_guest_cmd "$TMP/out" strace -f -qq -e trace=openat -o "$TMP/trace" "$HOST" "$wasm"
tracer=$GUEST_PID
wait_for '^TIME +EVENT'
host=$(pgrep -P "$tracer" | head -1)
[ -n "$host" ] || fail "no wasm-bpf process under strace"
GUEST_PID=$host
record_progs
"$prog" -c 'exit 3'
wait_for "^[0-9:]+ +EXEC +$comm "
ok "the example reports the exec of $comm"
# Ctrl-C to wasm-bpf itself; strace ends with its status
kill -INT "$host"
wait "$tracer"
rc=$?
GUEST_PID=
[ "$rc" = 0 ] || fail "exit status after Ctrl-C is $rc, expected 0"
no_leftovers

opens=$(grep -c '"/sys/kernel/btf/vmlinux"' "$TMP/trace")
[ "$opens" = 1 ] || fail "vmlinux BTF opened $opens times, expected once:
$(grep vmlinux "$TMP/trace")"
opener=$(awk '/"\/sys\/kernel\/btf\/vmlinux"/ { print $1 }' "$TMP/trace")
[ "$opener" != "$host" ] || fail "vmlinux BTF was read by the main thread ($host), not the prefetch"
ok "vmlinux BTF read once, by thread $opener of wasm-bpf $host"

# ---- an unreadable BTF: libbpf's error, as without the prefetch --------------
: >"$TMP/empty"
unshare -m sh -c 'mount --bind "$1" /sys/kernel/btf/vmlinux && exec "$2" -v "$3"' sh \
	"$TMP/empty" "$HOST" "$wasm" >"$TMP/nobtf.out" 2>"$TMP/nobtf.err"
rc=$?
GUEST_OUT=$TMP/nobtf.err
[ "$rc" != 0 ] || fail "the example ran with no kernel BTF (status 0)"
for msg in 'libbpf: failed to find valid kernel BTF' 'libbpf: Error loading vmlinux BTF'; do
	n=$(grep -c "^$msg" "$TMP/nobtf.err")
	[ "$n" = 1 ] || fail "'$msg' printed $n times, expected once"
done
grep -q 'Failed to load and verify BPF skeleton' "$TMP/nobtf.err" ||
	fail "the example did not report the failed load"
ok "no kernel BTF: status $rc, libbpf's two messages once each, the example's own line"

# ---- no BPF imports, no parse ------------------------------------------------
strace -f -qq -e trace=openat -o "$TMP/trace2" "$HOST" "$plain" args one two >"$TMP/plain.out" 2>&1 ||
	fail "the WASI test module failed: $(cat "$TMP/plain.out")"
opens=$(grep -c '"/sys/kernel/btf/vmlinux"' "$TMP/trace2")
[ "$opens" = 0 ] || fail "a module with no BPF imports read vmlinux BTF $opens times"
ok "a module with no BPF imports does not read vmlinux BTF"
e2e_done
