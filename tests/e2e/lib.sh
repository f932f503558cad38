# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Shared by the end-to-end tests (sourced): run a guest under wasm-bpf in
# the background, wait for what it prints, stop it like Ctrl-C does, and
# check that every BPF program it had loaded is gone from the kernel.
#
# Each test script: . lib.sh; e2e_init NAME HOST; ...; e2e_done
set -u

command -v bpftool >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
. "$(dirname "$0")/../host/bpf-lib.sh"

e2e_init()
{
	E2E_NAME=$1
	HOST=$2
	[ -x "$HOST" ] || { echo "FAIL: $E2E_NAME: no wasm-bpf at $HOST (build it first)"; exit 1; }
	TMP=$(mktemp -d "/tmp/wbpf-e2e-$E2E_NAME.XXXXXX")
	GUEST_PID=
	E2E_PROGS=
	E2E_CLEANUP=
	trap e2e_cleanup EXIT
	trap 'exit 1' INT TERM
}

e2e_cleanup()
{
	if [ -n "$GUEST_PID" ] && kill -0 "$GUEST_PID" 2>/dev/null; then
		kill -KILL "$GUEST_PID" 2>/dev/null
	fi
	[ -z "$E2E_CLEANUP" ] || eval "$E2E_CLEANUP"
	rm -rf "$TMP"
}

ok()
{
	echo "ok: $*"
}

# fail MSG: the reason, then what the guest printed
fail()
{
	echo "FAIL: $E2E_NAME: $*"
	if [ -n "${GUEST_OUT:-}" ] && [ -f "$GUEST_OUT" ]; then
		echo "---- guest output ($GUEST_OUT) ----"
		tail -n 60 "$GUEST_OUT"
		echo "----"
	fi
	exit 1
}

# start_guest OUT WASM [ARGS...]: wasm-bpf WASM ARGS in the background,
# stdout and stderr to OUT
start_guest()
{
	GUEST_OUT=$1
	shift
	"$HOST" "$@" >"$GUEST_OUT" 2>&1 &
	GUEST_PID=$!
}

# start_guest_cmd OUT CMD...: like start_guest for a command that execs
# wasm-bpf (ip netns exec ...): the PID stays the same
start_guest_cmd()
{
	GUEST_OUT=$1
	shift
	"$@" >"$GUEST_OUT" 2>&1 &
	GUEST_PID=$!
}

# wait_for PATTERN [SECONDS]: until the guest's output has a line matching
# the extended regex PATTERN
wait_for()
{
	deadline=$(($(date +%s) + ${2:-15}))
	while ! grep -Eq -- "$1" "$GUEST_OUT" 2>/dev/null; do
		if ! kill -0 "$GUEST_PID" 2>/dev/null; then
			grep -Eq -- "$1" "$GUEST_OUT" 2>/dev/null && return 0
			fail "the guest exited before printing /$1/"
		fi
		[ "$(date +%s)" -lt "$deadline" ] || fail "no line matching /$1/ within ${2:-15}s"
		sleep 0.1
	done
}

# record_progs: the IDs of the BPF programs the running guest's host holds,
# from its descriptors' fdinfo (precise even while other programs with the
# same names are loaded by someone else)
record_progs()
{
	E2E_PROGS=$(held_progs "$GUEST_PID")
	[ -n "$E2E_PROGS" ] || fail "the running guest holds no BPF program"
	ok "the guest holds BPF programs $E2E_PROGS"
}

# stop_guest [SIGNAL]: send SIGINT (Ctrl-C) or SIGNAL, wait up to 10 s;
# sets GUEST_RC
stop_guest()
{
	kill -"${1:-INT}" "$GUEST_PID" 2>/dev/null
	wait_exit 10
}

# wait_exit SECONDS: wait for the guest to end by itself; sets GUEST_RC
wait_exit()
{
	deadline=$(($(date +%s) + $1))
	while kill -0 "$GUEST_PID" 2>/dev/null; do
		if [ "$(date +%s)" -ge "$deadline" ]; then
			kill -KILL "$GUEST_PID" 2>/dev/null
			wait "$GUEST_PID" 2>/dev/null
			GUEST_PID=
			fail "the guest did not exit within $1 s"
		fi
		sleep 0.1
	done
	wait "$GUEST_PID"
	GUEST_RC=$?
	GUEST_PID=
}

# no_leftovers: none of the recorded programs is still in the kernel
no_leftovers()
{
	[ -n "$E2E_PROGS" ] || fail "no programs were recorded: nothing to check"
	for id in $E2E_PROGS; do
		# a second for the kernel to free it
		prog_gone "$id" 20 ||
			fail "program $id is still loaded after the guest exited: $(bpftool prog show id "$id" | head -1)"
	done
	ok "no program the guest loaded is left in the kernel ($E2E_PROGS)"
}

e2e_done()
{
	echo "PASS: $E2E_NAME"
}
