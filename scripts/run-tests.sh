#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Runs every test of a build tree under ctest and says, in the last lines,
# when kernel tests were skipped on purpose.
# usage: run-tests.sh BUILD_DIR [ctest args...]
set -u
build=${1:-build}
shift 2>/dev/null || true
rc=0
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "$@" || rc=$?
if [ "${WBPF_SKIP_KERNEL_TESTS:-0}" != 0 ]; then
	echo
	echo "NOTE: kernel tests were SKIPPED (WBPF_SKIP_KERNEL_TESTS=${WBPF_SKIP_KERNEL_TESTS});"
	echo "      nothing was run against the real kernel."
fi
exit $rc
