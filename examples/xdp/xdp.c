// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* xdp: counts the packets arriving on an interface per IP protocol and
 * prints totals and rates every interval, user side (a wasm module run by
 * wasm-bpf). The XDP program is attached by interface name through the host.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "libbpf-wasm.h"
#include "xdp.h"
#include "xdp.skel.h"

static struct env {
	const char *ifname;
	long interval;
	long times;
	bool verbose;
} env = {
	.ifname = "lo",
	.interval = 1,
	.times = LONG_MAX,
};

/* wasi-libc has no argp: getopt_long with argp's --help text instead. */
static const char usage_text[] =
	"Usage: xdp [OPTION...] [interval] [count]\n"
	"Count the packets arriving on an interface, per IP protocol.\n"
	"\n"
	"An XDP program counts packets and bytes in a per-CPU array; every\n"
	"interval (default 1 s) the totals and rates of each protocol seen so far\n"
	"are printed.\n"
	"\n"
	"USAGE: xdp [-i <ifname>] [-v] [interval] [count]\n"
	"\n"
	"EXAMPLES:\n"
	"    xdp             # count on lo, print every second\n"
	"    xdp -i eth0 5   # count on eth0, print every 5 seconds\n"
	"    xdp 1 10        # print 10 times, then exit\n"
	"\n"
	"  -i, --interface=IFNAME     Interface to attach to (default: lo)\n"
	"  -v, --verbose              Verbose debug output\n"
	"  -h, --help                 Give this help list\n";

/* clang-format off */
static const struct option long_options[] = {
	{ "interface", required_argument, NULL, 'i' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{},
};
/* clang-format on */

static int parse_positive(const char *what, const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v <= 0 || v > INT_MAX) {
		fprintf(stderr, "xdp: invalid %s: %s\n", what, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* 0: run; 1: exit successfully (help shown); -1: exit with an error */
static int parse_args(int argc, char **argv)
{
	int opt;

	while ((opt = getopt_long(argc, argv, "i:vh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if (!*optarg || strlen(optarg) >= 16) {
				fprintf(stderr, "xdp: invalid interface name: '%s'\n", optarg);
				return -1;
			}
			env.ifname = optarg;
			break;
		case 'v':
			env.verbose = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		default:
			fprintf(stderr, "Try 'xdp --help' for more information.\n");
			return -1;
		}
	}
	if (optind < argc && parse_positive("interval", argv[optind++], &env.interval))
		return -1;
	if (optind < argc && parse_positive("count", argv[optind++], &env.times))
		return -1;
	if (optind < argc) {
		fprintf(stderr, "xdp: unexpected argument: %s\n", argv[optind]);
		return -1;
	}
	return 0;
}

static int libbpf_print_fn(enum libbpf_print_level level, const char *format, va_list args)
{
	if (level == LIBBPF_DEBUG && !env.verbose)
		return 0;
	return vfprintf(stderr, format, args);
}

/* Sleep one interval; true when Ctrl-C cut it short (wasm-bpf ends a sleep
 * with EINTR on SIGINT/SIGTERM). sleep() cannot tell: it returns the whole
 * seconds left, 0 when less than one second was left. */
static bool interval_sleep(long seconds)
{
	struct timespec ts = { .tv_sec = seconds };

	return nanosleep(&ts, NULL) < 0 && errno == EINTR;
}

static const char *proto_name(unsigned int key)
{
	static char buf[16];

	switch (key) {
	case 0:
		return "HOPOPT";
	case 1:
		return "ICMP";
	case 2:
		return "IGMP";
	case 6:
		return "TCP";
	case 17:
		return "UDP";
	case 58:
		return "ICMPv6";
	case 132:
		return "SCTP";
	case XDP_KEY_NON_IP:
		return "non-IP";
	}
	snprintf(buf, sizeof(buf), "proto%u", key);
	return buf;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Sum one key over all CPUs. */
static int read_key(int fd, __u32 key, struct datarec *values, int ncpus, struct datarec *sum)
{
	int err, i;

	err = bpf_map_lookup_elem(fd, &key, values);
	if (err < 0)
		return err;
	sum->packets = 0;
	sum->bytes = 0;
	for (i = 0; i < ncpus; i++) {
		sum->packets += values[i].packets;
		sum->bytes += values[i].bytes;
	}
	return 0;
}

static int print_stats(int fd, struct datarec *values, int ncpus, struct datarec *prev,
		       double elapsed)
{
	struct datarec cur;
	char ts[32];
	struct tm *tm;
	__u32 key;
	time_t t;
	int err;

	time(&t);
	tm = localtime(&t);
	strftime(ts, sizeof(ts), "%H:%M:%S", tm);
	for (key = 0; key < XDP_NKEYS; key++) {
		err = read_key(fd, key, values, ncpus, &cur);
		if (err < 0) {
			fprintf(stderr, "xdp: failed to read counter %u: %d\n", key, err);
			return err;
		}
		if (!cur.packets)
			continue;
		printf("%-8s %-8s %-7s %12llu %10.1f %14llu %12.1f\n", ts, env.ifname,
		       proto_name(key), cur.packets, (cur.packets - prev[key].packets) / elapsed,
		       cur.bytes, (cur.bytes - prev[key].bytes) / elapsed);
		prev[key] = cur;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct datarec *values = NULL, *prev = NULL;
	struct xdp_bpf *skel;
	bool exiting = false;
	double last, now;
	int err, ncpus;

	err = parse_args(argc, argv);
	if (err)
		return err > 0 ? 0 : 1;

	/* output is often a pipe: show each line as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	ncpus = libbpf_num_possible_cpus();
	if (ncpus <= 0) {
		fprintf(stderr, "xdp: cannot count the possible CPUs: %d\n", ncpus);
		return 1;
	}
	values = calloc(ncpus, sizeof(*values));
	prev = calloc(XDP_NKEYS, sizeof(*prev));
	if (!values || !prev) {
		fprintf(stderr, "xdp: out of memory\n");
		err = -ENOMEM;
		goto out;
	}

	skel = xdp_bpf__open_and_load();
	if (!skel) {
		err = -errno;
		fprintf(stderr, "Failed to open and load BPF skeleton\n");
		goto out;
	}

	skel->links.xdp_count = bpf_program__attach_target(skel->progs.xdp_count, env.ifname);
	if (!skel->links.xdp_count) {
		err = -errno;
		fprintf(stderr, "Failed to attach XDP program to %s: %s\n", env.ifname,
			strerror(errno));
		goto cleanup;
	}

	printf("Counting packets on %s... Hit Ctrl-C to end.\n", env.ifname);
	printf("%-8s %-8s %-7s %12s %10s %14s %12s\n", "TIME", "IFACE", "PROTO", "PACKETS", "PKT/S",
	       "BYTES", "BYTES/S");
	last = now_s();
	while (!exiting) {
		/* Ctrl-C interrupts the sleep: print what we have, then end */
		if (interval_sleep(env.interval))
			exiting = true;
		now = now_s();
		err = print_stats(bpf_map__fd(skel->maps.stats), values, ncpus, prev,
				  now > last ? now - last : 1);
		if (err)
			break;
		last = now;
		if (--env.times == 0)
			exiting = true;
	}

cleanup:
	xdp_bpf__destroy(skel);
out:
	free(values);
	free(prev);
	return err < 0 ? -err : 0;
}
