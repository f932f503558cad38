#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Installs what wbpf needs to build, test and run, from Debian's archive (and
# the npm registry for the WIT validator). Idempotent: when everything is
# present it only checks and returns.
set -eu

PACKAGES="
build-essential cmake make pkg-config git nettle-dev
clang-14 lld-14 llvm-14 clang-format-14 libclang-14-dev
libbpf-dev bpftool libelf-dev zlib1g-dev
wabt wasi-libc libclang-rt-14-dev-wasm32 binaryen
libcmocka-dev
iproute2 util-linux procps groff-base file strace
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "install-deps: missing packages:$missing" >&2
		echo "install-deps: run as root (or: sudo apt-get install$missing)" >&2
		exit 1
	fi
	echo "install-deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
fi

# clang-format: the project formats with clang-format 14.
if ! command -v clang-format >/dev/null 2>&1 && command -v clang-format-14 >/dev/null 2>&1; then
	ln -sf "$(command -v clang-format-14)" /usr/local/bin/clang-format
fi

# Node.js packages for the WIT validator (issue: btf2wit), from npm only.
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$top/tests/wit/package.json" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		if [ "$(id -u)" != 0 ]; then
			echo "install-deps: npm is missing; run as root" >&2
			exit 1
		fi
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends nodejs npm
	fi
	if [ ! -d "$top/tests/wit/node_modules" ] ||
		[ "$top/tests/wit/package-lock.json" -nt "$top/tests/wit/node_modules" ]; then
		echo "install-deps: npm ci in tests/wit"
		(cd "$top/tests/wit" && npm ci --no-audit --no-fund --loglevel=error)
		touch "$top/tests/wit/node_modules"
	fi
fi
