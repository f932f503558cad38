#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Every example and every template builds with a plain `make` in its tree
# (copied to a scratch directory, with the wbpf.mk it includes), finding the
# tools from the build tree; a missing tool is one clear line.
# usage: make-trees.sh SOURCE_DIR BUILD_DIR
set -u
src=$1
build=$2
TMP=$(mktemp -d /tmp/wbpf-make-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/../host/lib.sh"
is_wasm()
{
	[ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '\0asm' ]
}

mkdir -p "$TMP/examples" "$TMP/templates"
cp "$src/templates/wbpf.mk" "$TMP/templates/"
for d in "$src"/examples/*/; do
	n=$(basename "$d")
	[ -f "$d/Makefile" ] || continue
	mkdir "$TMP/examples/$n"
	cp "$d"/*.c "$d"/*.h "$d/Makefile" "$TMP/examples/$n/"
	if ! make -C "$TMP/examples/$n" WBPF_SRC="$src" WBPF_BUILD="$build" >"$TMP/$n.log" 2>&1; then
		tail -20 "$TMP/$n.log"
		fail "make in examples/$n"
		continue
	fi
	is_wasm "$TMP/examples/$n/$n.wasm" && ok "examples/$n: make built $n.wasm" ||
		fail "examples/$n: no wasm module $n.wasm"
done
[ -x "$TMP/examples/uprobe/uprobe_target" ] && ok "examples/uprobe: make built uprobe_target" ||
	fail "examples/uprobe: no uprobe_target"

for d in "$src"/templates/*/; do
	t=$(basename "$d")
	[ -f "$d/$t.bpf.c" ] || continue
	mkdir "$TMP/templates/$t"
	cp "$d/$t.bpf.c" "$d/$t.c" "$d/$t.h" "$d/Makefile" "$TMP/templates/$t/"
	if make -C "$TMP/templates/$t" WBPF_SRC="$src" WBPF_BUILD="$build" >"$TMP/t-$t.log" 2>&1 &&
		is_wasm "$TMP/templates/$t/$t.wasm"; then
		ok "templates/$t: make built $t.wasm in place"
	else
		tail -20 "$TMP/t-$t.log"
		fail "make in templates/$t"
	fi
done

# a missing tool: one line naming it, and nothing half-built left as output
make -C "$TMP/examples/bootstrap" clean >/dev/null 2>&1
if make -C "$TMP/examples/bootstrap" WBPF_SRC="$src" WBPF_SKEL=/nonexistent/wbpf-skel \
	>"$TMP/miss.log" 2>&1; then
	fail "make with a missing wbpf-skel succeeds"
elif grep -q "^bootstrap: wbpf-skel not found at /nonexistent/wbpf-skel" "$TMP/miss.log"; then
	ok "a missing wbpf-skel: $(grep 'not found' "$TMP/miss.log")"
else
	fail "a missing wbpf-skel: $(cat "$TMP/miss.log")"
fi
[ -e "$TMP/examples/bootstrap/bootstrap.wasm" ] && fail "bootstrap.wasm exists after the failed build"

finish
echo "PASS: make in every example and template tree"
