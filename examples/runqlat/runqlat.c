// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* runqlat: summarizes scheduler run-queue latency as a log2 histogram, user
 * side (a wasm module run by wasm-bpf). Follows bcc's libbpf-tools runqlat.
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
#include "runqlat.h"
#include "runqlat.skel.h"

static struct env {
	long interval;
	int times;
	bool milliseconds;
	bool per_process;
	bool per_thread;
	bool timestamp;
	bool verbose;
	int pid;
} env = {
	.interval = 99999999,
	.times = 99999999,
};

/* wasi-libc has no argp: getopt_long with argp's --help text instead. */
static const char usage_text[] =
	"Usage: runqlat [OPTION...] [interval] [count]\n"
	"Summarize run queue (scheduler) latency as a histogram.\n"
	"\n"
	"USAGE: runqlat [-h] [-T] [-m] [-P] [-L] [-p PID] [interval] [count]\n"
	"\n"
	"EXAMPLES:\n"
	"    runqlat         # summarize run queue latency as a histogram\n"
	"    runqlat 1 10    # print 1 second summaries, 10 times\n"
	"    runqlat -mT 1   # 1s summaries, milliseconds, and timestamps\n"
	"    runqlat -P      # show each PID separately\n"
	"    runqlat -p 185  # trace PID 185 only\n"
	"\n"
	"  -L, --tids                 Print a histogram per thread ID\n"
	"  -m, --milliseconds         Millisecond histogram\n"
	"  -p, --pid=PID              Trace this PID only\n"
	"  -P, --pids                 Print a histogram per process ID\n"
	"  -T, --timestamp            Include timestamp on output\n"
	"  -v, --verbose              Verbose debug output\n"
	"  -h, --help                 Give this help list\n";

/* clang-format off */
static const struct option long_options[] = {
	{ "tids", no_argument, NULL, 'L' },
	{ "milliseconds", no_argument, NULL, 'm' },
	{ "pid", required_argument, NULL, 'p' },
	{ "pids", no_argument, NULL, 'P' },
	{ "timestamp", no_argument, NULL, 'T' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{},
};
/* clang-format on */

static int parse_positive(const char *what, const char *s, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v <= 0 || v > max) {
		fprintf(stderr, "runqlat: invalid %s: %s\n", what, s);
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

	while ((opt = getopt_long(argc, argv, "Lmp:PTvh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'L':
			env.per_thread = true;
			break;
		case 'm':
			env.milliseconds = true;
			break;
		case 'p':
			if (parse_positive("PID", optarg, INT_MAX, &v))
				return -1;
			env.pid = v;
			break;
		case 'P':
			env.per_process = true;
			break;
		case 'T':
			env.timestamp = true;
			break;
		case 'v':
			env.verbose = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		default:
			fprintf(stderr, "Try 'runqlat --help' for more information.\n");
			return -1;
		}
	}
	if (optind < argc) {
		if (parse_positive("interval", argv[optind++], INT_MAX, &v))
			return -1;
		env.interval = v;
	}
	if (optind < argc) {
		if (parse_positive("count", argv[optind++], INT_MAX, &v))
			return -1;
		env.times = v;
	}
	if (optind < argc) {
		fprintf(stderr, "runqlat: unexpected argument: %s\n", argv[optind]);
		return -1;
	}
	if (env.per_process && env.per_thread) {
		fprintf(stderr, "runqlat: -P and -L are exclusive\n");
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
	bool exiting = false;
	char ts[32];
	struct tm *tm;
	time_t t;
	int err;

	err = parse_args(argc, argv);
	if (err)
		return err > 0 ? 0 : 1;

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

	printf("Tracing run queue latency... Hit Ctrl-C to end.\n");

	while (!exiting) {
		/* Ctrl-C interrupts the sleep: print what we have, then end */
		if (interval_sleep(env.interval))
			exiting = true;
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

		if (--env.times == 0)
			exiting = true;
	}

cleanup:
	runqlat_bpf__destroy(obj);
	return err < 0 ? -err : 0;
}
