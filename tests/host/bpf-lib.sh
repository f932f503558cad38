# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Shared (sourced) by the host and end-to-end test scripts: which BPF
# programs a process holds, and waiting for one to leave the kernel.

# held_progs PID: the IDs of the BPF programs PID holds open, from its
# descriptors' fdinfo (precise even while others load programs of the same
# names), sorted, on one line
held_progs()
{
	cat /proc/"$1"/fdinfo/* 2>/dev/null | sed -n 's/^prog_id:[[:space:]]*\([0-9]*\)$/\1/p' |
		sort -un | tr '\n' ' ' | sed 's/ $//'
}

# prog_gone ID TRIES: true once program ID is out of the kernel, checked
# every 50 ms up to TRIES times (the kernel frees a detached tracing
# program after an RCU grace period, not at once)
prog_gone()
{
	_i=0
	while bpftool prog show id "$1" >/dev/null 2>&1; do
		[ $_i -lt "$2" ] || return 1
		sleep 0.05
		_i=$((_i + 1))
	done
}
