#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# opensnoop on the real kernel, through a perf buffer: the open of a unique
# file by a process this test starts is reported with that process's PID,
# its command, a valid fd and the path; -p PID and -n NAME (set in .rodata)
# keep other processes out; -x keeps only failed opens.
# usage: opensnoop.sh WASM-BPF OPENSNOOP.WASM
. "$(dirname "$0")/lib.sh"
e2e_init opensnoop "$1"
wasm=$2

# row PID COMM FD ERR PATH present?
has_row()
{
	awk -v p="$1" -v c="$2" -v fd="$3" -v e="$4" -v f="$5" \
		'$1 == p && $2 == c && (fd == "any" ? $3 >= 0 : $3 == fd) && $4 == e && $5 == f { found = 1 }
		END { exit !found }' "$GUEST_OUT"
}
has_path()
{
	awk -v f="$1" '$NF == f { found = 1 } END { exit !found }' "$GUEST_OUT"
}

# ---- everything: the open of a unique file by cat -----------------------
file=$TMP/opened-by-cat-$$
echo data >"$file"
start_guest "$TMP/all.out" "$wasm"
wait_for '^PID +COMM +FD +ERR +PATH$'
record_progs
cat "$file" >/dev/null &
catpid=$!
wait "$catpid"
missing=$TMP/missing-$$
cat "$missing" 2>/dev/null &
misspid=$!
wait "$misspid"
deadline=$(($(date +%s) + 10))
until has_row "$catpid" cat any 0 "$file" && has_row "$misspid" cat -1 2 "$missing"; do
	[ "$(date +%s)" -lt "$deadline" ] || fail "no row '$catpid cat <fd> 0 $file' and '$misspid cat -1 2 $missing'"
	sleep 0.1
done
ok "the open of $file by cat (pid $catpid) is reported with its fd"
ok "the failed open of $missing (pid $misspid) is reported: fd -1, errno 2"
stop_guest INT
[ "$GUEST_RC" = 0 ] || fail "exit status after Ctrl-C is $GUEST_RC, expected 0"
ok "Ctrl-C ends it with status 0"
no_leftovers

# ---- -p PID: a shell that opens one file, and another process opening another
mine=$TMP/opened-by-target-$$
other=$TMP/opened-by-other-$$
echo data >"$mine"
echo data >"$other"
mkfifo "$TMP/go"
# the shell itself opens the file (a redirection of a builtin), no child
sh -c 'read x <"$1"; i=0; while [ $i -lt 5 ]; do : <"$2"; i=$((i + 1)); done; exec sleep 60' \
	sh "$TMP/go" "$mine" &
target=$!
E2E_CLEANUP="kill $target 2>/dev/null"
start_guest "$TMP/pid.out" "$wasm" -p "$target"
wait_for '^PID +COMM +FD +ERR +PATH$'
record_progs
cat "$other" >/dev/null
echo go >"$TMP/go"
deadline=$(($(date +%s) + 10))
until [ "$(awk -v f="$mine" -v p="$target" '$1 == p && $NF == f' "$GUEST_OUT" | wc -l)" -ge 5 ]; do
	[ "$(date +%s)" -lt "$deadline" ] || fail "-p $target: not 5 rows for $mine"
	sleep 0.1
done
ok "-p $target: its 5 opens of $mine are reported"
sleep 0.3
has_path "$other" && fail "-p $target: the open of $other by another process was reported"
awk -v p="$target" '$1 != p && $1 ~ /^[0-9]+$/ { bad = 1 } END { exit bad }' "$GUEST_OUT" ||
	fail "-p $target: rows of other PIDs were printed"
ok "-p $target: nothing from other processes"
stop_guest INT
kill "$target" 2>/dev/null
no_leftovers

# ---- -n NAME: a copy of cat with a unique name, and the real cat ------------
named=$TMP/osn_$$
cp "$(command -v cat)" "$named"
comm=$(basename "$named" | cut -c1-15)
f3=$TMP/opened-by-named-$$
f4=$TMP/opened-by-cat2-$$
echo data >"$f3"
echo data >"$f4"
start_guest "$TMP/name.out" "$wasm" -n "$comm"
wait_for '^PID +COMM +FD +ERR +PATH$'
record_progs
cat "$f4" >/dev/null
"$named" "$f3" >/dev/null &
npid=$!
wait "$npid"
deadline=$(($(date +%s) + 10))
until has_row "$npid" "$comm" any 0 "$f3"; do
	[ "$(date +%s)" -lt "$deadline" ] || fail "-n $comm: no row '$npid $comm <fd> 0 $f3'"
	sleep 0.1
done
ok "-n $comm: the open of $f3 by $comm (pid $npid) is reported"
sleep 0.3
has_path "$f4" && fail "-n $comm: the open of $f4 by cat was reported"
awk -v c="$comm" '$1 ~ /^[0-9]+$/ && $2 != c { bad = 1 } END { exit bad }' "$GUEST_OUT" ||
	fail "-n $comm: rows of other commands were printed"
ok "-n $comm: nothing from other commands"
stop_guest INT
no_leftovers

# ---- -x: failed opens only ------------------------------------------------
start_guest "$TMP/failed.out" "$wasm" -x
wait_for '^PID +COMM +FD +ERR +PATH$'
record_progs
cat "$file" >/dev/null
cat "$missing" 2>/dev/null
deadline=$(($(date +%s) + 10))
until has_path "$missing"; do
	[ "$(date +%s)" -lt "$deadline" ] || fail "-x: the failed open of $missing is not reported"
	sleep 0.1
done
awk '$1 ~ /^[0-9]+$/ && $3 != -1 { bad = 1 } END { exit bad }' "$GUEST_OUT" ||
	fail "-x: a successful open was reported"
ok "-x: the failed open is reported, no successful one"
stop_guest INT
no_leftovers
e2e_done
