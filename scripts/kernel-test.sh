#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Runs one kernel test (label `kernel`): the real kernel, root and BPF are
# required. Mounts tracefs when it is not mounted. When they are missing the
# test FAILS with the reason; it is skipped (exit 77) only when the user asks
# with WBPF_SKIP_KERNEL_TESTS=1.
#
# usage: kernel-test.sh COMMAND [ARGS...]

fail()
{
	echo "kernel-test: FAIL: $*" >&2
	echo "kernel-test: (set WBPF_SKIP_KERNEL_TESTS=1 to skip kernel tests on purpose)" >&2
	exit 1
}

if [ "${WBPF_SKIP_KERNEL_TESTS:-0}" != 0 ]; then
	echo "kernel-test: SKIPPED because WBPF_SKIP_KERNEL_TESTS=${WBPF_SKIP_KERNEL_TESTS}"
	exit 77
fi

[ "$(id -u)" = 0 ] || fail "kernel tests need root (CAP_BPF, CAP_PERFMON, CAP_NET_ADMIN); uid is $(id -u)"
[ -r /sys/kernel/btf/vmlinux ] || fail "the kernel has no BTF (/sys/kernel/btf/vmlinux missing)"

if [ ! -d /sys/kernel/tracing/events ] && [ ! -d /sys/kernel/debug/tracing/events ]; then
	mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null ||
		fail "tracefs is not mounted and 'mount -t tracefs nodev /sys/kernel/tracing' failed"
fi

command -v bpftool >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
if ! out=$(bpftool prog show 2>&1); then
	fail "BPF cannot be used here: bpftool prog show: $out"
fi

exec "$@"
