// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* opensnoop: traces openat() system-wide, user side (a wasm module run by
 * wasm-bpf). Follows bcc's libbpf-tools opensnoop: events come through a
 * perf buffer, the PID and name filters are set in .rodata before load.
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
#include "opensnoop.h"
#include "opensnoop.skel.h"

#define PERF_BUFFER_PAGES    64
#define PERF_POLL_TIMEOUT_MS 100

static struct env {
	int pid;
	const char *name;
	long duration;
	bool timestamp;
	bool print_uid;
	bool extended;
	bool failed;
	bool verbose;
} env;

/* wasi-libc has no argp: getopt_long with argp's --help text instead. */
static const char usage_text[] =
	"Usage: opensnoop [OPTION...]\n"
	"Trace open family syscalls\n"
	"\n"
	"USAGE: opensnoop [-h] [-T] [-U] [-x] [-p PID] [-n NAME] [-d DURATION] [-e]\n"
	"\n"
	"EXAMPLES:\n"
	"    opensnoop             # trace all open() syscalls\n"
	"    opensnoop -T          # include timestamps\n"
	"    opensnoop -U          # include UID\n"
	"    opensnoop -x          # only show failed opens\n"
	"    opensnoop -p 181      # only trace PID 181\n"
	"    opensnoop -n main     # only print process names that are \"main\"\n"
	"    opensnoop -d 10       # trace for 10 seconds only\n"
	"    opensnoop -e          # show extended fields\n"
	"\n"
	"  -d, --duration=DURATION    Duration to trace (seconds)\n"
	"  -e, --extended-fields      Print extended fields\n"
	"  -n, --name=NAME            Trace process names exactly NAME (up to 15 chars)\n"
	"  -p, --pid=PID              Process ID to trace\n"
	"  -T, --timestamp            Print timestamp\n"
	"  -U, --print-uid            Print UID\n"
	"  -x, --failed               Failed opens only\n"
	"  -v, --verbose              Verbose debug output\n"
	"  -h, --help                 Give this help list\n";

/* clang-format off */
static const struct option long_options[] = {
	{ "duration", required_argument, NULL, 'd' },
	{ "extended-fields", no_argument, NULL, 'e' },
	{ "name", required_argument, NULL, 'n' },
	{ "pid", required_argument, NULL, 'p' },
	{ "timestamp", no_argument, NULL, 'T' },
	{ "print-uid", no_argument, NULL, 'U' },
	{ "failed", no_argument, NULL, 'x' },
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
		fprintf(stderr, "opensnoop: invalid %s: %s\n", what, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* 0: run; 1: exit successfully (help shown); -1: exit with an error */
static int parse_args(int argc, char **argv)
{
	long v;
	int opt;

	while ((opt = getopt_long(argc, argv, "d:en:p:TUxvh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (parse_positive("duration", optarg, &env.duration))
				return -1;
			break;
		case 'e':
			env.extended = true;
			break;
		case 'n':
			if (!*optarg) {
				fprintf(stderr, "opensnoop: empty name\n");
				return -1;
			}
			env.name = optarg;
			break;
		case 'p':
			if (parse_positive("PID", optarg, &v))
				return -1;
			env.pid = v;
			break;
		case 'T':
			env.timestamp = true;
			break;
		case 'U':
			env.print_uid = true;
			break;
		case 'x':
			env.failed = true;
			break;
		case 'v':
			env.verbose = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		default:
			fprintf(stderr, "Try 'opensnoop --help' for more information.\n");
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "opensnoop: unexpected argument: %s\n", argv[optind]);
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

static void handle_event(void *ctx, int cpu, void *data, __u32 data_sz)
{
	const struct event *e = data;
	int fd, err;
	char ts[32];
	struct tm *tm;
	time_t t;

	(void)ctx;
	(void)cpu;
	if (data_sz < sizeof(*e))
		return;
	if (e->ret >= 0) {
		fd = e->ret;
		err = 0;
	} else {
		fd = -1;
		err = -e->ret;
	}
	if (env.timestamp) {
		time(&t);
		tm = localtime(&t);
		strftime(ts, sizeof(ts), "%H:%M:%S", tm);
		printf("%-8s ", ts);
	}
	if (env.print_uid)
		printf("%-7u ", e->uid);
	printf("%-6d %-16s %3d %3d ", e->pid, e->comm, fd, err);
	if (env.extended)
		printf("%08o ", e->flags);
	printf("%s\n", e->fname);
}

static void handle_lost_events(void *ctx, int cpu, __u64 lost_cnt)
{
	(void)ctx;
	fprintf(stderr, "Lost %llu events on CPU #%d!\n", (unsigned long long)lost_cnt, cpu);
}

int main(int argc, char **argv)
{
	struct perf_buffer *pb = NULL;
	struct opensnoop_bpf *obj;
	time_t end = 0;
	int err;

	err = parse_args(argc, argv);
	if (err)
		return err > 0 ? 0 : 1;

	/* output is often a pipe: show each line as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	obj = opensnoop_bpf__open();
	if (!obj) {
		fprintf(stderr, "Failed to open BPF object\n");
		return 1;
	}

	/* initialize global data (filtering options) */
	obj->rodata->targ_pid = env.pid;
	obj->rodata->targ_failed = env.failed;
	if (env.name)
		strncpy((char *)obj->rodata->targ_comm, env.name, TASK_COMM_LEN - 1);

	err = opensnoop_bpf__load(obj);
	if (err) {
		fprintf(stderr, "Failed to load BPF object: %d\n", err);
		goto cleanup;
	}

	err = opensnoop_bpf__attach(obj);
	if (err) {
		fprintf(stderr, "Failed to attach BPF programs: %d\n", err);
		goto cleanup;
	}

	pb = perf_buffer__new(bpf_map__fd(obj->maps.events), PERF_BUFFER_PAGES, handle_event,
			      handle_lost_events, NULL, NULL);
	if (!pb) {
		err = -errno;
		fprintf(stderr, "Failed to open perf buffer: %d\n", err);
		goto cleanup;
	}

	if (env.timestamp)
		printf("%-8s ", "TIME");
	if (env.print_uid)
		printf("%-7s ", "UID");
	printf("%-6s %-16s %3s %3s ", "PID", "COMM", "FD", "ERR");
	if (env.extended)
		printf("%-8s ", "FLAGS");
	printf("%s\n", "PATH");

	if (env.duration)
		end = time(NULL) + env.duration;
	while (true) {
		err = perf_buffer__poll(pb, PERF_POLL_TIMEOUT_MS);
		/* Ctrl-C: wasm-bpf makes the poll return -EINTR */
		if (err == -EINTR) {
			err = 0;
			break;
		}
		if (err < 0) {
			fprintf(stderr, "Error polling perf buffer: %d\n", err);
			break;
		}
		if (end && time(NULL) >= end) {
			err = 0;
			break;
		}
	}

cleanup:
	perf_buffer__free(pb);
	opensnoop_bpf__destroy(obj);
	return err < 0 ? -err : 0;
}
