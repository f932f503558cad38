// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * host-minimal/tc.c against the real kernel, on `lo`: both ways the host
 * puts a tc program on an interface. This kernel has tcx links, so the
 * host's own attach never reaches the netlink path kernels before 6.6 take;
 * here it is called directly. Each case checks with iproute2's `tc` (not
 * with libbpf, which the code under test uses) that the filter and qdisc
 * are there and then gone, and with the program's own counter that packets
 * ran through it while attached and not after.
 *
 * usage: test_tc TARGETS_BPF_O (tests/host/bpf/targets.bpf.c, built)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf-state.h"
#include "tc.h"
#include "targets.h"

#define PACKETS 20

static const char *obj_path;
static struct bpf_object *obj;
static int prog_fd, hits_fd, lo;

/* what a shell command printed (stdout and stderr), or "" */
static char *output_of(const char *cmd)
{
	static char buf[8192];
	size_t n = 0, r;
	FILE *f = popen(cmd, "r");

	buf[0] = 0;
	if (!f)
		return buf;
	while (n < sizeof(buf) - 1 && (r = fread(buf + n, 1, sizeof(buf) - 1 - n, f)) > 0)
		n += r;
	buf[n] = 0;
	pclose(f);
	return buf;
}

static bool filter_listed(bool egress)
{
	return strstr(output_of(egress ? "tc filter show dev lo egress 2>&1" :
					 "tc filter show dev lo ingress 2>&1"),
		      "tgt_tc") != NULL;
}

static bool clsact_listed(void)
{
	return strstr(output_of("tc qdisc show dev lo 2>&1"), "clsact") != NULL;
}

static uint64_t tc_hits(void)
{
	uint32_t slot = TGT_TC;
	uint64_t v = 0;

	assert_int_equal(bpf_map_lookup_elem(hits_fd, &slot, &v), 0);
	return v;
}

/* PACKETS UDP datagrams to 127.0.0.1 (nobody listens: each one also brings
 * an ICMP reply, so the program sees at least PACKETS either way) */
static void send_packets(void)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9) };
	int s = socket(AF_INET, SOCK_DGRAM, 0), i;

	assert_true(s >= 0);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (i = 0; i < PACKETS; i++)
		assert_int_equal(sendto(s, "wbpf", 4, 0, (struct sockaddr *)&to, sizeof(to)), 4);
	close(s);
}

static void expect_counted(bool attached)
{
	uint64_t before = tc_hits();

	send_packets();
	if (attached)
		assert_true(tc_hits() - before >= PACKETS);
	else
		assert_int_equal(tc_hits(), before);
}

/* attach on a lo without a clsact qdisc: the qdisc is made and removed */
static void netlink_creates_and_removes(bool egress)
{
	struct wbpf_link *l;
	int err = 1;

	l = wbpf_tc__attach_netlink(prog_fd, lo, egress, &err);
	assert_non_null(l);
	assert_int_equal(err, 0);
	assert_int_equal(l->kind, WBPF_LINK_TC_HOOK);
	assert_true(l->hook_created);
	assert_true(clsact_listed());
	assert_true(filter_listed(egress));
	assert_false(filter_listed(!egress));
	expect_counted(true);

	wbpf_tc__detach_netlink(l);
	free(l);
	assert_false(filter_listed(egress));
	assert_false(clsact_listed());
	expect_counted(false);
}

static void test_netlink_ingress(void **state)
{
	(void)state;
	netlink_creates_and_removes(false);
}

static void test_netlink_egress(void **state)
{
	(void)state;
	netlink_creates_and_removes(true);
}

/* a clsact qdisc someone else made stays; only our filter goes */
static void test_netlink_keeps_existing_qdisc(void **state)
{
	struct wbpf_link *l;
	int err = 1;

	(void)state;
	assert_int_equal(system("tc qdisc add dev lo clsact"), 0);
	l = wbpf_tc__attach_netlink(prog_fd, lo, false, &err);
	assert_non_null(l);
	assert_int_equal(err, 0);
	assert_false(l->hook_created);
	assert_true(filter_listed(false));
	expect_counted(true);

	wbpf_tc__detach_netlink(l);
	free(l);
	assert_false(filter_listed(false));
	assert_true(clsact_listed());
	expect_counted(false);
	assert_int_equal(system("tc qdisc del dev lo clsact"), 0);
}

/* two filters on one hook: removing the second leaves the first working */
static void test_netlink_two_filters(void **state)
{
	struct wbpf_link *a, *b;
	int err = 1;

	(void)state;
	a = wbpf_tc__attach_netlink(prog_fd, lo, false, &err);
	assert_non_null(a);
	b = wbpf_tc__attach_netlink(prog_fd, lo, false, &err);
	assert_non_null(b);
	assert_int_equal(err, 0);
	assert_true(a->hook_created);
	assert_false(b->hook_created);
	assert_int_not_equal(a->tc_opts.priority, b->tc_opts.priority);

	wbpf_tc__detach_netlink(b);
	free(b);
	assert_true(filter_listed(false));
	assert_true(clsact_listed());
	expect_counted(true);

	wbpf_tc__detach_netlink(a);
	free(a);
	assert_false(filter_listed(false));
	assert_false(clsact_listed());
}

static void test_netlink_no_such_interface(void **state)
{
	struct wbpf_link *l;
	int err = 0;

	(void)state;
	l = wbpf_tc__attach_netlink(prog_fd, 0x7ffffff0, false, &err);
	assert_null(l);
	assert_true(err < 0);
	assert_false(clsact_listed());
}

/* the tcx link this kernel gives: no qdisc, gone when its fd closes */
static void test_tcx(void **state)
{
	struct wbpf_link *l;
	int err = 1;

	(void)state;
	l = wbpf_tc__attach_tcx(prog_fd, lo, false, &err);
	assert_non_null(l);
	assert_int_equal(l->kind, WBPF_LINK_FD);
	assert_true(l->fd >= 0);
	assert_false(clsact_listed());
	expect_counted(true);
	close(l->fd);
	free(l);
	expect_counted(false);
}

static int setup(void **state)
{
	struct bpf_program *p;
	struct bpf_map *m;

	(void)state;
	if (clsact_listed()) {
		fprintf(stderr, "test_tc: lo already has a clsact qdisc; these checks need "
				"one they made themselves\n");
		return -1;
	}
	lo = (int)if_nametoindex("lo");
	obj = bpf_object__open_file(obj_path, NULL);
	if (!lo || !obj) {
		fprintf(stderr, "test_tc: no lo, or cannot open %s\n", obj_path);
		return -1;
	}
	bpf_object__for_each_program (p, obj)
		bpf_program__set_autoload(p, strcmp(bpf_program__name(p), "tgt_tc") == 0);
	if (bpf_object__load(obj)) {
		fprintf(stderr, "test_tc: cannot load %s\n", obj_path);
		return -1;
	}
	prog_fd = bpf_program__fd(bpf_object__find_program_by_name(obj, "tgt_tc"));
	m = bpf_object__find_map_by_name(obj, "hits");
	hits_fd = m ? bpf_map__fd(m) : -1;
	return prog_fd < 0 || hits_fd < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	/* a failed case may have left its qdisc (there was none at setup) */
	if (clsact_listed() && system("tc qdisc del dev lo clsact") != 0)
		fprintf(stderr, "test_tc: could not remove lo's clsact qdisc\n");
	bpf_object__close(obj);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_netlink_ingress),
		cmocka_unit_test(test_netlink_egress),
		cmocka_unit_test(test_netlink_keeps_existing_qdisc),
		cmocka_unit_test(test_netlink_two_filters),
		cmocka_unit_test(test_netlink_no_such_interface),
		cmocka_unit_test(test_tcx),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: %s TARGETS_BPF_O\n", argv[0]);
		return 2;
	}
	obj_path = argv[1];
	return cmocka_run_group_tests(tests, setup, teardown);
}
