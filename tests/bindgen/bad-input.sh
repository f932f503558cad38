#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Bad input to wbpf-bindgen: each case exits non-zero with exactly one line
# on stderr that names the file and the problem, and -o FILE is neither
# created nor changed.
# usage: bad-input.sh BINDGEN MKBTF_DIR GOOD_OBJECT WORKDIR
set -u
bindgen=$1 btfdir=$2 good=$3 work=$4
fails=0
rm -rf "$work"
mkdir -p "$work"

# expect NAME EXPECTED-MESSAGE ARGS...: the run fails, says FILE: MESSAGE
expect()
{
	name=$1 msg=$2
	shift 2
	out=$work/$name.wasm.h
	echo "previous contents" >"$work/keep.h"
	"$bindgen" "$@" -o "$out" >"$work/$name.stdout" 2>"$work/$name.stderr"
	rc=$?
	"$bindgen" "$@" -o "$work/keep.h" >/dev/null 2>&1
	lines=$(wc -l <"$work/$name.stderr")
	err=$(cat "$work/$name.stderr")
	if [ $rc = 0 ]; then
		echo "FAIL: $name: exit status 0"
	elif [ "$lines" != 1 ]; then
		echo "FAIL: $name: $lines lines on stderr, want 1:"
		cat "$work/$name.stderr"
	elif ! printf '%s\n' "$err" | grep -qF -- "$msg"; then
		echo "FAIL: $name: stderr is '$err', want it to contain '$msg'"
	elif [ -e "$out" ]; then
		echo "FAIL: $name: $out was created"
	elif [ "$(cat "$work/keep.h")" != "previous contents" ]; then
		echo "FAIL: $name: an existing -o file was changed"
	elif ls "$work" | grep -q '\.wasm\.h\.\|keep\.h\.'; then
		echo "FAIL: $name: a temporary file was left behind"
	elif [ -s "$work/$name.stdout" ]; then
		echo "FAIL: $name: something was printed on stdout"
	else
		echo "ok: $name: exit $rc: $err"
		return
	fi
	fails=$((fails + 1))
}

echo "not an object" >"$work/notes.txt"
printf 'int x;\n' | cc -x c -c - -o "$work/native.o"
head -c 200 "$good" >"$work/truncated.bpf.o"
llvm-objcopy-14 --dump-section .BTF="$work/good.btf" "$good" "$work/scratch.o"
head -c 100 "$work/good.btf" >"$work/truncated.btf"
head -c 30 "$work/good.btf" >"$work/short-header.btf"
# valid ELF, .BTF replaced by BTF with a dangling type id
llvm-objcopy-14 --update-section .BTF="$btfdir/corrupt-dangling.btf" "$good" "$work/corrupt-elf.bpf.o"
mkdir -p "$work/a-directory"
printf 'struct s {\n\tint a;\n\tu32 b;\n};\n' >"$work/bad-syntax.h"

expect missing "$work/missing.bpf.o: no such file" "$work/missing.bpf.o"
expect directory "$work/a-directory: is a directory" "$work/a-directory"
expect not-elf "$work/notes.txt: not a BPF ELF object or raw BTF file" "$work/notes.txt"
expect no-btf "$work/native.o: no .BTF section" "$work/native.o"
expect truncated-elf "$work/truncated.bpf.o: not a valid ELF file" "$work/truncated.bpf.o"
expect truncated-btf "$work/truncated.btf: truncated or corrupt BTF" "$work/truncated.btf"
expect short-btf "$work/short-header.btf: truncated or corrupt BTF" "$work/short-header.btf"
expect corrupt-elf "$work/corrupt-elf.bpf.o: corrupt BTF: type [2] refers to type [999]" "$work/corrupt-elf.bpf.o"
expect dangling "corrupt-dangling.btf: corrupt BTF: type [2] refers to type [999], which does not exist" "$btfdir/corrupt-dangling.btf"
expect typedef-cycle "corrupt-typedef-cycle.btf: corrupt BTF: type [1] contains itself" "$btfdir/corrupt-typedef-cycle.btf"
expect self "corrupt-self.btf: corrupt BTF: type [1] contains itself" "$btfdir/corrupt-self.btf"
expect ptr-cycle "corrupt-ptr-cycle.btf: corrupt BTF: type [1] refers to itself" "$btfdir/corrupt-ptr-cycle.btf"
expect beyond "corrupt-beyond.btf: corrupt BTF: 'beyond' [2]: member 'far' ends at byte 12, beyond the size 4" "$btfdir/corrupt-beyond.btf"
expect overlap "corrupt-overlap.btf: corrupt BTF: 'overlap' [2]: member 'b' at bit 16 overlaps" "$btfdir/corrupt-overlap.btf"
expect name "corrupt-name.btf: corrupt BTF: type [2]: struct/union name 'x; } evil; /*' is not a C identifier" "$btfdir/corrupt-name.btf"
expect huge-array "corrupt-huge-array.btf: corrupt BTF: array [2] of 8589934588 bytes" "$btfdir/corrupt-huge-array.btf"
expect unknown-type "$good: no struct, union, enum or typedef named 'no_such_type'" "$good" -t no_such_type
expect missing-header "$work/missing.h: no such file" --header "$work/missing.h"
expect bad-header "$work/bad-syntax.h: 3:2: unknown type name 'u32'" --header "$work/bad-syntax.h"

# usage errors: exit 2, one line
"$bindgen" >/dev/null 2>"$work/usage.stderr"
rc=$?
if [ $rc != 2 ] || [ "$(wc -l <"$work/usage.stderr")" != 1 ]; then
	echo "FAIL: no input: exit $rc, want 2 and one line"
	fails=$((fails + 1))
else
	echo "ok: no input: exit 2: $(cat "$work/usage.stderr")"
fi
exit $fails
