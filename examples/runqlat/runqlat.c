// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* runqlat: summarizes scheduler run-queue latency as a log2 histogram, user
 * side (a wasm module run by wasm-bpf). Follows bcc's libbpf-tools runqlat.
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
#include "runqlat.h"
#include "runqlat.skel.h"

static struct env {
	long interval;
	long times;
	bool milliseconds;
	bool per_process;
	bool per_thread;
	bool timestamp;
	bool verbose;
	long pid;
} env = {
	.interval = 99999999,
	.times = 99999999,
};

static volatile bool exiting;

const char *argp_program_version = "runqlat 0.1";
const char argp_program_doc[] =
	"Summarize run queue (scheduler) latency as a histogram.\n"
	"\n"
	"USAGE: runqlat [--help] [-T] [-m] [-L] [-P] [-p PID] [interval] [count]\n"
	"\n"
	"EXAMPLES:\n"
	"    runqlat         # summarize run queue latency as a histogram\n"
	"    runqlat 1 10    # print 1 second summaries, 10 times\n"
	"    runqlat -mT 1   # 1s summaries, milliseconds, and timestamps\n"
	"    runqlat -P      # show each PID separately\n"
	"    runqlat -p 185  # trace PID 185 only\n";

static const struct argp_option opts[] = {
	{ "timestamp", 'T', NULL, 0, "Include timestamp on output", 0 },
	{ "milliseconds", 'm', NULL, 0, "Millisecond histogram", 0 },
	{ "pids", 'P', NULL, 0, "Print a histogram per process ID", 0 },
	{ "tids", 'L', NULL, 0, "Print a histogram per thread ID", 0 },
	{ "pid", 'p', "PID", 0, "Trace this PID only", 0 },
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
	case 'v':
		env.verbose = true;
		break;
	case 'm':
		env.milliseconds = true;
		break;
	case 'p':
		env.pid = parse_positive(state, "PID", arg);
		break;
	case 'L':
		env.per_thread = true;
		break;
	case 'P':
		env.per_process = true;
		break;
	case 'T':
		env.timestamp = true;
		break;
	case ARGP_KEY_ARG:
		pos_args++;
		if (pos_args == 1) {
			env.interval = parse_positive(state, "interval", arg);
		} else if (pos_args == 2) {
			env.times = parse_positive(state, "times", arg);
		} else {
			fprintf(stderr, "Unrecognized positional argument: %s\n", arg);
			argp_usage(state);
		}
		break;
	case ARGP_KEY_END:
		if (env.per_process && env.per_thread) {
			fprintf(stderr, "pids and tids cannot be used together\n");
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

static void print_stars(unsigned int val, unsigned int val_max, int width)
{
	int num_stars, i;

	num_stars = (val < val_max ? val : val_max) * (unsigned long long)width / val_max;
	for (i = 0; i < num_stars; i++)
		putchar('*');
	for (; i < width; i++)
		putchar(' ');
	if (val > val_max)
		putchar('+');
}

/* bcc's print_log2_hist() output, written out here: trace_helpers.c is not
 * a library we can link into a wasm module. */
static void print_log2_hist(const unsigned int *vals, int vals_size, const char *val_type)
{
	unsigned long long low, high;
	unsigned int val_max = 0;
	int idx_max = -1, i;
	bool wide;

	for (i = 0; i < vals_size; i++) {
		if (vals[i] > 0)
			idx_max = i;
		if (vals[i] > val_max)
			val_max = vals[i];
	}
	if (idx_max < 0)
		return;

	wide = idx_max > 32;
	printf("%*s%-*s : count    distribution\n", wide ? 15 : 5, "", wide ? 29 : 19, val_type);
	for (i = 0; i <= idx_max; i++) {
		low = (1ULL << (i + 1)) >> 1;
		high = (1ULL << (i + 1)) - 1;
		if (low == high)
			low -= 1;
		printf("%*llu -> %-*llu : %-8u |", wide ? 20 : 10, low, wide ? 20 : 10, high,
		       vals[i]);
		print_stars(vals[i], val_max, wide ? 20 : 40);
		printf("|\n");
	}
}

/* Print every histogram of the map, then empty it for the next interval. */
static int print_hists(struct bpf_map *hists)
{
	const char *units = env.milliseconds ? "msecs" : "usecs";
	int fd = bpf_map__fd(hists);
	__u32 key, *prev = NULL;
	struct hist hist;
	int err;

	while (!bpf_map_get_next_key(fd, prev, &key)) {
		err = bpf_map_lookup_elem(fd, &key, &hist);
		if (err < 0) {
			fprintf(stderr, "runqlat: failed to look up a histogram: %d\n", err);
			return err;
		}
		if (env.per_process)
			printf("\npid = %d %s\n", key, hist.comm);
		else if (env.per_thread)
			printf("\ntid = %d %s\n", key, hist.comm);
		print_log2_hist(hist.slots, MAX_SLOTS, units);
		prev = &key;
	}

	/* deleting the key we iterate from would restart the walk: start
	 * from the first key each time until the map is empty */
	while (!bpf_map_get_next_key(fd, NULL, &key)) {
		err = bpf_map_delete_elem(fd, &key);
		if (err < 0) {
			fprintf(stderr, "runqlat: failed to clear a histogram: %d\n", err);
			return err;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct runqlat_bpf *obj;
	char ts[32];
	struct tm *tm;
	time_t t;
	int err;

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return err;

	/* output is often a pipe: show each line as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	obj = runqlat_bpf__open();
	if (!obj) {
		fprintf(stderr, "Failed to open BPF object\n");
		return 1;
	}

	/* initialize global data (filtering options) */
	obj->rodata->targ_per_process = env.per_process;
	obj->rodata->targ_per_thread = env.per_thread;
	obj->rodata->targ_ms = env.milliseconds;
	obj->rodata->targ_tgid = env.pid;

	err = runqlat_bpf__load(obj);
	if (err) {
		fprintf(stderr, "Failed to load BPF object: %d\n", err);
		goto cleanup;
	}

	err = runqlat_bpf__attach(obj);
	if (err) {
		fprintf(stderr, "Failed to attach BPF programs: %d\n", err);
		goto cleanup;
	}

	signal(SIGINT, sig_handler);
	signal(SIGTERM, sig_handler);

	printf("Tracing run queue latency... Hit Ctrl-C to end.\n");

	/* main: poll */
	while (1) {
		sleep(env.interval);
		printf("\n");

		if (env.timestamp) {
			time(&t);
			tm = localtime(&t);
			strftime(ts, sizeof(ts), "%H:%M:%S", tm);
			printf("%-8s\n", ts);
		}

		err = print_hists(obj->maps.hists);
		if (err)
			break;

		if (exiting || --env.times == 0)
			break;
	}

cleanup:
	runqlat_bpf__destroy(obj);
	return err < 0 ? -err : 0;
}
