#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# -o of every generator: a regular file is replaced whole, with the mode
# open() would give; a FIFO (like /dev/null or /dev/stdout, not a regular
# file) is written in place and stays what it is.
# usage: test_output_special.sh OBJ "TOOL ARGS..."...
set -u
obj=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fails=$((fails + 1)); }
umask 022
for cmd in "$@"; do
	name=$(echo "$cmd" | cut -d' ' -f1 | xargs basename)
	# shellcheck disable=SC2086
	$cmd "$obj" >"$work/$name.stdout" || { bad "$name to stdout"; continue; }

	echo old >"$work/$name.file"
	chmod 600 "$work/$name.file"
	# shellcheck disable=SC2086
	$cmd "$obj" -o "$work/$name.file"
	if cmp -s "$work/$name.stdout" "$work/$name.file" &&
		[ "$(stat -c %a "$work/$name.file")" = 644 ]; then
		ok "$name -o FILE replaces the file (mode 644 under umask 022)"
	else
		bad "$name -o FILE: content or mode $(stat -c %a "$work/$name.file")"
	fi

	mkfifo "$work/$name.fifo"
	cat "$work/$name.fifo" >"$work/$name.fromfifo" &
	reader=$!
	# shellcheck disable=SC2086
	timeout 20 $cmd "$obj" -o "$work/$name.fifo"
	rc=$?
	wait $reader
	if [ $rc = 0 ] && [ -p "$work/$name.fifo" ] && cmp -s "$work/$name.stdout" "$work/$name.fromfifo"; then
		ok "$name -o FIFO writes through it and leaves it a FIFO"
	else
		bad "$name -o FIFO: rc=$rc, still a fifo: $([ -p "$work/$name.fifo" ] && echo yes || echo no)"
	fi
	[ -z "$(find "$work" -name "$name.*.*" -newer "$work/$name.stdout")" ] ||
		bad "$name left temporary files: $(ls "$work")"
done
exit $fails
