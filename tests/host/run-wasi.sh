#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# WASI through wasi-libc: runs tests/host/guests/wasi_test.c in one mode and
# checks what it printed, where, and how it exited.
# usage: run-wasi.sh HOST WASM MODE
set -u
host=$1
wasm=$2
mode=$3
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-wasi.XXXXXX")
trap 'rm -rf "$t"' EXIT
out=$t/out
err=$t/err

run()
{
	"$host" "$@" >"$out" 2>"$err"
	rc=$?
}

case $mode in
args)
	run "$wasm" args one "two words" --three -v ''
	expect_eq "$rc" 0 "exit status"
	expect_grep "$out" "argc=7" "argc counts argv[0], the mode and five arguments"
	expect_grep "$out" "argv[0]=$wasm" "argv[0] is the module path"
	expect_grep "$out" "argv[3]=two words" "an argument with a space stays one argument"
	expect_grep "$out" "argv[4]=--three" "options after the module go to the guest"
	expect_grep "$out" "argv[5]=-v" "-v after the module is the guest's"
	expect_grep "$out" "argv[6]=" "an empty argument is kept"
	;;
env)
	WBPF_LEAK=host-secret run --env WBPF_T=1=2 --env EMPTY= "$wasm" env
	expect_eq "$rc" 0 "exit status"
	expect_grep "$out" "env: WBPF_T=1=2" "--env NAME=VALUE reaches the guest (value may hold '=')"
	expect_grep "$out" "env: EMPTY=" "an empty value is kept"
	expect_grep "$out" "getenv(WBPF_T)=1=2" "getenv sees it"
	expect_no_grep "$out" "host-secret" "the host's environment is not passed on"
	expect_eq "$(grep -c '^env:' "$out")" 2 "exactly the variables given"
	"$host" --env NOEQUALS "$wasm" env >"$out" 2>"$err"
	expect_eq "$?" 1 "--env without '=' is refused"
	expect_grep "$err" "wasm-bpf: --env NOEQUALS: expected NAME=VALUE" "and says why"
	;;
clock)
	run "$wasm" clock "$(date +%s)"
	expect_eq "$rc" 0 "exit status (failed guest checks)"
	expect_guest_ok "$out" "clocks"
	;;
sleep)
	for ms in 0 30 250 1000; do
		s=$(date +%s%N)
		run "$wasm" sleep $ms
		wall=$((($(date +%s%N) - s) / 1000000))
		slept=$(sed -n 's/^slept \([0-9]*\) ms$/\1/p' "$out")
		if [ -n "$slept" ] && [ "$slept" -ge $ms ] && [ "$slept" -lt $((ms + 100)) ]; then
			ok "usleep($ms ms) took $slept ms by the guest's clock"
		else
			fail "usleep($ms ms) took '$slept' ms by the guest's clock"
		fi
		if [ "$wall" -ge $ms ]; then ok "and $wall ms of wall time"; else
			fail "wall time $wall ms is shorter than $ms ms"; fi
	done
	;;
stdio)
	"$host" "$wasm" stdio 100000 2>"$err" | cat >"$out"
	expect_lines "$out" 100000 "stdout through a pipe: lines"
	expect_eq "$(tail -n1 "$out")" "line 99999" "last line"
	expect_eq "$(cat "$err")" "to stderr" "stderr separate from stdout"
	run "$wasm" stdio 100000
	expect_lines "$out" 100000 "stdout to a file: lines"
	expect_no_grep "$out" "to stderr" "nothing of stderr in stdout"
	;;
exit)
	for n in 0 1 3 42 255; do
		run "$wasm" exit $n
		expect_eq "$rc" $n "exit($n) is the host's exit status"
		run "$wasm" return $n
		expect_eq "$rc" $n "return $n from main is the host's exit status"
	done
	expect_eq "$(cat "$err")" "" "a plain exit prints nothing on stderr"
	;;
files)
	mkdir "$t/data" "$t/host-side"
	ln -s a.txt "$t/data/link-to-a"
	ln -s a.txt "$t/host-side/link-to-a"
	run --dir "$t/data" "$wasm" files "$t/data"
	expect_eq "$rc" 0 "exit status (failed guest checks)"
	expect_guest_ok "$out" "file operations beneath --dir"
	run --dir "$t/host-side::/work" "$wasm" files /work
	expect_guest_ok "$out" "--dir HOST::GUEST maps the directory to another name"
	run "$wasm" files "$t/data"
	expect_grep "$out" "FAIL" "without --dir the same operations fail"
	"$host" --dir "$t/missing" "$wasm" files x >"$out" 2>"$err"
	expect_eq "$?" 1 "--dir of a missing directory is refused"
	expect_grep "$err" "wasm-bpf: --dir $t/missing: No such file or directory" "and says why"
	;;
deny)
	mkdir -p "$t/data/newdir"
	echo secret >"$t/outside.txt"
	echo inside >"$t/data/inside.txt"
	ln -s /etc/passwd "$t/data/abs-link"
	ln -s ../../../../etc/passwd "$t/data/rel-link"
	ln -s inside.txt "$t/data/inside-link"
	mkdir "$t/outside-dir"
	ln -s "$t/outside-dir" "$t/data/newdir-link"
	run --dir "$t/data" "$wasm" deny "$t/data"
	expect_eq "$rc" 0 "exit status (failed guest checks)"
	expect_guest_ok "$out" "escapes from --dir are denied"
	if [ -e "$t/escape-made-by-guest" ] || [ -e "$t/outside-dir/x" ] || [ -e "$t/data/made-link" ]; then
		fail "the guest created a file outside its directory"
	else
		ok "no file was created outside the directory"
	fi
	;;
random | yield | fdstat)
	run "$wasm" $mode
	expect_eq "$rc" 0 "exit status (failed guest checks)"
	expect_guest_ok "$out" "$mode"
	if [ $mode = fdstat ]; then
		expect_grep "$out" "stdout: regular=1 chr=0 isatty=0" "stdout to a file: a regular file, not a tty"
		"$host" "$wasm" fdstat 2>"$err" | cat >"$out"
		expect_grep "$out" "isatty=0" "stdout to a pipe is not a tty"
		if [ -e /dev/ptmx ] && command -v script >/dev/null; then
			script -qec "'$host' '$wasm' fdstat" /dev/null >"$out" 2>&1
			expect_grep "$out" "chr=1 isatty=1" "stdout on a terminal is a tty (isatty through fdstat rights)"
		fi
	fi
	;;
poll)
	echo data | "$host" "$wasm" poll >"$out" 2>"$err"
	expect_eq "$?" 0 "exit status (failed guest checks)"
	expect_guest_ok "$out" "poll_oneoff"
	;;
read)
	head -c 1000000 /dev/zero | "$host" "$wasm" read >"$out" 2>"$err"
	expect_eq "$?" 0 "exit status"
	expect_grep "$out" "read 1000000 bytes" "a megabyte through stdin"
: >"$t/empty"
	"$host" "$wasm" read <"$t/empty" >"$out" 2>"$err"
	expect_grep "$out" "read 0 bytes" "an empty stdin is end of file at once"
	;;
*)
	fail "unknown mode $mode"
	;;
esac
finish
