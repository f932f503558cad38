#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The kernel-test wrapper skips only on request, fails loudly without root,
# and mounts tracefs when it is missing.
set -u
wrapper=$1
fails=0
check()
{
	if [ "$1" = ok ]; then echo "ok: $2"; else echo "FAIL: $2"; fails=$((fails + 1)); fi
}

out=$(WBPF_SKIP_KERNEL_TESTS=1 "$wrapper" sh -c 'echo ran' 2>&1)
rc=$?
[ $rc = 77 ] && echo "$out" | grep -q "SKIPPED because WBPF_SKIP_KERNEL_TESTS=1" &&
	! echo "$out" | grep -q ran
check $([ $? = 0 ] && echo ok) "WBPF_SKIP_KERNEL_TESTS=1 skips with exit 77 and says why (rc=$rc)"

if [ "$(id -u)" = 0 ]; then
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$wrapper" sh -c 'echo ran' 2>&1)
	rc=$?
	[ $rc = 1 ] && echo "$out" | grep -q "FAIL: kernel tests need root" &&
		! echo "$out" | grep -q ran
	check $([ $? = 0 ] && echo ok) "without root the test fails and says why (rc=$rc: $out)"

	out=$("$wrapper" sh -c 'echo ran' 2>&1)
	check $([ "$out" = ran ] && echo ok) "as root with BPF the command runs ($out)"

	# In a private mount namespace, take tracefs away and let the wrapper
	# bring it back.
	out=$(unshare -m sh -c "umount /sys/kernel/debug/tracing 2>/dev/null; umount /sys/kernel/tracing 2>/dev/null;
		test -d /sys/kernel/tracing/events && echo still-mounted;
		'$wrapper' sh -c 'test -d /sys/kernel/tracing/events && echo mounted'" 2>&1)
	check $(echo "$out" | grep -qx mounted && echo ok) "tracefs is mounted when missing ($out)"
else
	out=$("$wrapper" sh -c 'echo ran' 2>&1)
	rc=$?
	[ $rc = 1 ] && echo "$out" | grep -q "need root"
	check $([ $? = 0 ] && echo ok) "without root the test fails and says why (rc=$rc)"
fi
exit $fails
