// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* histogram: sizes of write() calls as a log2 distribution, user side (a
 * wasm module run by wasm-bpf). Every interval it reads the map, prints the
 * distribution the way bcc's tools do, and clears the map. */
#include <argp.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include "histogram.h"
#include "histogram.skel.h"

static struct env {
	long interval;
	long times;
	long pid;
	bool verbose;
} env = {
	.interval = 1,
	.times = LONG_MAX,
};

static volatile bool exiting;

const char *argp_program_version = "histogram 0.1";
const char argp_program_doc[] = "Summarize the sizes of write() calls as a log2 distribution.\n"
				"\n"
				"USAGE: histogram [-v] [-p PID] [interval] [count]\n";

static const struct argp_option opts[] = {
	{ "pid", 'p', "PID", 0, "Trace this process only", 0 },
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
	case 'p':
		env.pid = parse_positive(state, "PID", arg);
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

/* bcc's print_log2_hist() layout: "low -> high : count |stars|" */
static void print_log2_hist(const unsigned int *vals, int n, const char *unit)
{
	unsigned int max = 0;
	int last = -1, i, j, stars;

	for (i = 0; i < n; i++) {
		if (vals[i])
			last = i;
		if (vals[i] > max)
			max = vals[i];
	}
	if (last < 0) {
		printf("(no %s counted)\n", unit);
		return;
	}
	printf("%5s%-19s : count    distribution\n", "", unit);
	for (i = 0; i <= last; i++) {
		stars = (int)((unsigned long long)vals[i] * 40 / max);
		printf("%10llu -> %-10llu : %-8u |", i ? 1ULL << i : 0ULL, (1ULL << (i + 1)) - 1,
		       vals[i]);
		for (j = 0; j < 40; j++)
			putchar(j < stars ? '*' : ' ');
		printf("|\n");
	}
}

int main(int argc, char **argv)
{
	struct histogram_bpf *skel;
	struct hist hist;
	__u32 key = 0;
	int err, fd;

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return err;

	/* output is often a pipe: show each line as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	skel = histogram_bpf__open();
	if (!skel) {
		fprintf(stderr, "Failed to open BPF skeleton\n");
		return 1;
	}
	skel->rodata->targ_pid = env.pid;

	err = histogram_bpf__load(skel);
	if (err) {
		fprintf(stderr, "Failed to load and verify BPF skeleton\n");
		goto cleanup;
	}

	err = histogram_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "Failed to attach BPF skeleton\n");
		goto cleanup;
	}

	fd = bpf_map__fd(skel->maps.hists);
	signal(SIGINT, sig_handler);
	signal(SIGTERM, sig_handler);

	printf("Tracing write() sizes... Hit Ctrl-C to end.\n");
	while (1) {
		sleep(env.interval);
		printf("\n");
		err = bpf_map_lookup_and_delete_elem(fd, &key, &hist);
		if (err == -ENOENT) {
			/* nothing was written this interval */
			print_log2_hist(NULL, 0, "bytes");
			err = 0;
		} else if (err < 0) {
			fprintf(stderr, "Failed to read the distribution: %d\n", err);
			break;
		} else {
			print_log2_hist(hist.slots, MAX_SLOTS, "bytes");
		}
		if (exiting || --env.times == 0)
			break;
	}

cleanup:
	histogram_bpf__destroy(skel);
	return err < 0 ? -err : 0;
}
