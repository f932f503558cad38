#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The ahead-of-time engine: what `wasm-bpf --compile` makes, what an .aot
# must be before it is loaded, the cache of `--aot` and its fallback, and
# traps in native code. Each case uses a cache of its own.
# usage: run-aot.sh HOST WAT_DIR FOREIGN_SO CASE [SRC_DIR BUILD_DIR]
set -u
host=$1
w=$2
foreign=$3
case=$4
src=${5:-}
build=${6:-}
. "$(dirname "$0")/../host/lib.sh"
t=$(mktemp -d "${TMPDIR:-/tmp}/wbpf-aot.XXXXXX")
trap 'rm -rf "$t"' EXIT
export XDG_CACHE_HOME="$t/cache"
unset CC WBPF_AOT_CFLAGS WASM2C WBPF_WASM2C_RUNTIME
out=$t/out
err=$t/err

run()
{
	"$host" "$@" >"$out" 2>"$err"
	rc=$?
}

# compile WASM AOT: --compile=AOT, nothing said, the file made
compile()
{
	"$host" --compile="$2" "$1" >"$out" 2>"$err"
	expect_eq "$?" 0 "--compile $(basename "$1"): exit status"
	expect_eq "$(cat "$err")" "" "--compile $(basename "$1"): nothing on stderr"
	[ -s "$2" ] && ok "--compile wrote $(basename "$2")" || fail "--compile wrote no $2"
}

# patch FILE FIELD_OFFSET BYTE: one byte of the .aot's descriptor
patch()
{
	at=$(grep -obUa 'WBPF-AOT' "$1" | head -1 | cut -d: -f1)
	printf "\\$(printf %03o "$3")" | dd of="$1" bs=1 seek=$((at + $2)) conv=notrunc 2>/dev/null
}

# hello runs: its line on stdout, exit status 7 (proc_exit from native code)
expect_hello()
{
	expect_eq "$rc" 7 "$1: exit status (proc_exit(7))"
	expect_eq "$(cat "$out")" "hello from native code" "$1: the guest's output"
}

case $case in
compile)
	compile "$w/hello.wasm" "$t/hello.aot"
	run "$t/hello.aot"
	expect_hello "the .aot"
	expect_eq "$(cat "$err")" "" "the .aot: nothing on stderr"
	expect_grep "$t/hello.aot" "WBPF-AOT" "the .aot carries its descriptor"
	readelf -n "$t/hello.aot" >"$t/notes" 2>&1
	expect_grep "$t/notes" "wbpf" "readelf sees the descriptor as an ELF note"
	# a module the interpreter refuses is refused the same way, nothing made
	run --compile="$t/bad.aot" "$w/../../host/wat/missing_import.wasm"
	expect_eq "$rc" 1 "an unknown import: exit status"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $w/../../host/wat/missing_import.wasm: unknown import wasm_bpf.wasm_bpf_no_such_import (the host does not provide it)" \
		"an unknown import: the interpreter's line"
	[ -e "$t/bad.aot" ] && fail "an .aot was made for a refused module" || ok "no .aot made"
	ls -a "$t" | grep -q wbpf-aot && fail "a temporary directory was left" ||
		ok "no temporary directory left"
	run --compile="$t/again.aot" "$t/hello.aot"
	expect_eq "$rc" 1 "compiling an .aot: exit status"
	expect_eq "$(cat "$err")" "wasm-bpf: $t/hello.aot: already compiled ahead of time" \
		"compiling an .aot: one line"
	;;
foreign)
	# a shared object that is not ours is never loaded: no code of it runs
	cp "$foreign" "$t/foreign.aot"
	WBPF_FOREIGN_MARK="$t/mark" run "$t/foreign.aot"
	expect_eq "$rc" 1 "a foreign shared object: exit status"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $t/foreign.aot: not an ahead-of-time module of wbpf (no .note.wbpf descriptor): a shared object from elsewhere is never loaded" \
		"a foreign shared object: one line"
	[ -e "$t/mark" ] && fail "the foreign object's constructor ran" ||
		ok "the foreign object's constructor never ran"
	cp /bin/true "$t/true.aot"
	run "$t/true.aot"
	expect_eq "$rc" 1 "an executable: exit status"
	expect_grep "$err" "no .note.wbpf descriptor" "an executable: refused for the same reason"
	expect_eq "$(cat "$out")" "" "an executable: nothing ran"
	printf '\177ELF' >"$t/short.aot"
	run "$t/short.aot"
	expect_eq "$rc" 1 "a truncated ELF header: exit status"
	expect_lines "$err" 1 "a truncated ELF header: one line"
	;;
abi)
	compile "$w/hello.wasm" "$t/hello.aot"
	cp "$t/hello.aot" "$t/abi.aot"
	patch "$t/abi.aot" 12 99
	run "$t/abi.aot"
	expect_eq "$rc" 1 "another ABI version: exit status"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $t/abi.aot: compiled for wbpf ABI version 99, this host's is $(sed -n 's/^#define WBPF_ABI_VERSION \([0-9]*\).*/\1/p' "$(dirname "$0")/../../sdk/wbpf-abi.h"): compile it again with wbpf aot" \
		"another ABI version: one line"
	cp "$t/hello.aot" "$t/format.aot"
	patch "$t/format.aot" 8 77
	run "$t/format.aot"
	expect_eq "$rc" 1 "another AOT format: exit status"
	expect_grep "$err" "made by another version of wbpf (AOT format 77" "another AOT format: says so"
	cp "$t/hello.aot" "$t/magic.aot"
	patch "$t/magic.aot" 0 88
	run "$t/magic.aot"
	expect_eq "$rc" 1 "a bad magic: exit status"
	expect_grep "$err" "not an ahead-of-time module of wbpf (bad descriptor)" "a bad magic: says so"
	;;
hash)
	cp "$w/hello.wasm" "$t/prog.wasm"
	compile "$t/prog.wasm" "$t/prog.aot"
	run "$t/prog.aot"
	expect_hello "prog.aot beside its prog.wasm"
	# prog.wasm rebuilt since: prog.aot is stale
	cp "$w/oob_grown.wasm" "$t/prog.wasm"
	run "$t/prog.aot"
	expect_eq "$rc" 1 "a stale .aot: exit status"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $t/prog.aot: compiled from another module than $t/prog.wasm beside it (their SHA-256 differ): compile it again with wbpf aot" \
		"a stale .aot: one line"
	expect_eq "$(cat "$out")" "" "a stale .aot: did not run"
	# the descriptor's hash changed, not the code's
	rm "$t/prog.wasm"
	patch "$t/prog.aot" 16 0
	patch "$t/prog.aot" 17 0
	run "$t/prog.aot"
	expect_eq "$rc" 1 "descriptor and code disagree: exit status"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $t/prog.aot: the module's code does not match its .note.wbpf descriptor" \
		"descriptor and code disagree: one line"
	# a cache entry under this module's key holding another module's code
	run --aot "$w/oob_grown.wasm"
	entry=$(ls "$XDG_CACHE_HOME"/wbpf/*.aot)
	cp "$w/hello.wasm" "$t/h.wasm"
	run --compile "$t/h.wasm"
	hentry=$(ls -t "$XDG_CACHE_HOME"/wbpf/*.aot | head -1)
	cp "$entry" "$hentry"
	run --aot "$t/h.wasm"
	expect_hello "a cache entry with another module's hash"
	expect_grep "$err" "compiled ahead of time into $hentry" "that entry is compiled again"
	;;
oob)
	for m in oob_far oob_grown; do
		compile "$w/$m.wasm" "$t/$m.aot"
	done
	run "$t/oob_far.aot"
	expect_eq "$rc" 134 "a load near 8 GiB: exit status (trap)"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $t/oob_far.aot: trap: out of bounds memory access: address 8589934575 is past the end of linear memory" \
		"a load near 8 GiB: traps, one line"
	run "$t/oob_grown.aot"
	expect_eq "$rc" 134 "a store past grown memory: exit status (trap)"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $t/oob_grown.aot: trap: out of bounds memory access: address 131072 is past the end of linear memory" \
		"a store past grown memory: traps at 128 KiB, not before"
	;;
cache)
	# an entry of this module left by another compiler (or wbpf version)
	sha=$(sha256sum "$w/hello.wasm" | cut -d' ' -f1)
	mkdir -p "$XDG_CACHE_HOME/wbpf"
	cp "$foreign" "$XDG_CACHE_HOME/wbpf/$sha-00000000.aot"
	run --aot "$w/hello.wasm"
	expect_hello "first run"
	[ -e "$XDG_CACHE_HOME/wbpf/$sha-00000000.aot" ] &&
		fail "the old entry of the module is still there" ||
		ok "compiling removed the module's old entry"
	entry=$(ls "$XDG_CACHE_HOME"/wbpf/ 2>/dev/null)
	expect_eq "$(echo "$entry" | grep -c '\.aot$')" 1 "one entry in \$XDG_CACHE_HOME/wbpf"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $w/hello.wasm: compiled ahead of time into $XDG_CACHE_HOME/wbpf/$entry ($(sed -n 's/.*(\(.* s\))$/\1/p' "$err"))" \
		"first run: says once that it compiled, and where"
	case $entry in
	"$sha"-*) ok "the entry is keyed by the module's SHA-256" ;;
	*) fail "entry $entry is not keyed by $sha" ;;
	esac
	run --aot "$w/hello.wasm"
	expect_hello "second run"
	expect_eq "$(cat "$err")" "" "second run: a cache hit, nothing said"
	expect_eq "$(ls "$XDG_CACHE_HOME"/wbpf/ | wc -l)" 1 "still one entry"
	# the entry is native code: a trap names the fault address
	run --aot "$w/oob_grown.wasm"
	expect_grep "$err" "address 131072 is past the end of linear memory" \
		"--aot runs native code (its trap message)"
	# HOME when XDG_CACHE_HOME is not set
	HOME="$t/home" XDG_CACHE_HOME= run --aot "$w/hello.wasm"
	expect_hello "HOME's cache"
	expect_grep "$err" "into $t/home/.cache/wbpf/" "without XDG_CACHE_HOME: ~/.cache/wbpf"
	# two hosts compiling the same module at once: both run it
	rm -rf "$XDG_CACHE_HOME"
	"$host" --aot "$w/hello.wasm" >"$t/o1" 2>"$t/e1" &
	p1=$!
	"$host" --aot "$w/hello.wasm" >"$t/o2" 2>"$t/e2" &
	p2=$!
	wait $p1
	r1=$?
	wait $p2
	r2=$?
	expect_eq "$r1 $r2" "7 7" "two at once: both exit 7"
	expect_eq "$(cat "$t/o1" "$t/o2" | sort -u)" "hello from native code" "two at once: both print"
	expect_eq "$(ls "$XDG_CACHE_HOME"/wbpf/ | wc -l)" 1 "two at once: one entry, no leftovers"
	;;
fallback)
	CC=/nonexistent/cc run --aot "$w/hello.wasm"
	expect_hello "CC=/nonexistent/cc"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $w/hello.wasm: no C compiler (/nonexistent/cc not found in PATH): running it in the interpreter" \
		"CC=/nonexistent/cc: one line saying why"
	PATH=/nonexistent run --aot "$w/hello.wasm"
	expect_hello "PATH without cc"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $w/hello.wasm: no C compiler (cc not found in PATH): running it in the interpreter" \
		"PATH without cc: one line saying why"
	WASM2C=no-wasm2c run --aot "$w/hello.wasm"
	expect_hello "no wasm2c"
	expect_grep "$err" "no wasm2c (no-wasm2c not found in PATH): running it in the interpreter" \
		"no wasm2c: says why"
	CC="cc -DBROKEN=" WBPF_AOT_CFLAGS="-O2 -include /nonexistent.h" run --aot "$w/hello.wasm"
	expect_hello "a compiler that fails"
	expect_lines "$err" 1 "a compiler that fails: one line"
	expect_grep "$err" "cannot compile it ahead of time: the C compiler failed: " \
		"a compiler that fails: says so"
	expect_grep "$err" ": running it in the interpreter" "a compiler that fails: and what it does"
	mkdir -p "$XDG_CACHE_HOME/wbpf"
	chmod 777 "$XDG_CACHE_HOME/wbpf"
	run --aot "$w/hello.wasm"
	expect_hello "a cache others may write to"
	expect_eq "$(cat "$err")" \
		"wasm-bpf: $w/hello.wasm: the cache $XDG_CACHE_HOME/wbpf belongs to another user or others may write to it: running it in the interpreter" \
		"a cache others may write to: not used, one line"
	expect_eq "$(ls "$XDG_CACHE_HOME/wbpf" | wc -l)" 0 "nothing written to it"
	# without a compiler, an entry compiled before is still used
	chmod 755 "$XDG_CACHE_HOME/wbpf"
	run --aot "$w/hello.wasm"
	PATH=/nonexistent run --aot "$w/hello.wasm"
	expect_hello "a cached entry, no compiler"
	expect_eq "$(cat "$err")" "" "a cached entry, no compiler: used, nothing said"
	;;
cli)
	# wbpf aot: PROG.aot beside PROG.wasm, -o, refusals
	wbpf=$src/scripts/wbpf
	cp "$w/hello.wasm" "$t/prog.wasm"
	WASM_BPF=$host "$wbpf" aot "$t/prog.wasm" >"$out" 2>"$err"
	expect_eq "$?" 0 "wbpf aot: exit status"
	expect_eq "$(cat "$out" "$err")" "" "wbpf aot: says nothing"
	run "$t/prog.aot"
	expect_hello "wbpf aot's prog.aot"
	WASM_BPF=$host "$wbpf" aot -o "$t/other.aot" "$t/prog.wasm" >"$out" 2>"$err"
	expect_eq "$?" 0 "wbpf aot -o: exit status"
	run "$t/other.aot"
	expect_hello "wbpf aot -o other.aot"
	WASM_BPF=$host "$wbpf" aot "$w/../../host/wat/wrong_signature.wasm" -o "$t/bad.aot" \
		>"$out" 2>"$err"
	expect_eq "$?" 1 "wbpf aot of a module wasm-bpf refuses: exit status"
	expect_grep "$err" "import wasm_bpf.wasm_load_bpf_object has type (i32, i32) -> (i32)" \
		"wbpf aot of a module wasm-bpf refuses: the host's line"
	[ -e "$t/bad.aot" ] && fail "an .aot was written for it" || ok "nothing written"
	"$wbpf" aot >"$out" 2>"$err"
	expect_eq "$?" 2 "wbpf aot without a module: usage error"
	expect_eq "$(cat "$err")" "wbpf: aot: missing PROG.wasm (wbpf aot PROG.wasm [-o OUT])" \
		"wbpf aot without a module: one line"
	# make aot in a program tree (wbpf.mk), from wbpf new
	(cd "$t" && WBPF_BUILD=$build "$wbpf" new tree >/dev/null) || fail "wbpf new tree"
	make -C "$t/tree" aot >"$out" 2>&1
	expect_eq "$?" 0 "make aot in a new tree: exit status"
	expect_grep "$out" "AOT     tree.aot" "make aot says what it made"
	readelf -n "$t/tree/tree.aot" 2>/dev/null | grep -q wbpf && ok "tree.aot has its descriptor" ||
		fail "tree.aot has no descriptor"
	expect_eq "$(make -C "$t/tree" aot 2>&1 | grep -c AOT)" 0 "make aot again: nothing to do"
	make -C "$t/tree" clean >/dev/null 2>&1
	[ -e "$t/tree/tree.aot" ] && fail "make clean left tree.aot" || ok "make clean removes tree.aot"
	;;
*)
	fail "unknown case $case"
	;;
esac
finish
