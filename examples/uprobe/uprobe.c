// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* uprobe: traces calls of uprobed_add() in a native program, user side (a
 * wasm module run by wasm-bpf). Like libbpf-bootstrap's uprobe, the entry
 * and return probes are attached by function name; the host resolves the
 * name in the binary's symbol table.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libbpf-wasm.h"
#include "uprobe.h"
#include "uprobe.skel.h"

#define PROBED_FUNC "uprobed_add"

static struct env {
	const char *binary;
	int pid;
	long count;
	bool verbose;
} env = {
	.binary = "./uprobe_target",
	.pid = -1,
};

static long returns_seen;

/* wasi-libc has no argp: getopt_long with argp's --help text instead. */
static const char usage_text[] =
	"Usage: uprobe [OPTION...] [BINARY]\n"
	"Trace the calls of uprobed_add() in BINARY (default: ./uprobe_target).\n"
	"\n"
	"A uprobe reports each call with its arguments and a uretprobe each\n"
	"return value; both count in .bss, read when tracing ends.\n"
	"\n"
	"USAGE: uprobe [-p PID] [-c COUNT] [-v] [BINARY]\n"
	"\n"
	"  -c, --count=COUNT          Exit after COUNT returns\n"
	"  -p, --pid=PID              Trace this process only\n"
	"  -v, --verbose              Verbose debug output\n"
	"  -h, --help                 Give this help list\n";

/* clang-format off */
static const struct option long_options[] = {
	{ "count", required_argument, NULL, 'c' },
	{ "pid", required_argument, NULL, 'p' },
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
		fprintf(stderr, "uprobe: invalid %s: %s\n", what, s);
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

	while ((opt = getopt_long(argc, argv, "c:p:vh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			if (parse_positive("count", optarg, &env.count))
				return -1;
			break;
		case 'p':
			if (parse_positive("PID", optarg, &v))
				return -1;
			env.pid = v;
			break;
		case 'v':
			env.verbose = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		default:
			fprintf(stderr, "Try 'uprobe --help' for more information.\n");
			return -1;
		}
	}
	if (optind < argc)
		env.binary = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "uprobe: unexpected argument: %s\n", argv[optind]);
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

static int handle_event(void *ctx, void *data, size_t data_sz)
{
	const struct uprobe_event *e = data;

	(void)ctx;
	if (data_sz < sizeof(*e))
		return 0;
	if (e->kind == UPROBE_ENTRY) {
		printf("%-7d %-16s ENTRY  %s(%d, %d)\n", e->pid, e->comm, PROBED_FUNC, e->a, e->b);
	} else {
		printf("%-7d %-16s RETURN %s = %d\n", e->pid, e->comm, PROBED_FUNC, e->ret);
		returns_seen++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_uprobe_opts, uprobe_opts);
	struct ring_buffer *rb = NULL;
	struct uprobe_bpf *skel;
	int err;

	err = parse_args(argc, argv);
	if (err)
		return err > 0 ? 0 : 1;

	/* output is often a pipe: show each row as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	skel = uprobe_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "Failed to open and load BPF skeleton\n");
		return 1;
	}

	/* attach by function name: libbpf finds its offset in the binary */
	uprobe_opts.func_name = PROBED_FUNC;
	uprobe_opts.retprobe = false;
	skel->links.uprobe_add = bpf_program__attach_uprobe_opts(skel->progs.uprobe_add, env.pid,
								 env.binary, 0, &uprobe_opts);
	if (!skel->links.uprobe_add) {
		err = -errno;
		fprintf(stderr, "Failed to attach uprobe to %s:%s: %s\n", env.binary, PROBED_FUNC,
			strerror(errno));
		goto cleanup;
	}

	uprobe_opts.func_name = PROBED_FUNC;
	uprobe_opts.retprobe = true;
	skel->links.uretprobe_add = bpf_program__attach_uprobe_opts(
		skel->progs.uretprobe_add, env.pid, env.binary, 0, &uprobe_opts);
	if (!skel->links.uretprobe_add) {
		err = -errno;
		fprintf(stderr, "Failed to attach uretprobe to %s:%s: %s\n", env.binary,
			PROBED_FUNC, strerror(errno));
		goto cleanup;
	}

	rb = ring_buffer__new(bpf_map__fd(skel->maps.rb), handle_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "Failed to create ring buffer\n");
		goto cleanup;
	}

	printf("Tracing %s in %s... Hit Ctrl-C to end.\n", PROBED_FUNC, env.binary);
	printf("%-7s %-16s %-6s %s\n", "PID", "COMM", "EVENT", "CALL");
	while (!env.count || returns_seen < env.count) {
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
		err = 0;
	}
	/* the counters are global variables, read straight from .bss */
	printf("%s: %llu calls, %llu returns\n", PROBED_FUNC, (unsigned long long)skel->bss->calls,
	       (unsigned long long)skel->bss->returns);

cleanup:
	ring_buffer__free(rb);
	uprobe_bpf__destroy(skel);
	return err < 0 ? -err : 0;
}
