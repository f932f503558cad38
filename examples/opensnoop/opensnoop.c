// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* opensnoop: traces openat() system-wide, user side (a wasm module run by
 * wasm-bpf). Follows bcc's libbpf-tools opensnoop: events come through a
 * perf buffer, the PID and name filters are set in .rodata before load.
 */
#include <argp.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/libbpf.h>
#include "opensnoop.h"
#include "opensnoop.skel.h"

#define PERF_BUFFER_PAGES    64
#define PERF_POLL_TIMEOUT_MS 100

static struct env {
	long pid;
	const char *name;
	long duration;
	bool timestamp;
	bool print_uid;
	bool extended;
	bool failed;
	bool verbose;
} env;

const char *argp_program_version = "opensnoop 0.1";
const char argp_program_doc[] =
	"Trace open family syscalls\n"
	"\n"
	"USAGE: opensnoop [-h] [-T] [-U] [-x] [-p PID] [-n NAME] [-d DURATION] [-e]\n"
	"\n"
	"EXAMPLES:\n"
	"    ./opensnoop           # trace all open() syscalls\n"
	"    ./opensnoop -T        # include timestamps\n"
	"    ./opensnoop -U        # include UID\n"
	"    ./opensnoop -x        # only show failed opens\n"
	"    ./opensnoop -p 181    # only trace PID 181\n"
	"    ./opensnoop -n main   # only print process names that are \"main\"\n"
	"    ./opensnoop -d 10     # trace for 10 seconds only\n"
	"    ./opensnoop -e        # show extended fields\n";

static const struct argp_option opts[] = {
	{ "duration", 'd', "DURATION", 0, "Duration to trace", 0 },
	{ "extended-fields", 'e', NULL, 0, "Print extended fields", 0 },
	{ "name", 'n', "NAME", 0, "Trace process names exactly NAME (up to 15 characters)", 0 },
	{ "pid", 'p', "PID", 0, "Process ID to trace", 0 },
	{ "timestamp", 'T', NULL, 0, "Print timestamp", 0 },
	{ "print-uid", 'U', NULL, 0, "Print UID", 0 },
	{ "failed", 'x', NULL, 0, "Failed opens only", 0 },
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
	switch (key) {
	case 'h':
		argp_state_help(state, stderr, ARGP_HELP_STD_HELP);
		break;
	case 'd':
		env.duration = parse_positive(state, "duration", arg);
		break;
	case 'e':
		env.extended = true;
		break;
	case 'n':
		if (!*arg) {
			fprintf(stderr, "Invalid name: empty\n");
			argp_usage(state);
		}
		env.name = arg;
		break;
	case 'p':
		env.pid = parse_positive(state, "PID", arg);
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

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return err;

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
