// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* sockfilter: reports the IPv4 packets seen on an interface, user side (a
 * wasm module run by wasm-bpf). Like libbpf-bootstrap's sockfilter, but the
 * raw socket is opened by the host: attaching a socket filter to an
 * interface name asks wasm-bpf for a packet socket bound to it.
 */
#include <argp.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/libbpf.h>
#include "sockfilter.h"
#include "sockfilter.skel.h"

static struct env {
	const char *ifname;
	bool verbose;
} env = {
	.ifname = "lo",
};

const char *argp_program_version = "sockfilter 0.1";
const char argp_program_doc[] =
	"Report the IPv4 packets seen on a network interface.\n"
	"\n"
	"A BPF socket filter on a packet socket bound to the interface sends the\n"
	"protocol, addresses and ports of each packet through a ring buffer.\n"
	"\n"
	"USAGE: sockfilter [-i IFNAME] [-v]\n";

static const struct argp_option opts[] = {
	{ "interface", 'i', "IFNAME", 0, "Interface to listen on (default: lo)", 0 },
	{ "verbose", 'v', NULL, 0, "Verbose debug output", 0 },
	{ NULL, 'h', NULL, OPTION_HIDDEN, "Show the full help", 0 },
	{},
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
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
		fprintf(stderr, "Unrecognized positional argument: %s\n", arg);
		argp_usage(state);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = {
	.options = opts,
	.parser = parse_arg,
	.doc = argp_program_doc,
};

static int libbpf_print_fn(enum libbpf_print_level level, const char *format, va_list args)
{
	if (level == LIBBPF_DEBUG && !env.verbose)
		return 0;
	return vfprintf(stderr, format, args);
}

static const char *proto_name(unsigned int proto)
{
	static char buf[16];

	switch (proto) {
	case 1:
		return "ICMP";
	case 2:
		return "IGMP";
	case 6:
		return "TCP";
	case 17:
		return "UDP";
	case 47:
		return "GRE";
	case 132:
		return "SCTP";
	}
	snprintf(buf, sizeof(buf), "%u", proto);
	return buf;
}

static const char *pkt_type_name(unsigned int pkt_type)
{
	/* PACKET_HOST .. PACKET_OUTGOING of <linux/if_packet.h> */
	static const char *const names[] = { "in", "bcast", "mcast", "other", "out" };

	return pkt_type < sizeof(names) / sizeof(names[0]) ? names[pkt_type] : "?";
}

/* "a.b.c.d:port" from network-order fields; wasi-libc has no inet_ntop */
static void format_endpoint(char *buf, size_t size, unsigned int addr, unsigned short port,
			    bool with_port)
{
	const unsigned char *a = (const unsigned char *)&addr;
	const unsigned char *p = (const unsigned char *)&port;
	int n;

	n = snprintf(buf, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	if (with_port && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - n, ":%u", (p[0] << 8) | p[1]);
}

static int handle_event(void *ctx, void *data, size_t data_sz)
{
	const struct so_event *e = data;
	char src[32], dst[32], ts[32];
	bool ports;
	struct tm *tm;
	time_t t;

	(void)ctx;
	if (data_sz < sizeof(*e))
		return 0;
	time(&t);
	tm = localtime(&t);
	strftime(ts, sizeof(ts), "%H:%M:%S", tm);
	ports = e->ip_proto == 6 || e->ip_proto == 17;
	format_endpoint(src, sizeof(src), e->src_addr, e->src_port, ports);
	format_endpoint(dst, sizeof(dst), e->dst_addr, e->dst_port, ports);
	printf("%-8s %-8s %-5s %-5s %-21s -> %-21s %u\n", ts, env.ifname,
	       pkt_type_name(e->pkt_type), proto_name(e->ip_proto), src, dst, e->len);
	return 0;
}

int main(int argc, char **argv)
{
	struct ring_buffer *rb = NULL;
	struct sockfilter_bpf *skel;
	int err;

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return err;

	/* output is often a pipe: show each row as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	skel = sockfilter_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "Failed to open and load BPF skeleton\n");
		return 1;
	}

	/* the host opens a packet socket bound to the interface and attaches
	 * the filter to it; the link owns the socket */
	skel->links.socket_handler =
		bpf_program__attach_target(skel->progs.socket_handler, env.ifname);
	if (!skel->links.socket_handler) {
		err = -errno;
		fprintf(stderr, "Failed to attach the socket filter to %s: %s\n", env.ifname,
			strerror(errno));
		goto cleanup;
	}

	rb = ring_buffer__new(bpf_map__fd(skel->maps.rb), handle_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "Failed to create ring buffer\n");
		goto cleanup;
	}

	printf("%-8s %-8s %-5s %-5s %-21s    %-21s %s\n", "TIME", "IFACE", "DIR", "PROTO", "SOURCE",
	       "DESTINATION", "LEN");
	while (true) {
		err = ring_buffer__poll(rb, 100 /* timeout, ms */);
		/* Ctrl-C: wasm-bpf makes the poll return -EINTR */
		if (err == -EINTR) {
			err = 0;
			break;
		}
		if (err < 0) {
			fprintf(stderr, "Error polling ring buffer: %d\n", err);
			break;
		}
	}

cleanup:
	ring_buffer__free(rb);
	sockfilter_bpf__destroy(skel);
	return err < 0 ? -err : 0;
}
