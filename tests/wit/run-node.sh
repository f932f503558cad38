#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Runs wit-check.mjs with the WIT parser installed by scripts/install-deps.sh
# (npm ci in tests/wit); fails saying so when it is not installed.
# usage: run-node.sh wit-check-ARGS...
here=$(cd "$(dirname "$0")" && pwd)
node=$(command -v node) || {
	echo "FAIL: node is not installed; run scripts/install-deps.sh"
	exit 1
}
if [ ! -d "$here/node_modules/@bytecodealliance/jco-transpile" ]; then
	echo "FAIL: $here/node_modules has no @bytecodealliance/jco-transpile; run scripts/install-deps.sh"
	exit 1
fi
exec "$node" "$here/wit-check.mjs" "$@"
