#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# sdk/argp.h parses like glibc's argp: argp_demo.c built against each is run
# with the same command lines; stdout, stderr and the exit status must be
# the same (program names aside).
# usage: compare-argp.sh CC SDK_DIR SRC_DIR WORK
set -u
cc=$1
sdk=$2
src=$3
work=$4
mkdir -p "$work/glibc" "$work/sdk"
"$cc" -Wall -Wextra -Werror -o "$work/glibc/argp_demo" "$src/argp_demo.c" || exit 1
"$cc" -Wall -Wextra -Werror -DWBPF_ARGP_NATIVE_TEST -I"$sdk" -o "$work/sdk/argp_demo" "$src/argp_demo.c" || exit 1
grep -q wbpf_argp "$work/sdk/argp_demo" || { echo "FAIL: the SDK build did not use sdk/argp.h"; exit 1; }

rc=0
n=0
run()
{
	for impl in glibc sdk; do
		(cd "$work/$impl" && ./argp_demo "$@" >out 2>err; echo "status=$?" >>out)
	done
	n=$((n + 1))
	for f in out err; do
		if ! cmp -s "$work/glibc/$f" "$work/sdk/$f"; then
			echo "FAIL: argp_demo $*: std$f differs (glibc vs sdk):"
			diff "$work/glibc/$f" "$work/sdk/$f" | head -20
			rc=1
			return
		fi
	done
	echo "ok: argp_demo $* -> $(head -1 "$work/sdk/out")"
}

run
run -v
run --verbose -d 250 -p 42
run -vd 250
run -d250 a b
run a -v b --pid=7 c
run --dur=5
run --debug
run -c
run -c3
run --count
run --count=9
run -- -v -d
run --name-only x
run --name
run -x
run --bogus
run -d
run --pid
run -d 0
run --verbose=1
run a b c d
run -p -3
run -t -i 5 --cgroup=/sys/fs/cgroup/x
run -C /a -ti7 n1
run --usage
run --help
run -?
run -h
run -V
run --version
[ $rc = 0 ] && echo "ok: $n command lines parse the same with sdk/argp.h and glibc's argp"
exit $rc
