#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The main job: the bootstrap example traces process exec/exit on the real
# kernel for a few seconds while this script starts some processes.
# usage: demo.sh BUILD_DIR [SECONDS]
set -eu
build=${1:-build}
secs=${2:-4}
host=$build/host-minimal/wasm-bpf
wasm=$build/examples/bootstrap/bootstrap.wasm
if [ ! -x "$host" ] || [ ! -f "$wasm" ]; then
	echo "demo: $wasm or $host is not built yet; the bootstrap example and the host are" >&2
	echo "demo: not part of this tree yet, so there is nothing real to run" >&2
	exit 1
fi
[ "$(id -u)" = 0 ] || { echo "demo: must run as root (BPF needs CAP_BPF/CAP_PERFMON)" >&2; exit 1; }
if [ ! -d /sys/kernel/tracing/events ] && [ ! -d /sys/kernel/debug/tracing/events ]; then
	mount -t tracefs nodev /sys/kernel/tracing
fi
"$host" "$wasm" &
pid=$!
sleep 1
for i in 1 2 3; do
	sh -c "sleep 0.$i; exit $i" || true
	ls / >/dev/null
	uname -r >/dev/null
done
sleep "$secs"
kill -INT "$pid"
wait "$pid"
