// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* lsm: denies rmdir of directories with a chosen name, user side (a wasm
 * module run by wasm-bpf). Kernels without BPF LSM cannot load the program:
 * then the tool says so in one line and exits with an error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "libbpf-wasm.h"
#include "lsm.h"
#include "lsm.skel.h"

static struct env {
	const char *dirname;
	bool verbose;
} env;

/* wasi-libc has no argp: getopt_long with argp's --help text instead. */
static const char usage_text[] =
	"Usage: lsm [OPTION...] DIRNAME\n"
	"Deny rmdir of every directory named DIRNAME.\n"
	"\n"
	"A BPF LSM program on the path_rmdir hook returns -EPERM when the\n"
	"directory's name is DIRNAME. Needs a kernel with CONFIG_BPF_LSM=y and\n"
	"\"bpf\" in its lsm= list.\n"
	"\n"
	"USAGE: lsm [-v] DIRNAME\n"
	"\n"
	"  -v, --verbose              Verbose debug output\n"
	"  -h, --help                 Give this help list\n";

/* clang-format off */
static const struct option long_options[] = {
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{},
};
/* clang-format on */

/* 0: run; 1: exit successfully (help shown); -1: exit with an error */
static int parse_args(int argc, char **argv)
{
	int opt;

	while ((opt = getopt_long(argc, argv, "vh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'v':
			env.verbose = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		default:
			fprintf(stderr, "Try 'lsm --help' for more information.\n");
			return -1;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "lsm: missing DIRNAME\nTry 'lsm --help' for more information.\n");
		return -1;
	}
	env.dirname = argv[optind++];
	if (!*env.dirname || strlen(env.dirname) >= DIRNAME_LEN || strchr(env.dirname, '/')) {
		fprintf(stderr, "lsm: DIRNAME must be one path component of 1 to %d bytes: '%s'\n",
			DIRNAME_LEN - 1, env.dirname);
		return -1;
	}
	if (optind < argc) {
		fprintf(stderr, "lsm: unexpected argument: %s\n", argv[optind]);
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

	err = parse_args(argc, argv);
	if (err)
		return err > 0 ? 0 : 1;

	/* output is often a pipe: show each line as it comes */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print_fn);

	skel = lsm_bpf__open();
	if (!skel) {
		fprintf(stderr, "Failed to open BPF skeleton\n");
		return 1;
	}
	strncpy((char *)skel->rodata->denied_name, env.dirname, DIRNAME_LEN - 1);

	err = lsm_bpf__load(skel);
	if (err) {
		/* Without BPF LSM the kernel refuses the program: -EPERM (this
		 * is root: other programs load), -EINVAL for an unknown type,
		 * -ESRCH/-ENOENT when BTF has no bpf_lsm_path_rmdir; wasm-bpf
		 * reports a type it knows to be unsupported as -EOPNOTSUPP. */
		if (err == -EOPNOTSUPP || err == -EPERM || err == -EINVAL || err == -ESRCH ||
		    err == -ENOENT)
			fprintf(stderr,
				"lsm: this kernel lacks BPF LSM support: loading lsm/path_rmdir failed (%s)\n",
				strerror(-err));
		else
			fprintf(stderr, "lsm: failed to load the BPF program: %s\n",
				strerror(-err));
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
