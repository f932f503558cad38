#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Privilege and kernel errors are each named in one line on stderr, with
# libbpf's own messages there only under -v.
# usage: run-errors.sh HOST WASM CASE
set -u
host=$1
wasm=$2
case=$3
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-errors.XXXXXX")
trap 'rm -rf "$t"' EXIT
PATH=$PATH:/usr/sbin:/sbin
out=$t/out
err=$t/err
pre="wasm-bpf: $wasm:"

case $case in
kprobe)
	"$host" "$wasm" kprobe >"$out" 2>"$err"
	expect_grep "$out" "load: ok" "a kprobe program loads"
	expect_grep "$out" "attach: -44" "its attach fails with -ENOENT"
	expect_eq "$(cat "$err")" "$pre program unsup_kprobe (kprobe/do_unlinkat): this kernel has no kprobes" \
		"one line naming the program and the reason"
	;;
fentry)
	"$host" "$wasm" fentry >"$out" 2>"$err"
	expect_grep "$out" "load: failed" "an fentry program does not load"
	expect_eq "$(cat "$err")" \
		"$pre program unsup_fentry (fentry/do_unlinkat): this kernel has no BPF trampolines (fentry/fexit)" \
		"one line naming the program and the reason"
	;;
lsm)
	"$host" "$wasm" lsm >"$out" 2>"$err"
	expect_grep "$out" "open: ok" "an LSM object opens"
	expect_grep "$out" "load: -63" "its load fails with -EPERM"
	expect_eq "$(cat "$err")" "$pre program handle_rmdir (lsm/path_rmdir): this kernel has no BPF LSM support" \
		"one line naming the program and the reason"
	"$host" -v "$wasm" lsm >"$out" 2>"$err"
	expect_grep "$err" "libbpf: prog 'handle_rmdir': BPF program load failed" "-v: libbpf's own message"
	expect_grep "$err" "$pre program handle_rmdir (lsm/path_rmdir): this kernel has no BPF LSM support" \
		"-v: and the host's line"
	;;
capture)
	"$host" -v "$wasm" capture >"$out" 2>"$err"
	expect_eq "$?" 0 "exit status (failed guest checks)"
	expect_guest_ok "$out" "libbpf's log captured for the guest"
	expect_no_grep "$err" "libbpf: prog 'handle_rmdir'" "captured messages are not printed, even with -v"
	;;
nonroot)
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all \
		"$host" "$wasm" tracepoint >"$out" 2>"$err"
	expect_eq "$?" 0 "the guest runs unprivileged (it handles the errors)"
	expect_grep "$out" "open: -EPERM" "opening an object gives the guest -EPERM"
	expect_eq "$(cat "$err")" \
		"$pre BPF needs root: this process has neither CAP_SYS_ADMIN nor CAP_BPF+CAP_PERFMON (run wasm-bpf as root)" \
		"one line saying what is missing, once"
	;;
tracefs)
	# tracefs taken away in a private mount namespace: the host mounts it
	unshare -m sh -c "umount /sys/kernel/debug/tracing 2>/dev/null; umount /sys/kernel/tracing;
		test -d /sys/kernel/tracing/events && echo still-mounted;
		'$host' '$wasm' tracepoint; test -d /sys/kernel/tracing/events && echo remounted" \
		>"$out" 2>"$err"
	expect_no_grep "$out" "still-mounted" "tracefs was unmounted in the namespace"
	expect_grep "$out" "attach: 1" "a tracepoint attaches anyway"
	expect_grep "$out" "remounted" "because the host mounted tracefs"
	expect_eq "$(cat "$err")" "" "nothing to say on stderr"
	# ... and where it cannot be mounted (no /sys/kernel/tracing), it says how
	unshare -m sh -c "mkdir -p '$t/btf' && mount --bind /sys/kernel/btf '$t/btf' &&
		umount /sys/kernel/tracing; mount -t tmpfs none /sys/kernel &&
		mkdir /sys/kernel/btf && mount --bind '$t/btf' /sys/kernel/btf &&
		'$host' '$wasm' tracepoint" >"$out" 2>"$err"
	expect_grep "$out" "attach: 0" "the attach fails"
	expect_grep "$err" "$pre tracefs is not mounted and mounting it failed (No such file or directory); run: mount -t tracefs nodev /sys/kernel/tracing" \
		"the host says how to mount tracefs"
	;;
esac
finish
