// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* uprobe: traces calls of uprobed_add() in a native program, user side (a
 * wasm module run by wasm-bpf). Like libbpf-bootstrap's uprobe, the entry
 * and return probes are attached by function name; the host resolves the
 * name in the binary's symbol table.
 */
#include <argp.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "uprobe.h"
#include "uprobe.skel.h"

#define PROBED_FUNC "uprobed_add"

static struct env {
	const char *binary;
	long pid;
	long count;
	bool verbose;
} env = {
	.binary = "./uprobe_target",
};

static long returns_seen;

const char *argp_program_version = "uprobe 0.1";
const char argp_program_doc[] =
	"Trace the calls of uprobed_add() in BINARY (default: ./uprobe_target).\n"
	"\n"
	"A uprobe reports each call with its arguments and a uretprobe each\n"
	"return value; both count in .bss, read when tracing ends.\n"
	"\n"
	"USAGE: uprobe [-p PID] [-c COUNT] [-v] [BINARY]\n";

static const struct argp_option opts[] = {
	{ "count", 'c', "COUNT", 0, "Exit after COUNT returns", 0 },
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
	case 'c':
		env.count = parse_positive(state, "count", arg);
		break;
	case 'p':
		env.pid = parse_positive(state, "PID", arg);
		break;
	case 'v':
		env.verbose = true;
		break;
	case ARGP_KEY_ARG:
		if (++pos_args > 1) {
			fprintf(stderr, "Unrecognized positional argument: %s\n", arg);
			argp_usage(state);
		}
		env.binary = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = {
	.options = opts,
	.parser = parse_arg,
	.args_doc = "[BINARY]",
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

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return err;

	/* output is often a pipe: show each row as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	skel = uprobe_bpf__open();
	if (!skel) {
		fprintf(stderr, "Failed to open BPF skeleton\n");
		return 1;
	}

	/* the PID filter lives in the BPF programs: probes are attached for
	 * every process of the binary */
	skel->rodata->targ_pid = env.pid;

	err = uprobe_bpf__load(skel);
	if (err) {
		fprintf(stderr, "Failed to load BPF skeleton\n");
		goto cleanup;
	}

	/* attach by function name: libbpf finds its offset in the binary */
	uprobe_opts.func_name = PROBED_FUNC;
	uprobe_opts.retprobe = false;
	skel->links.uprobe_add = bpf_program__attach_uprobe_opts(
		skel->progs.uprobe_add, -1 /* all */, env.binary, 0, &uprobe_opts);
	if (!skel->links.uprobe_add) {
		err = -errno;
		fprintf(stderr, "Failed to attach uprobe to %s:%s: %s\n", env.binary, PROBED_FUNC,
			strerror(errno));
		goto cleanup;
	}

	uprobe_opts.func_name = PROBED_FUNC;
	uprobe_opts.retprobe = true;
	skel->links.uretprobe_add = bpf_program__attach_uprobe_opts(
		skel->progs.uretprobe_add, -1 /* all */, env.binary, 0, &uprobe_opts);
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
