// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* events: reports every program started, user side (a wasm module run by
 * wasm-bpf). Records arrive through a ring buffer; Ctrl-C ends the poll
 * loop and the program cleans up through one exit path. */
#include <argp.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <bpf/libbpf.h>
#include "events.h"
#include "events.skel.h"

static struct env {
	long long uid;
	bool verbose;
} env = {
	.uid = -1,
};

const char *argp_program_version = "events 0.1";
const char argp_program_doc[] = "Report every program started on this machine.\n"
				"\n"
				"USAGE: events [-v] [-u UID]\n";

static const struct argp_option opts[] = {
	{ "uid", 'u', "UID", 0, "Report programs started by UID only", 0 },
	{ "verbose", 'v', NULL, 0, "Verbose debug output", 0 },
	{ NULL, 'h', NULL, OPTION_HIDDEN, "Show the full help", 0 },
	{},
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	char *end;

	switch (key) {
	case 'h':
		argp_state_help(state, stderr, ARGP_HELP_STD_HELP);
		break;
	case 'u':
		errno = 0;
		env.uid = strtoll(arg, &end, 10);
		if (errno || *end || end == arg || env.uid < 0 || env.uid > UINT_MAX) {
			fprintf(stderr, "Invalid UID: %s\n", arg);
			argp_usage(state);
		}
		break;
	case 'v':
		env.verbose = true;
		break;
	case ARGP_KEY_ARG:
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

static int handle_event(void *ctx, void *data, size_t data_sz)
{
	const struct event *e = data;
	char ts[32];
	struct tm *tm;
	time_t t;

	(void)ctx;
	if (data_sz < sizeof(*e))
		return 0;
	time(&t);
	tm = localtime(&t);
	strftime(ts, sizeof(ts), "%H:%M:%S", tm);
	printf("%-8s %-7d %-7d %-6u %-16s %s\n", ts, e->pid, e->ppid, e->uid, e->comm, e->filename);
	return 0;
}

int main(int argc, char **argv)
{
	struct ring_buffer *rb = NULL;
	struct events_bpf *skel;
	int err;

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return err;

	/* output is often a pipe: show each line as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	skel = events_bpf__open();
	if (!skel) {
		fprintf(stderr, "Failed to open BPF skeleton\n");
		return 1;
	}

	/* parameterize the BPF code before it is loaded */
	skel->rodata->targ_uid = env.uid;

	err = events_bpf__load(skel);
	if (err) {
		fprintf(stderr, "Failed to load and verify BPF skeleton\n");
		goto cleanup;
	}

	err = events_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "Failed to attach BPF skeleton\n");
		goto cleanup;
	}

	rb = ring_buffer__new(bpf_map__fd(skel->maps.rb), handle_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "Failed to create ring buffer\n");
		goto cleanup;
	}

	printf("%-8s %-7s %-7s %-6s %-16s %s\n", "TIME", "PID", "PPID", "UID", "COMM", "FILENAME");
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
	events_bpf__destroy(skel);
	return err < 0 ? -err : 0;
}
