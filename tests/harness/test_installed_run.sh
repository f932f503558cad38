#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The outside project built by test_install.sh, run by the installed
# wasm-bpf on the real kernel: rodata set before load selects what the BPF
# side counts, the .bss counter is read live, nothing stays loaded.
set -u
work=$1
prefix=$work/prefix
b=$work/proj/build
t=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$t"' EXIT
PATH=$PATH:/usr/sbin
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }

[ -x "$prefix/bin/wasm-bpf" ] && [ -f "$b/minimal_guest.wasm" ] ||
	{ echo "FAIL: run cmake_helpers_installed first (no $b/minimal_guest.wasm)"; exit 1; }
magic=$((0x5eed0000 + $$))
mkfifo "$t/in"
"$prefix/bin/wasm-bpf" "$b/minimal_guest.wasm" $magic <"$t/in" >"$t/out" 2>"$t/err" &
pid=$!
exec 3>"$t/in"
i=0
while ! grep -q attached "$t/out" && [ $i -lt 100 ] && kill -0 $pid 2>/dev/null; do
	sleep 0.05
	i=$((i + 1))
done
grep -q attached "$t/out" && ok "the installed host runs the guest and it attaches" ||
	bad "not attached: $(cat "$t/err")"
n=$(bpftool prog show | grep -c 'name count_getpgid')
[ "$n" -ge 1 ] && ok "count_getpgid is in the kernel while the guest runs" || bad "program not loaded"
"$b/poke" $magic 137
"$b/poke" $((magic + 1)) 50
echo go >&3
exec 3>&-
wait $pid
rc=$?
pid=
[ $rc = 0 ] && ok "exit status 0" || bad "exit status $rc: $(cat "$t/err")"
grep -qx "hits=137" "$t/out" && ok "the guest read hits=137 live from .bss (magic from .rodata)" ||
	bad "expected hits=137, got: $(cat "$t/out")"
# the kernel frees a detached program after an RCU grace period
i=0
while bpftool prog show | grep -q 'name count_getpgid' && [ $i -lt 20 ]; do
	sleep 0.05
	i=$((i + 1))
done
bpftool prog show | grep -q 'name count_getpgid' && bad "count_getpgid left in the kernel" ||
	ok "nothing left in the kernel"
exit $fails
