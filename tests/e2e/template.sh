#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# A template end to end: `wbpf new` makes a tree from it in a scratch
# directory, a plain `make` builds it, wasm-bpf runs it on the real kernel
# and it prints what the template is about:
#   minimal    the exec counter grows by the programs this test starts
#   events     the exec of a uniquely named program, with its PID and parent
#   histogram  the 1000-byte writes of dd in the 512 -> 1023 row
# usage: template.sh WASM-BPF WBPF BUILD_DIR TEMPLATE
. "$(dirname "$0")/lib.sh"
e2e_init "template-$4" "$1"
wbpf=$2
build=$3
template=$4
name=t_${template}_$$

cd "$TMP" || fail "cd $TMP"
WBPF_BUILD=$build "$wbpf" new "$name" --template "$template" >"$TMP/new.out" 2>&1 ||
	fail "wbpf new $name --template $template: $(cat "$TMP/new.out")"
ok "wbpf new $name --template $template"
make -C "$name" >"$TMP/make.out" 2>&1 || { cat "$TMP/make.out"; fail "make in $name/"; }
[ -f "$name/$name.wasm" ] || fail "make did not build $name/$name.wasm"
ok "make built $name/$name.wasm"
wasm=$TMP/$name/$name.wasm

case "$template" in
minimal)
	start_guest "$TMP/run.out" "$wasm"
	wait_for '^Counting execs'
	record_progs
	wait_for '^execs: [0-9]+'
	before=$(awk '/^execs:/ { n = $2 } END { print n + 0 }' "$GUEST_OUT")
	i=0
	while [ $i -lt 5 ]; do
		/bin/true
		i=$((i + 1))
	done
	sleep 2.2
	stop_guest INT
	[ "$GUEST_RC" = 0 ] || fail "exit status after Ctrl-C is $GUEST_RC"
	after=$(awk '/^execs:/ { n = $2 } END { print n + 0 }' "$GUEST_OUT")
	[ $((after - before)) -ge 5 ] || fail "the counter went from $before to $after, 5 programs were started"
	ok "the .bss counter, read live, went from $before to $after (5 programs started)"
	;;
events)
	prog=$TMP/wbpfev_$$
	cp /bin/true "$prog"
	comm=$(basename "$prog" | cut -c1-15)
	start_guest "$TMP/run.out" "$wasm"
	wait_for '^TIME +PID +PPID +UID +COMM +FILENAME$'
	record_progs
	"$prog" &
	child=$!
	wait "$child"
	wait_for "^[0-9:]+ +$child +$$ +0 +$comm +$prog$"
	ok "exec of $prog reported: pid $child, ppid $$, uid 0"
	stop_guest INT
	[ "$GUEST_RC" = 0 ] || fail "exit status after Ctrl-C is $GUEST_RC"
	;;
histogram)
	start_guest "$TMP/run.out" "$wasm" 2 1
	wait_for '^Tracing write'
	record_progs
	dd if=/dev/zero of=/dev/null bs=1000 count=50 2>/dev/null
	wait_exit 10
	[ "$GUEST_RC" = 0 ] || fail "'2 1' exits with status $GUEST_RC"
	n=$(awk '$1 == 512 && $2 == "->" && $3 == 1023 { print $5 }' "$GUEST_OUT")
	[ "${n:-0}" -ge 50 ] || fail "the 512 -> 1023 row counts ${n:-nothing}, dd wrote 50 blocks of 1000 bytes"
	ok "the 512 -> 1023 row counts $n (dd wrote 50 blocks of 1000 bytes)"
	;;
*)
	fail "no check for template '$template'"
	;;
esac
no_leftovers
e2e_done
