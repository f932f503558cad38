#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The SDK's kernel tests: runs a guest of tests/sdk/guests under the wasm-bpf
# host, makes the kernel events it waits for (execs of a trigger binary with
# a name of this run's own, pinned to CPUs), looks at the kernel with bpftool
# where the SDK claims something about it, and checks the lines the guest
# printed. Run through scripts/kernel-test.sh (root, BPF, tracefs).
#
# usage: sdk-kernel-test.sh HOST GUEST_DIR CASE
#   CASE: globals | globals-control | lifecycle | maps | buffers | buffers-bcc |
#         attach
set -u
host=$1
dir=$2
case=$3

if [ ! -x "$host" ]; then
	echo "FAIL: the wasm-bpf host ($host) is not built: merge branch 'host' to run the SDK's kernel tests"
	exit 1
fi
command -v bpftool >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"

tmp=$(mktemp -d /tmp/wbpf-sdk.XXXXXX)
trig=wbpfsdk_$$
trig=$(printf '%.15s' "$trig")
cp /bin/true "$tmp/$trig"
out=$tmp/out
pid=
: >"$out"

ifa=
cleanup()
{
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	[ -n "$ifa" ] && ip link del "$ifa" 2>/dev/null
	rm -rf "$tmp"
}

fail()
{
	echo "FAIL ($case): $*"
	echo "--- guest output:"
	cat "$out"
	echo "---"
	cleanup
	exit 1
}

start()
{
	guest=$1
	shift
	"$host" "$dir/sdk_guest_$guest.wasm" "$@" >"$out" 2>&1 &
	pid=$!
}

# wait until the guest printed a line containing $1 (20 s at most)
wait_line()
{
	i=0
	while [ $i -lt 200 ]; do
		grep -qF -- "$1" "$out" && return 0
		kill -0 "$pid" 2>/dev/null || {
			grep -qF -- "$1" "$out" && return 0
			fail "the guest exited before printing '$1'"
		}
		sleep 0.1
		i=$((i + 1))
	done
	fail "no '$1' from the guest within 20 s"
}

# run the trigger $1 times on CPU $2
trigger()
{
	left=$1
	while [ "$left" -gt 0 ]; do
		taskset -c "$2" "$tmp/$trig" || fail "cannot run the trigger on CPU $2"
		left=$((left - 1))
	done
}

wait_exit()
{
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 "$pid" 2>/dev/null && fail "the guest did not finish within 30 s"
	wait "$pid"
	rc=$?
	pid=
	[ "$rc" = 0 ] || fail "the host exited with status $rc"
	grep -q '^FAIL' "$out" && fail "the guest reported failed checks"
	return 0
}

# the guest printed exactly this line
expect()
{
	grep -qxF -- "$1" "$out" || fail "expected the line '$1'"
	echo "ok: $1"
}

# the guest printed a line starting with this
expect_prefix()
{
	grep -q "^$1" "$out" || fail "expected a line starting with '$1'"
	echo "ok: $(grep -m1 "^$1" "$out")"
}

# number of loaded programs with this (kernel, 15-char) name
prog_count()
{
	bpftool prog show 2>/dev/null | grep -c " name $1 "
}

# nothing of this test's object is left in the kernel
expect_no_progs()
{
	for p in "$@"; do
		c=$(prog_count "$p")
		[ "$c" = 0 ] || fail "$c program(s) named $p still loaded after the host exited"
	done
	echo "ok: no program named $* left in the kernel"
}

possible_cpus()
{
	r=$(cat /sys/devices/system/cpu/possible)
	case "$r" in
	*-*) echo $((${r#*-} + 1)) ;;
	*) echo $((r + 1)) ;;
	esac
}

case "$case" in
globals)
	# .rodata (trigger name, step_mul=3) and .data (data_step=2) set before
	# load; data_step=10 written live after two execs; .bss read live
	start globals "$trig" 4
	wait_line ready
	trigger 2 0
	wait_line step=10
	trigger 2 0
	wait_exit
	expect "initial step_mul=1 data_step=1 foo_count=1000"
	expect "done count=4 sum=72 foo=1004"
	# libbpf's KERNEL_VERSION() of `uname -r`, patch level capped at 255
	kv=$(uname -r | sed -E 's/^([0-9]+)\.([0-9]+)\.?([0-9]*).*/\1 \2 \3/')
	set -- $kv
	kver=$(($1 * 65536 + $2 * 256 + (${3:-0} > 255 ? 255 : ${3:-0})))
	expect "kconfig LINUX_KERNEL_VERSION=$kver"
	expect "kver_seen=$kver"
	expect_no_progs sdk_gl_exec
	;;
globals-control)
	# the same guest and triggers without the .rodata trigger name: the
	# BPF program counts nothing
	start globals - 0
	wait_line ready
	trigger 2 0
	wait_exit
	expect "done count=0 sum=0 foo=1000"
	expect_no_progs sdk_gl_exec
	;;
lifecycle)
	start lifecycle "$trig"
	wait_line ready
	# autoload off kept sdk_lc_off out of the kernel
	[ "$(prog_count sdk_lc_a)" = 1 ] || fail "sdk_lc_a is not loaded once"
	[ "$(prog_count sdk_lc_b)" = 1 ] || fail "sdk_lc_b is not loaded once"
	[ "$(prog_count sdk_lc_off)" = 0 ] || fail "sdk_lc_off is loaded despite autoload off"
	echo "ok: kernel has sdk_lc_a and sdk_lc_b, not sdk_lc_off"
	# set_max_entries reached the kernel map
	bpftool map show name sdk_lc_map | grep -q "max_entries 4242 " ||
		fail "kernel map sdk_lc_map: $(bpftool map show name sdk_lc_map 2>&1 | tr '\n' ' ')"
	echo "ok: kernel map sdk_lc_map has max_entries 4242"
	trigger 1 0
	wait_line "detached sdk_lc_a"
	trigger 2 0
	wait_exit
	expect "debug_msgs=yes"
	# __elf_bytes(): the linked object, byte for byte, though embedded compressed
	linked=$dir/linked/sdk_lifecycle.bpf.o
	adler=$(od -An -v -tu1 "$linked" | awk '
		BEGIN { a = 1; b = 0 }
		{ for (i = 1; i <= NF; i++) { a = (a + $i) % 65521; b = (b + a) % 65521 } }
		END { printf "%.0f", b * 65536 + a }')
	expect "elf_bytes size=$(wc -c <"$linked") magic=ELF adler32=$adler"
	expect "attach_xdp=NULL get_error=ENOTSUP sdk_msgs=1"
	expect_prefix "print\[0\]: libbpf-wasm: bpf_program__attach_xdp() by ifindex is not supported"
	expect "silenced sdk_msgs=1 errno=ENOTSUP"
	expect "max_entries_before=16"
	expect "max_entries=4242"
	expect "set_max_entries_after_load=EBUSY"
	expect "set_autoload_after_load=EINVAL"
	grep -q '^off_fd=valid' "$out" && fail "bpf_program__fd() of a program not loaded gave an fd"
	expect "a_fd=valid"
	expect "links a=yes b=yes off=no"
	expect "first a=1 b=1"
	expect "detached sdk_lc_a err=0"
	expect "done a=1 b=3 off=0 map=3 lookup=0"
	expect_no_progs sdk_lc_a sdk_lc_b sdk_lc_off
	;;
maps)
	ncpus=$(possible_cpus)
	start maps "$trig" 5
	wait_line ready
	trigger 2 0
	trigger 3 1
	wait_exit
	expect "ncpus=$ncpus value_size=4"
	expect "update_noexist_again=EEXIST"
	expect "iter_end=ENOENT"
	expect "keys=1,3,5,9"
	expect "lookup9=0 a=9000 b=10"
	expect "lookup_bad_value_size=EINVAL"
	expect "lookup_bad_key_size=EINVAL"
	expect "map_first_key=0"
	expect "lookup_and_delete3=0 a=3000"
	expect "lookup3_after=ENOENT"
	expect "delete1=0"
	expect "delete1_again=ENOENT"
	expect "phash_update=0"
	want="phash_lookup=0"
	pc="pcpu cpu0=2 cpu1=3"
	i=0
	while [ $i -lt "$ncpus" ]; do
		want="$want cpu$i=$((100 + i))"
		[ $i -ge 2 ] && pc="$pc cpu$i=0"
		i=$((i + 1))
	done
	expect "$want"
	expect "phash_lookup_one_slot=EINVAL"
	expect "$pc sum=5"
	expect_no_progs sdk_mp_exec
	;;
buffers)
	start buffers "$trig" 3 libbpf
	wait_line ready
	trigger 3 1
	wait_exit
	expect "ring_on_perf_map=EINVAL"
	for s in 1 2 3; do
		expect "rb1 seq=$s comm=$trig"
		expect "rb2 seq=$s size=16384 pattern=ok"
		expect_prefix "perf cpu=1 seq=$s comm=$trig size="
	done
	expect "done small=3 big=3 perf=3 big_bad=0"
	expect_no_progs sdk_bf_exec
	;;
buffers-bcc)
	start buffers "$trig" 2 bcc
	wait_line ready
	trigger 2 0
	wait_exit
	for s in 1 2; do
		expect "rb1 seq=$s comm=$trig"
		expect "bcc perf seq=$s comm=$trig"
	done
	expect "done small=2 big=2 perf=2 big_bad=0"
	expect_no_progs sdk_bf_exec
	;;
attach)
	# a veth pair of this run's own for the XDP program
	ifa=$(printf '%.15s' "wbsdk$$")
	ip link add "$ifa" type veth peer name "${ifa}p" || fail "cannot create a veth pair"
	ip link set "$ifa" up
	libc=$(ldd /bin/true | sed -n 's/.*libc\.so\.6 => \([^ ]*\).*/\1/p')
	[ -n "$libc" ] || fail "cannot find libc of /bin/true"
	start attach "$trig" "$libc" "$ifa"
	wait_line ready
	xdp_id=$(ip -d link show dev "$ifa" | sed -n 's/.*prog\/xdp id \([0-9]*\).*/\1/p' | head -1)
	[ -n "$xdp_id" ] || fail "no XDP program on $ifa after bpf_program__attach_target()"
	bpftool prog show id "$xdp_id" | grep -q " name sdk_at_xdp " ||
		fail "the XDP program on $ifa is not sdk_at_xdp"
	echo "ok: $ifa runs sdk_at_xdp (prog id $xdp_id)"
	trigger 2 0
	wait_line detached
	ip -d link show dev "$ifa" | grep -q 'prog/xdp' && fail "XDP still on $ifa after bpf_link__destroy()"
	echo "ok: no XDP program on $ifa after bpf_link__destroy()"
	wait_line ready2
	xdp_id=$(ip -d link show dev "$ifa" | sed -n 's/.*prog\/xdp id \([0-9]*\).*/\1/p' | head -1)
	[ -n "$xdp_id" ] && bpftool prog show id "$xdp_id" | grep -q " name sdk_at_xdp " ||
		fail "bpf_set_prog_attach_target() + skeleton attach did not put sdk_at_xdp on $ifa"
	echo "ok: $ifa runs sdk_at_xdp again, attached by the skeleton"
	wait_exit
	ip -d link show dev "$ifa" | grep -q 'prog/xdp' && fail "XDP still on $ifa after destroy"
	ip link del "$ifa"
	expect "skeleton_attach=0 links=0"
	expect "uprobe_one_pid=ENOTSUP"
	expect "uprobe_as_retprobe=ENOTSUP"
	expect "attach_xdp_ifindex=ENOTSUP"
	expect "uprobe=link"
	expect "xdp=link"
	expect "exit_calls=2"
	expect "xdp_destroy=0"
	expect "uprobe_destroy=0"
	expect "compat_skeleton_attach=0 xdp=link"
	expect_no_progs sdk_at_exit sdk_at_ret sdk_at_xdp
	;;
*)
	fail "unknown case"
	;;
esac
cleanup
echo "PASS ($case)"
