#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The main job (`make demo`, after `make` built everything): the bootstrap
# example, a WebAssembly module run by wasm-bpf, traces process exec and exit
# on the real kernel for a few seconds while this script starts some
# processes; then it is stopped with SIGINT (as Ctrl-C would), its table is
# printed, and the rows of the processes started here are picked out. Exits
# non-zero when any of them has no EXEC or no EXIT row.
# usage: demo.sh BUILD_DIR [SECONDS]
set -u
build=${1:-build}
secs=${2:-3}
host=$build/host-minimal/wasm-bpf
wasm=$build/examples/bootstrap/bootstrap.wasm

for f in "$host" "$wasm"; do
	if [ ! -e "$f" ]; then
		echo "demo: $f is missing: build first (make, or make demo from the top directory)" >&2
		exit 1
	fi
done
if [ "$(id -u)" != 0 ]; then
	echo "demo: must run as root: loading BPF programs needs CAP_BPF and CAP_PERFMON" >&2
	exit 1
fi

out=$(mktemp /tmp/wbpf-demo.XXXXXX)
pid=
trap 'if [ -n "$pid" ]; then kill -KILL "$pid" 2>/dev/null; fi; rm -f "$out"' EXIT
trap 'exit 1' INT TERM

echo "demo: wasm-bpf $wasm: tracing exec and exit for ${secs}s while starting 3 processes"
"$host" "$wasm" >"$out" 2>&1 &
pid=$!
tries=0
until grep -q '^TIME ' "$out"; do
	if ! kill -0 "$pid" 2>/dev/null || [ $tries -ge 100 ]; then
		echo "demo: bootstrap did not start; it printed:" >&2
		sed 's/^/  /' "$out" >&2
		exit 1
	fi
	tries=$((tries + 1))
	sleep 0.1
done

# three processes to look for: a shell exiting with 3, ls, uname
sh -c 'sleep 0.5; exit 3' &
p1=$!
ls / >/dev/null &
p2=$!
uname -r >/dev/null &
p3=$!
wait "$p1" "$p2" "$p3"
sleep "$secs"

kill -INT "$pid"
wait "$pid"
rc=$?
pid=
cat "$out"
echo
if [ $rc != 0 ]; then
	echo "demo: bootstrap exited with status $rc after SIGINT" >&2
	exit 1
fi

echo "demo: the rows of the processes started by this demo:"
missing=
for p in $p1 $p2 $p3; do
	rows=$(awk -v p="$p" '($2 == "EXEC" || $2 == "EXIT") && $4 == p' "$out")
	[ -n "$rows" ] && echo "$rows"
	echo "$rows" | awk '$2 == "EXEC"' | grep -q . || missing="$missing EXEC:$p"
	echo "$rows" | awk '$2 == "EXIT"' | grep -q . || missing="$missing EXIT:$p"
done
if [ -n "$missing" ]; then
	echo "demo: FAILED: bootstrap printed no row for$missing (processes $p1 $p2 $p3)" >&2
	exit 1
fi
echo "demo: ok: EXEC and EXIT of all 3 processes ($p1 $p2 $p3), with their PIDs and exit codes"
