#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# btf2wit's keyword list against the real WIT parser.
# usage: check-keywords.sh PRINT-KEYWORDS
set -u
here=$(cd "$(dirname "$0")" && pwd)
words=$("$1") || { echo "FAIL: $1 failed"; exit 1; }
# shellcheck disable=SC2086
exec "$here/run-node.sh" keywords $words
