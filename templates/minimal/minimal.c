// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* minimal: counts the programs started on this machine, user side (a wasm
 * module run by wasm-bpf). Every second it prints the counter the BPF
 * program keeps in .bss, read straight from skel->bss. */
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
#include "minimal.h"
#include "minimal.skel.h"

static struct env {
	long duration;
	bool verbose;
} env;

static volatile bool exiting;

const char *argp_program_version = "minimal 0.1";
const char argp_program_doc[] = "Count the programs started on this machine, every second.\n"
				"\n"
				"USAGE: minimal [-v] [-d SECONDS]\n";

static const struct argp_option opts[] = {
	{ "duration", 'd', "SECONDS", 0, "Stop after SECONDS (default: at Ctrl-C)", 0 },
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
	case 'd':
		errno = 0;
		env.duration = strtol(arg, &end, 10);
		if (errno || *end || end == arg || env.duration <= 0 || env.duration > INT_MAX) {
			fprintf(stderr, "Invalid duration: %s\n", arg);
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

static void sig_handler(int sig)
{
	(void)sig;
	exiting = true;
}

int main(int argc, char **argv)
{
	struct minimal_bpf *skel;
	long seconds = 0;
	int err;

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return err;

	/* output is often a pipe: show each line as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	skel = minimal_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "Failed to open and load BPF skeleton\n");
		return 1;
	}

	err = minimal_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "Failed to attach BPF skeleton\n");
		goto cleanup;
	}

	signal(SIGINT, sig_handler);
	signal(SIGTERM, sig_handler);

	printf("Counting execs... Hit Ctrl-C to end.\n");
	while (1) {
		sleep(1);
		/* skel->bss is the kernel's .bss, kept current by wasm-bpf */
		printf("execs: %llu, last: pid %d (%s)\n", skel->bss->execs, skel->bss->last_pid,
		       skel->bss->last_comm);
		if (exiting || (env.duration && ++seconds >= env.duration))
			break;
	}

cleanup:
	minimal_bpf__destroy(skel);
	return err < 0 ? -err : 0;
}
