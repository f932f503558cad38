// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Attaching with explicit targets: bpf_program__attach_uprobe_opts() with a
 * function name (the host's "binary:function"), the ENOTSUP cases of the
 * uprobe calls, bpf_program__attach_target() for XDP by interface name,
 * bpf_program__attach_xdp() by ifindex (ENOTSUP), detaching, and the
 * original wasm-bpf SDK's bpf_set_prog_attach_target() used by skeleton
 * attach.
 *
 * usage: attach.wasm TRIGGER LIBC IFNAME
 *   after "ready" the driver checks that IFNAME has the XDP program and
 *   runs the trigger twice; the guest detaches both links ("detached"),
 *   then attaches XDP again through the skeleton ("ready2") and exits.
 */
#include "guest.h"
#include "sdk_attach.skel.h"

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_uprobe_opts, uopts, .func_name = "exit");
	struct sdk_attach_bpf *skel;
	struct bpf_link *up, *xdp, *bad;
	long long deadline;
	int err;

	if (argc != 4) {
		fprintf(stderr, "usage: attach TRIGGER LIBC IFNAME\n");
		return 2;
	}
	libbpf_set_print(NULL);
	skel = sdk_attach_bpf__open();
	if (!skel) {
		printf("open failed: %s\n", errname(errno));
		return 1;
	}
	set_trigger(skel->rodata->targ_comm, argv[1]);
	err = sdk_attach_bpf__load(skel);
	if (err) {
		printf("load failed: %s\n", errname(err));
		sdk_attach_bpf__destroy(skel);
		return 1;
	}
	/* nothing here auto-attaches: a bare SEC("uprobe") and SEC("xdp") */
	err = sdk_attach_bpf__attach(skel);
	printf("skeleton_attach=%s links=%d\n", errname(err),
	       !!skel->links.sdk_at_exit + !!skel->links.sdk_at_ret + !!skel->links.sdk_at_xdp);

	bad = bpf_program__attach_uprobe_opts(skel->progs.sdk_at_exit, 1234, argv[2], 0, &uopts);
	printf("uprobe_one_pid=%s\n", bad ? "link" : errname(errno));
	uopts.retprobe = true;
	bad = bpf_program__attach_uprobe_opts(skel->progs.sdk_at_exit, -1, argv[2], 0, &uopts);
	printf("uprobe_as_retprobe=%s\n", bad ? "link" : errname(errno));
	uopts.retprobe = false;
	bad = bpf_program__attach_xdp(skel->progs.sdk_at_xdp, 1);
	printf("attach_xdp_ifindex=%s\n", bad ? "link" : errname(errno));

	up = bpf_program__attach_uprobe_opts(skel->progs.sdk_at_exit, -1, argv[2], 0, &uopts);
	printf("uprobe=%s\n", up ? "link" : errname(errno));
	xdp = bpf_program__attach_target(skel->progs.sdk_at_xdp, argv[3]);
	printf("xdp=%s\n", xdp ? "link" : errname(errno));
	printf("ready\n");

	deadline = now_ms() + 15000;
	while (skel->bss->exit_calls < 2 && now_ms() < deadline)
		sleep_ms(20);
	printf("exit_calls=%llu\n", (unsigned long long)skel->bss->exit_calls);
	err = bpf_link__destroy(xdp);
	printf("xdp_destroy=%s\n", errname(err));
	err = bpf_link__destroy(up);
	printf("uprobe_destroy=%s\n", errname(err));
	printf("detached\n");
	/* give the driver time to look at the interface */
	deadline = now_ms() + 1500;
	while (now_ms() < deadline)
		sleep_ms(50);

	err = bpf_set_prog_attach_target(skel->progs.sdk_at_xdp, argv[3]);
	CHECK(err == 0, "bpf_set_prog_attach_target: %s", errname(err));
	err = sdk_attach_bpf__attach(skel);
	printf("compat_skeleton_attach=%s xdp=%s\n", errname(err),
	       skel->links.sdk_at_xdp ? "link" : "none");
	printf("ready2\n");
	deadline = now_ms() + 1500;
	while (now_ms() < deadline)
		sleep_ms(50);
	/* destroy detaches it */
	sdk_attach_bpf__destroy(skel);
	return guest_failures ? 1 : 0;
}
