#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# guests/old_host.c: a compressed skeleton on a host too old to inflate it
# gets one clear message and ENOTSUP, from open and from __elf_bytes().
# usage: check-old-host.sh HOST WASM
set -u
out=$("$1" "$2" 2>&1)
rc=$?
fail=0
expect()
{
	if printf '%s\n' "$out" | grep -qxF -- "$1"; then
		echo "ok: $1"
	else
		echo "FAIL: expected the line '$1'"
		fail=1
	fi
}
[ $rc = 0 ] || { echo "FAIL: exit status $rc"; fail=1; }
msg="print[0]: libbpf-wasm: the BPF object is compressed and this host's wasm_bpf ABI is version 2, it needs 3: update wasm-bpf, or regenerate the skeleton with wbpf-skel gen --no-compress"
expect "$msg"
expect "open=NULL errno=ENOTSUP msgs=1"
expect "elf_bytes=NULL errno=ENOTSUP msgs=2"
[ "$(printf '%s\n' "$out" | grep -cxF -- "$msg")" = 2 ] || { echo "FAIL: the message is not printed once per call"; fail=1; }
[ $fail = 0 ] || printf -- '--- output:\n%s\n---\n' "$out"
exit $fail
