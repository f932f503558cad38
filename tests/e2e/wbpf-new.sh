#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# `wbpf new` without the kernel: --list shows every template with its
# description; names that are not C identifiers, existing directories,
# unknown templates and usage errors are refused with one line and leave
# nothing behind; a new tree has the template's files under the new name and
# no trace of the template's name; the installed layout
# (bin/wbpf, share/wbpf/templates) works too.
# usage: wbpf-new.sh WBPF TEMPLATES_DIR INSTALLED_WBPF
set -u
wbpf=$1
tdir=$2
installed=$3
TMP=$(mktemp -d /tmp/wbpf-new-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/../host/lib.sh"
mkdir "$TMP/work" && cd "$TMP/work" || exit 1

# ---- --list ------------------------------------------------------------
list=$("$wbpf" new --list) || fail "wbpf new --list exits non-zero"
for t in $(cd "$tdir" && ls -d */ | tr -d /); do
	[ -f "$tdir/$t/$t.bpf.c" ] || continue
	echo "$list" | grep -Eq "^$t +[a-z]" && ok "--list shows $t with its description" ||
		fail "--list does not show $t: $list"
done
[ "$(echo "$list" | wc -l)" -ge 3 ] && ok "at least 3 templates" || fail "fewer than 3 templates"

# ---- refusals: one line on stderr, non-zero, nothing created ----------------
refused()
{
	want=$1
	shift
	before=$(ls -A | sort)
	"$wbpf" new "$@" >"$TMP/.out" 2>"$TMP/.err"
	rc=$?
	after=$(ls -A | sort)
	if [ $rc = 0 ]; then
		fail "wbpf new $*: accepted"
	elif [ "$(wc -l <"$TMP/.err")" != 1 ] || ! grep -q "^wbpf: .*$want" "$TMP/.err"; then
		fail "wbpf new $*: expected one line 'wbpf: ...$want...', got: $(cat "$TMP/.err")"
	elif [ "$before" != "$after" ]; then
		fail "wbpf new $*: left files behind"
	else
		ok "wbpf new $* refused (status $rc): $(cat "$TMP/.err")"
	fi
}
refused "not a C identifier" foo-bar
refused "not a C identifier" 9lives
refused "not a C identifier" "has space"
refused "not a C identifier" "a.b"
refused "not a C identifier" "../escape"
refused "clash with vmlinux.h" vmlinux
mkdir existing
refused "existing: already exists" existing
touch afile
refused "afile: already exists" afile
refused "no template 'nope'" ok_name --template nope
refused "no template '../minimal'" ok_name --template ../minimal
refused "missing NAME"
refused "one NAME only" a b
refused "unknown option" a --frobnicate
[ -e ok_name ] && fail "a refused name was created" || ok "refused names create nothing"

# ---- a new tree from every template ---------------------------------------
for t in $(cd "$tdir" && ls -d */ | tr -d /); do
	[ -f "$tdir/$t/$t.bpf.c" ] || continue
	n=my_$t
	if ! "$wbpf" new "$n" -t "$t" >"$TMP/.out" 2>&1; then
		fail "wbpf new $n -t $t: $(cat "$TMP/.out")"
		continue
	fi
	for f in "$n.bpf.c" "$n.c" "$n.h" Makefile wbpf.mk README.md .gitignore; do
		[ -f "$n/$f" ] || fail "$n/$f missing"
	done
	ls "$n" | grep -q "^$t\." && fail "$n/ still has files named $t.*"
	if grep -rnw -e "$t" -e "__$(echo "$t" | tr a-z A-Z)_H" "$n" | grep -v "^$n/wbpf.mk:"; then
		fail "$n/ still says '$t' (above)"
	else
		ok "wbpf new $n -t $t: $n.bpf.c, $n.c, $n.h, Makefile, wbpf.mk, README.md; no '$t' left"
	fi
	grep -q "^#include \"$n.skel.h\"" "$n/$n.c" && grep -q "${n}_bpf__open" "$n/$n.c" &&
		grep -q "^APP := $n$" "$n/Makefile" && ok "$n.c uses ${n}_bpf and $n.skel.h; APP := $n" ||
		fail "$n/ does not use its own name"
done
refused "my_minimal: already exists" my_minimal

# ---- the installed layout ---------------------------------------------------
"$installed" --version | grep -Eq '^wbpf \(wbpf\) [0-9]+\.[0-9]+' && ok "installed wbpf --version: $("$installed" --version)" ||
	fail "installed wbpf --version: $("$installed" --version 2>&1)"
prefix=$TMP/prefix
mkdir -p "$prefix/bin" "$prefix/share/wbpf"
cp "$installed" "$prefix/bin/wbpf"
cp -r "$tdir" "$prefix/share/wbpf/templates"
mkdir inst && cd inst || exit 1
if "$prefix/bin/wbpf" new from_install >/dev/null 2>&1 && [ -f from_install/from_install.c ]; then
	grep -q "WBPF_SRC" from_install/Makefile && fail "an installed wbpf wrote a source tree into the Makefile" ||
		ok "installed: templates found in share/wbpf/templates; the Makefile uses an installed wbpf"
else
	fail "installed: wbpf new fails"
fi
cd ..

finish
echo "PASS: wbpf new"
