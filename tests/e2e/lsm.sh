#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# lsm on this kernel, which cannot load BPF LSM programs: the example runs,
# fails to load, and its output ends with one line saying the kernel lacks
# BPF LSM support, with a non-zero exit status; nothing is left loaded and
# rmdir still works. On a kernel with BPF LSM, the rmdir is denied instead.
# usage: lsm.sh WASM-BPF LSM.WASM
. "$(dirname "$0")/lib.sh"
e2e_init lsm "$1"
wasm=$2
name=wbpf_lsm_$$
mkdir -p "$TMP/a/$name"

lsm_loaded()
{
	bpftool prog show name deny_rmdir 2>/dev/null | grep -q lsm
}
lsm_loaded && fail "a deny_rmdir program is loaded before the test (another run?)"

start_guest "$TMP/lsm.out" "$wasm" "$name"
deadline=$(($(date +%s) + 15))
while kill -0 "$GUEST_PID" 2>/dev/null && ! grep -q '^Denying rmdir' "$GUEST_OUT"; do
	[ "$(date +%s)" -lt "$deadline" ] || fail "neither running nor failed within 15 s"
	sleep 0.1
done

if grep -q '^Denying rmdir' "$GUEST_OUT"; then
	# a kernel with BPF LSM: the directory cannot be removed
	record_progs
	rmdir "$TMP/a/$name" 2>/dev/null && fail "rmdir of $name succeeded while lsm runs"
	ok "rmdir of $name denied"
	stop_guest INT
	grep -q "^1 rmdir(s) denied$" "$GUEST_OUT" || fail "the .bss counter does not say 1"
	no_leftovers
	e2e_done
	exit 0
fi

wait_exit 10
[ "$GUEST_RC" != 0 ] || fail "exits with status 0 on a kernel without BPF LSM"
last=$(tail -n 1 "$GUEST_OUT")
case "$last" in
"lsm: this kernel lacks BPF LSM support: loading lsm/path_rmdir failed ("*")") ;;
*) fail "the last line is '$last', not the one saying the kernel lacks BPF LSM support" ;;
esac
ok "status $GUEST_RC, last line: $last"
[ "$(grep -c 'lacks BPF LSM support' "$GUEST_OUT")" = 1 ] || fail "the lsm line is printed more than once"
grep -q "ulimit" "$GUEST_OUT" && fail "libbpf's misleading 'ulimit -l' hint was printed"
ok "one such line, without libbpf's misleading hints"
lsm_loaded && fail "a deny_rmdir program is left loaded"
rmdir "$TMP/a/$name" || fail "rmdir of $name fails after lsm exited"
ok "nothing left loaded; rmdir works"

# -v shows libbpf's log, and still ends with the line
start_guest "$TMP/lsm-v.out" "$wasm" -v "$name"
wait_exit 15
[ "$GUEST_RC" != 0 ] || fail "-v: exits with status 0"
grep -q '^libbpf: ' "$GUEST_OUT" || fail "-v: no libbpf log"
tail -n 1 "$GUEST_OUT" | grep -q '^lsm: this kernel lacks BPF LSM support' ||
	fail "-v: the output does not end with the lsm line"
ok "-v: libbpf's log, then the same last line"
e2e_done
