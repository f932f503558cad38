#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Fails when a C/C++ source of the project is not formatted with the
# committed .clang-format; --fix rewrites them instead. Generated expectations
# (*.expected.*) and third-party output are not the project's code.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
fmt=$(command -v clang-format-14 || command -v clang-format)
files=$(git ls-files '*.c' '*.h' '*.cc' '*.cpp' 2>/dev/null | grep -v '\.expected\.' || true)
[ -n "$files" ] || exit 0
if [ "${1:-}" = --fix ]; then
	# shellcheck disable=SC2086
	"$fmt" -i --style=file $files
	exit 0
fi
# shellcheck disable=SC2086
"$fmt" --dry-run --Werror --style=file $files
