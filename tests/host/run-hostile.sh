#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# A hostile guest gets an error code for every bad call and the host stays
# up (under ASan/UBSan too: any report fails the run with status 98/99).
# usage: run-hostile.sh HOST WASM
set -u
host=$1
wasm=$2
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-hostile.XXXXXX")
trap 'rm -rf "$t"' EXIT
"$host" --dir "$t" "$wasm" >"$t/out" 2>"$t/err"
rc=$?
expect_eq "$rc" 0 "exit status (the number of failed guest checks)"
expect_guest_ok "$t/out" "every bad call returned its error"
expect_grep "$t/out" "hostile_nobpf: 0 failures" "the guest ran to its end"
expect_no_grep "$t/err" "Sanitizer" "no sanitizer report"
finish
