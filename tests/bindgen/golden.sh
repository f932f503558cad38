#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# A golden test of generated bindings: the output of COMMAND must equal
# EXPECTED (WBPF_UPDATE_GOLDEN=1 rewrites EXPECTED instead), and it must
# compile, asserts included, with -Wall -Wextra -Werror:
#   - for wasm32-wasi, alone, and after the C library's headers, twice;
#   - natively (cc), the same header.
# usage: golden.sh WORKDIR EXPECTED COMMAND [ARGS...]
set -u
work=$1 expected=$2
shift 2
fail()
{
	echo "FAIL: $*"
	exit 1
}
rm -rf "$work"
mkdir -p "$work"
out=$work/$(basename "$expected" | sed 's/\.expected\./.actual./')
"$@" >"$out" || fail "$* exits with $?"
if [ "${WBPF_UPDATE_GOLDEN:-0}" != 0 ]; then
	cp "$out" "$expected"
	echo "updated $expected"
elif ! diff -u "$expected" "$out"; then
	fail "$(basename "$out") differs from $expected (WBPF_UPDATE_GOLDEN=1 to accept)"
fi
wasm="clang --target=wasm32-wasi --sysroot=${WBPF_WASI_SYSROOT:-/usr} -fsyntax-only -Wall -Wextra -Werror"
$wasm -x c "$out" || fail "$(basename "$out") does not compile for wasm32"
cat >"$work/with-libc.c" <<EOF2
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include "$(basename "$out")"
#include "$(basename "$out")"
EOF2
$wasm -I"$work" "$work/with-libc.c" || fail "$(basename "$out") does not compile for wasm32 after libc headers"
${CC:-cc} -fsyntax-only -Wall -Wextra -Werror -x c "$out" || fail "$(basename "$out") does not compile natively"
echo "ok: $(basename "$expected"): $(grep -c _Static_assert "$out") asserts hold on wasm32 and natively"
