// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * An argp user in the style of libbpf-tools, built twice: against glibc's
 * argp and against the SDK's sdk/argp.h. compare-argp.sh runs both with the
 * same command lines and compares what they print and their exit status.
 */
#include <argp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct env {
	bool verbose;
	long duration;
	int pid;
	int count;
	const char *name;
	char *args[4];
	int nargs;
	int keys_seen;
} env = { .count = -1 };

const char *argp_program_version = "argp_demo 0.1";
const char *argp_program_bug_address = "<bpf@vger.kernel.org>";
static const char doc[] = "Trace things, libbpf-tools style.\n"
			  "\n"
			  "USAGE: argp_demo [-v] [-d MS] [-p PID] [NAME...]\v"
			  "Examples:\n"
			  "    argp_demo -d 10    # only longer than 10 ms\n";

static const struct argp_option opts[] = {
	{ "verbose", 'v', NULL, 0, "Verbose debug output", 0 },
	{ "debug", 0, NULL, OPTION_ALIAS, NULL, 0 },
	{ "duration", 'd', "MS", 0, "Minimum duration (ms) to report", 0 },
	{ "pid", 'p', "PID", 0, "Trace this PID only", 0 },
	{ "count", 'c', "N", OPTION_ARG_OPTIONAL, "Stop after N events", 0 },
	{ "name-only", 'n', NULL, 0, "Print names only", 0 },
	{ "name-filter", 'N', "NAME", 0, "Only this name", 0 },
	{ NULL, 'h', NULL, OPTION_HIDDEN, "Show the full help", 0 },
	{ NULL, 0, NULL, 0, "Output:", 1 },
	{ "timestamp", 't', NULL, 0,
	  "Include a timestamp on each line, as seconds since the tool started, with microsecond "
	  "resolution (a long doc that glibc wraps)",
	  0 },
	{ "interval", 'i', "SECONDS", 0, "Print every SECONDS", 0 },
	{},
};

static int child_flag;

static const struct argp_option child_opts[] = {
	{ "cgroup", 'C', "PATH", 0, "Trace this cgroup only", 0 },
	{},
};

static error_t parse_child(int key, char *arg, struct argp_state *state)
{
	(void)state;
	if (key != 'C')
		return ARGP_ERR_UNKNOWN;
	child_flag = arg ? (int)strlen(arg) : -1;
	return 0;
}

static const struct argp child_argp = {
	.options = child_opts,
	.parser = parse_child,
};

static const struct argp_child children[] = {
	{ &child_argp, 0, "Cgroup filter:", 2 },
	{},
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'v':
		env.verbose = true;
		break;
	case 'd':
		errno = 0;
		env.duration = strtol(arg, NULL, 10);
		if (errno || env.duration <= 0) {
			fprintf(stderr, "Invalid duration: %s\n", arg);
			argp_usage(state);
		}
		break;
	case 'p':
		env.pid = atoi(arg);
		break;
	case 'c':
		env.count = arg ? atoi(arg) : 1;
		break;
	case 'n':
		env.name = "only";
		break;
	case 'N':
		env.name = arg;
		break;
	case 't':
		env.keys_seen |= 32;
		break;
	case 'i':
		env.duration = -atoi(arg);
		break;
	case 'h':
		argp_state_help(state, stderr, ARGP_HELP_STD_HELP);
		break;
	case ARGP_KEY_ARG:
		if (env.nargs >= 3) {
			fprintf(stderr, "Too many names: %s\n", arg);
			argp_usage(state);
		}
		env.args[env.nargs++] = arg;
		break;
	case ARGP_KEY_INIT:
		env.keys_seen |= 1;
		break;
	case ARGP_KEY_NO_ARGS:
		env.keys_seen |= 2;
		break;
	case ARGP_KEY_END:
		env.keys_seen |= 4;
		if (env.pid < 0)
			argp_error(state, "PID must be positive, not %d", env.pid);
		break;
	case ARGP_KEY_SUCCESS:
		env.keys_seen |= 8;
		break;
	case ARGP_KEY_FINI:
		env.keys_seen |= 16;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = {
	.options = opts,
	.parser = parse_arg,
	.args_doc = "[NAME...]",
	.doc = doc,
	.children = children,
};

int main(int argc, char **argv)
{
	int err, i;

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	printf("err=%d verbose=%d duration=%ld pid=%d count=%d name=%s keys=%d child=%d args=", err,
	       env.verbose, env.duration, env.pid, env.count, env.name ? env.name : "-",
	       env.keys_seen, child_flag);
	for (i = 0; i < env.nargs; i++)
		printf("%s%s", i ? "," : "", env.args[i]);
	printf("\n");
	return err ? 1 : 0;
}
