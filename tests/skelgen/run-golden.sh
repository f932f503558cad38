#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Golden skeletons: for each case, `wbpf-skel gen CASE.bpf.o` must
#   - print the same header twice, to stdout and with -o (deterministic);
#   - embed exactly the bytes of CASE.bpf.o, zlib-compressed (decoded and
#     inflated by a native program), and with --no-compress as they are;
#   - equal cases/CASE.expected.skel.h, with the embedded bytes and the
#     object's size replaced by placeholders (WBPF_UPDATE_GOLDEN=1 rewrites
#     the expectation instead);
#   - compile for wasm32 against the SDK with every _Static_assert, in a
#     guest calling the skeleton's functions.
# usage: run-golden.sh SKEL CC CLANG SYSROOT SDK_DIR CASES_DIR OBJ_DIR WORK CASE...
set -u
skel=$1
cc=$2
clang=$3
sysroot=$4
sdk=$5
cases=$6
objs=$7
work=$8
shift 8
mkdir -p "$work"
rc=0

fail()
{
	echo "FAIL ($c): $*"
	rc=1
}

# the embedded object: from the `data[]` line to the line closing the literal
elf_literal()
{
	awk '/static const char data\[\] /{p=1} p{print} p && /";$/{exit}' "$1"
}

normalize()
{
	awk -v name="$2" '
		/static const char data\[\] /{print "\tstatic const char data[] __attribute__((__aligned__(8))) = \"<the bytes of " name ">\";"; skip=1; next}
		skip && /";$/{skip=0; next}
		/wbpf_sdk_elf_bytes\(z, zsz, [0-9]+, /{sub(/zsz, [0-9]+, /, "zsz, <the size of " name ">, ")}
		!skip{print}' "$1"
}

# decode the literal of header $1 into $2: inflated (z) or as it is (raw)
decode()
{
	{
		echo '#include <stdio.h>'
		echo '#include <zlib.h>'
		elf_literal "$1"
		if [ "$3" = z ]; then
			cat <<'EOD'
static unsigned char elf[64 << 20];
int main(void)
{
	uLongf n = sizeof(elf);

	if (uncompress(elf, &n, (const Bytef *)data, sizeof(data) - 1) != Z_OK)
		return 1;
	return fwrite(elf, 1, n, stdout) != n;
}
EOD
		else
			echo 'int main(void) { return fwrite(data, 1, sizeof(data) - 1, stdout) != sizeof(data) - 1; }'
		fi
	} >"$2.c"
	"$cc" -o "$2" "$2.c" -lz && "$2" >"$2.bin"
}

for c in "$@"; do
	obj=$objs/$c.bpf.o
	out=$work/$c.skel.h
	if ! "$skel" gen "$obj" -o "$out" 2>"$work/$c.err"; then
		fail "wbpf-skel gen failed: $(cat "$work/$c.err")"
		continue
	fi
	[ -s "$work/$c.err" ] && fail "wbpf-skel printed on stderr: $(cat "$work/$c.err")"
	"$skel" gen "$obj" >"$work/$c.again.skel.h" 2>/dev/null
	cmp -s "$out" "$work/$c.again.skel.h" || fail "output differs between two runs (or -o and stdout)"

	# the embedded bytes are the object's, compressed and not
	if decode "$out" "$work/$c.elf" z; then
		cmp -s "$work/$c.elf.bin" "$obj" || fail "the embedded bytes do not inflate to $c.bpf.o"
	else
		fail "cannot decode and inflate the embedded object"
	fi
	grep -q "^static inline const void \*${c}_bpf__elf_zbytes(size_t \*sz)$" "$out" ||
		fail "no ${c}_bpf__elf_zbytes()"
	if "$skel" gen --no-compress "$obj" -o "$work/$c.raw.skel.h" 2>"$work/$c.err" &&
		decode "$work/$c.raw.skel.h" "$work/$c.raw" raw; then
		cmp -s "$work/$c.raw.bin" "$obj" || fail "--no-compress: the embedded bytes are not $c.bpf.o"
		grep -q "elf_zbytes\|wbpf_sdk_elf_bytes" "$work/$c.raw.skel.h" &&
			fail "--no-compress: the header still inflates"
	else
		fail "--no-compress: cannot generate or decode: $(cat "$work/$c.err")"
	fi

	normalize "$out" "$c.bpf.o" >"$work/$c.norm.skel.h"
	expected=$cases/$c.expected.skel.h
	if [ "${WBPF_UPDATE_GOLDEN:-0}" != 0 ]; then
		cp "$work/$c.norm.skel.h" "$expected"
		echo "updated $expected"
	elif ! diff -u "$expected" "$work/$c.norm.skel.h" >"$work/$c.diff"; then
		fail "differs from $(basename "$expected") (WBPF_UPDATE_GOLDEN=1 rewrites it after review):"
		head -60 "$work/$c.diff"
	fi

	# compiles for wasm32 with its asserts, and every function links
	cat >"$work/$c.main.c" <<EOC
#include <$c.skel.h>
int main(void)
{
	struct ${c}_bpf *skel = ${c}_bpf__open();
	size_t sz;

	if (!skel || !${c}_bpf__elf_bytes(&sz))
		return 1;
	if (${c}_bpf__load(skel) || ${c}_bpf__attach(skel))
		return 1;
	${c}_bpf__detach(skel);
	${c}_bpf__destroy(skel);
	skel = ${c}_bpf__open_and_load();
	${c}_bpf__destroy(skel);
	skel = ${c}_bpf__open_opts(NULL);
	${c}_bpf__destroy(skel);
	return 0;
}
EOC
	if ! "$clang" --target=wasm32-wasi --sysroot="$sysroot" -O2 -Wall -Wextra -Werror \
		-I"$sdk" -I"$work" -Wl,--export-table "$work/$c.main.c" -o "$work/$c.wasm" \
		2>"$work/$c.wasm.err"; then
		fail "the skeleton does not compile for wasm32:"
		head -20 "$work/$c.wasm.err"
	fi
	mkdir -p "$work/raw"
	cp "$work/$c.raw.skel.h" "$work/raw/$c.skel.h"
	if ! "$clang" --target=wasm32-wasi --sysroot="$sysroot" -O2 -Wall -Wextra -Werror \
		-I"$sdk" -I"$work/raw" -Wl,--export-table "$work/$c.main.c" -o "$work/$c.raw.wasm" \
		2>"$work/$c.wasm.err"; then
		fail "the --no-compress skeleton does not compile for wasm32:"
		head -20 "$work/$c.wasm.err"
	fi
	[ $rc = 0 ] && echo "ok: $c"
done
exit $rc
