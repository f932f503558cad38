// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* lsm: denies rmdir of directories with a chosen name, user side (a wasm
 * module run by wasm-bpf). Kernels without BPF LSM cannot load the program:
 * then the tool says so in one line and exits with an error.
 */
#include <argp.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "lsm.h"
#include "lsm.skel.h"

static struct env {
	const char *dirname;
	bool verbose;
} env;

const char *argp_program_version = "lsm 0.1";
const char argp_program_doc[] =
	"Deny rmdir of every directory named DIRNAME.\n"
	"\n"
	"A BPF LSM program on the path_rmdir hook returns -EPERM when the\n"
	"directory's name is DIRNAME. Needs a kernel with CONFIG_BPF_LSM=y and\n"
	"\"bpf\" in its lsm= list.\n"
	"\n"
	"USAGE: lsm [-v] DIRNAME\n";

static const struct argp_option opts[] = {
	{ "verbose", 'v', NULL, 0, "Verbose debug output", 0 },
	{ NULL, 'h', NULL, OPTION_HIDDEN, "Show the full help", 0 },
	{},
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'h':
		argp_state_help(state, stderr, ARGP_HELP_STD_HELP);
		break;
	case 'v':
		env.verbose = true;
		break;
	case ARGP_KEY_ARG:
		if (env.dirname) {
			fprintf(stderr, "Unrecognized positional argument: %s\n", arg);
			argp_usage(state);
		}
		if (!*arg || strlen(arg) >= DIRNAME_LEN || strchr(arg, '/')) {
			fprintf(stderr,
				"DIRNAME must be one path component of 1 to %d bytes: '%s'\n",
				DIRNAME_LEN - 1, arg);
			argp_usage(state);
		}
		env.dirname = arg;
		break;
	case ARGP_KEY_END:
		if (!env.dirname) {
			fprintf(stderr, "Missing DIRNAME\n");
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
	.args_doc = "DIRNAME",
	.doc = argp_program_doc,
};

/* libbpf's messages while loading, held back: when the kernel has no BPF
 * LSM they only repeat the one line this tool prints instead (and libbpf's
 * hint about 'ulimit -l' would mislead). -v prints everything at once. */
static char load_log[4096];
static size_t load_log_len;
static bool loading;

static int libbpf_print_fn(enum libbpf_print_level level, const char *format, va_list args)
{
	int n;

	if (level == LIBBPF_DEBUG && !env.verbose)
		return 0;
	if (!loading || env.verbose)
		return vfprintf(stderr, format, args);
	n = vsnprintf(load_log + load_log_len, sizeof(load_log) - load_log_len, format, args);
	if (n > 0) {
		/* vsnprintf() cut what did not fit */
		load_log_len += n;
		if (load_log_len >= sizeof(load_log))
			load_log_len = sizeof(load_log) - 1;
	}
	return n;
}

/* Does this load error mean the kernel cannot run BPF LSM programs?
 * Without BPF LSM the kernel refuses the program: -EPERM (we are root:
 * other programs load), -EINVAL for an unknown type, -ESRCH/-ENOENT when
 * its BTF has no bpf_lsm_path_rmdir; wasm-bpf reports a program type it
 * knows the kernel lacks as -EOPNOTSUPP. */
static bool lsm_unsupported(int err)
{
	return err == -EOPNOTSUPP || err == -EPERM || err == -EINVAL || err == -ESRCH ||
	       err == -ENOENT;
}

static int handle_event(void *ctx, void *data, size_t data_sz)
{
	const struct rmdir_event *e = data;

	(void)ctx;
	if (data_sz < sizeof(*e))
		return 0;
	printf("denied rmdir of '%s' to pid %d (%s)\n", e->dirname, e->pid, e->comm);
	return 0;
}

int main(int argc, char **argv)
{
	struct ring_buffer *rb = NULL;
	struct lsm_bpf *skel;
	int err;

	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return err;

	/* output is often a pipe: show each line as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	skel = lsm_bpf__open();
	if (!skel) {
		fprintf(stderr, "Failed to open BPF skeleton\n");
		return 1;
	}
	strncpy((char *)skel->rodata->denied_name, env.dirname, DIRNAME_LEN - 1);

	loading = true;
	err = lsm_bpf__load(skel);
	loading = false;
	if (err && lsm_unsupported(err)) {
		fprintf(stderr,
			"lsm: this kernel lacks BPF LSM support: loading lsm/path_rmdir failed (%s)\n",
			strerror(-err));
		goto cleanup;
	}
	fputs(load_log, stderr);
	if (err) {
		fprintf(stderr, "lsm: failed to load the BPF program: %s\n", strerror(-err));
		goto cleanup;
	}

	err = lsm_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "lsm: failed to attach lsm/path_rmdir: %s\n", strerror(-err));
		goto cleanup;
	}

	rb = ring_buffer__new(bpf_map__fd(skel->maps.rb), handle_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "lsm: failed to create ring buffer: %s\n", strerror(errno));
		goto cleanup;
	}

	printf("Denying rmdir of directories named '%s'... Hit Ctrl-C to end.\n", env.dirname);
	while (true) {
		err = ring_buffer__poll(rb, 100 /* timeout, ms */);
		/* Ctrl-C: wasm-bpf makes the poll return -EINTR */
		if (err == -EINTR) {
			err = 0;
			break;
		}
		if (err < 0) {
			fprintf(stderr, "lsm: error polling ring buffer: %d\n", err);
			break;
		}
	}
	printf("%llu rmdir(s) denied\n", (unsigned long long)skel->bss->denied);

cleanup:
	ring_buffer__free(rb);
	lsm_bpf__destroy(skel);
	return err < 0 ? -err : 0;
}
