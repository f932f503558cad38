// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* xdp: counts the packets arriving on an interface per IP protocol and
 * prints totals and rates every interval, user side (a wasm module run by
 * wasm-bpf). The XDP program is attached by interface name through the host.
 */
#include <argp.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
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

static volatile bool exiting;

const char *argp_program_version = "xdp 0.1";
const char argp_program_doc[] =
	"Count the packets arriving on an interface, per IP protocol.\n"
	"\n"
	"An XDP program counts packets and bytes in a per-CPU array; every\n"
	"interval (default 1 s) the totals and rates of each protocol seen so far\n"
	"are printed.\n"
	"\n"
	"USAGE: xdp [-i IFNAME] [-v] [interval] [count]\n"
	"\n"
	"EXAMPLES:\n"
	"    xdp             # count on lo, print every second\n"
	"    xdp -i eth0 5   # count on eth0, print every 5 seconds\n"
	"    xdp 1 10        # print 10 times, then exit\n";

static const struct argp_option opts[] = {
	{ "interface", 'i', "IFNAME", 0, "Interface to attach to (default: lo)", 0 },
	{ "verbose", 'v', NULL, 0, "Verbose debug output", 0 },
	{ NULL, 'h', NULL, OPTION_HIDDEN, "Show the full help", 0 },
	{},
};

/* a decimal number in [1, INT_MAX], or a usage error naming what it is */
static long parse_positive(struct argp_state *state, const char *what, const char *arg)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || *end || end == arg || v <= 0 || v > INT_MAX) {
		fprintf(stderr, "Invalid %s: %s\n", what, arg);
		argp_usage(state);
	}
	return v;
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	static int pos_args;

	switch (key) {
	case 'h':
		argp_state_help(state, stderr, ARGP_HELP_STD_HELP);
		break;
	case 'i':
		/* IFNAMSIZ is 16 with the terminating NUL */
		if (!*arg || strlen(arg) >= 16) {
			fprintf(stderr, "Invalid interface name: '%s'\n", arg);
			argp_usage(state);
		}
		env.ifname = arg;
		break;
	case 'v':
		env.verbose = true;
		break;
	case ARGP_KEY_ARG:
		pos_args++;
		if (pos_args == 1) {
			env.interval = parse_positive(state, "interval", arg);
		} else if (pos_args == 2) {
			env.times = parse_positive(state, "count", arg);
		} else {
			fprintf(stderr, "Unrecognized positional argument: %s\n", arg);
			argp_usage(state);
		}
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = {
	.options = opts,
	.parser = parse_arg,
	.args_doc = "[interval] [count]",
	.doc = argp_program_doc,
};

static int libbpf_print_fn(enum libbpf_print_level level, const char *format, va_list args)
{
	if (level == LIBBPF_DEBUG && !env.verbose)
		return 0;
	return vfprintf(stderr, format, args);
}

static void sig_handler(int sig)
{
	(void)sig;
	exiting = true;
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
	double last, now;
	int err, ncpus;

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return err;

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

	signal(SIGINT, sig_handler);
	signal(SIGTERM, sig_handler);

	printf("Counting packets on %s... Hit Ctrl-C to end.\n", env.ifname);
	printf("%-8s %-8s %-7s %12s %10s %14s %12s\n", "TIME", "IFACE", "PROTO", "PACKETS", "PKT/S",
	       "BYTES", "BYTES/S");
	last = now_s();
	while (1) {
		sleep(env.interval);
		now = now_s();
		err = print_stats(bpf_map__fd(skel->maps.stats), values, ncpus, prev,
				  now > last ? now - last : 1);
		if (err)
			break;
		last = now;
		if (exiting || --env.times == 0)
			break;
	}

cleanup:
	xdp_bpf__destroy(skel);
out:
	free(values);
	free(prev);
	return err < 0 ? -err : 0;
}
