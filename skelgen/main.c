// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wbpf-skel: `wbpf-skel gen prog.bpf.o [-o prog.skel.h] [--name NAME]`.
 *
 * The skeleton is printed into memory first and written only when it is
 * complete, so a failure prints one line on stderr and nothing on stdout,
 * and leaves an existing -o file as it was (the new one is written to a
 * temporary file and renamed).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wbpf-output.h"
#include "wbpf-skel.h"

#define TOOL "wbpf-skel"

static void usage(FILE *f)
{
	fprintf(f, "Usage: " TOOL " gen [OPTIONS] OBJECT\n"
		   "       " TOOL " --help | --version\n"
		   "\n"
		   "Print a libbpf-style skeleton of the BPF object OBJECT (prog.bpf.o) for a\n"
		   "WebAssembly guest built with the wbpf SDK (libbpf-wasm.h).\n"
		   "\n"
		   "Commands:\n"
		   "  gen               generate the skeleton header\n"
		   "\n"
		   "Options:\n"
		   "  -h, --help        print this help and exit\n"
		   "  -V, --version     print the version and exit\n");
}

static void usage_gen(FILE *f)
{
	fprintf(f, "Usage: " TOOL " gen [OPTIONS] OBJECT\n"
		   "\n"
		   "Print the skeleton of OBJECT: struct NAME_bpf with its maps, programs, links\n"
		   "and global data, NAME_bpf__open(), __load(), __attach(), ... and the object\n"
		   "itself, embedded zlib-compressed.\n"
		   "\n"
		   "Options:\n"
		   "  -o, --output FILE  write the header to FILE instead of standard output\n"
		   "  -n, --name NAME    object name (identifiers NAME_bpf...); default: the file\n"
		   "                     name without .o and .bpf\n"
		   "      --no-compress  embed the object as it is, not zlib-compressed (for\n"
		   "                     hosts older than wbpf ABI version 3)\n"
		   "  -h, --help         print this help and exit\n");
}

static int write_all(FILE *f, const char *buf, size_t len)
{
	if (fwrite(buf, 1, len, f) != len)
		return -1;
	return fflush(f);
}

static int cmd_gen(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "no-compress", no_argument, NULL, 'Z' },
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	struct wbpf_skel_opts opts = { .sz = sizeof(opts) };
	const char *output = NULL, *object;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int c, err;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:n:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'n':
			opts.name = optarg;
			break;
		case 'Z':
			opts.no_compress = true;
			break;
		case 'h':
			usage_gen(stdout);
			return 0;
		default:
			fprintf(stderr, TOOL ": gen: try '" TOOL " gen --help'\n");
			return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, TOOL ": gen: %s (try '" TOOL " gen --help')\n",
			optind >= argc ? "no BPF object given" : "more than one BPF object given");
		return 2;
	}
	object = argv[optind];
	if (opts.name && !opts.name[0]) {
		fprintf(stderr, TOOL ": gen: --name must not be empty\n");
		return 2;
	}

	mem = open_memstream(&buf, &len);
	if (!mem) {
		fprintf(stderr, TOOL ": %s: out of memory\n", object);
		return 1;
	}
	err = wbpf_skel__gen(object, mem, &opts);
	if (fclose(mem) && !err) {
		fprintf(stderr, TOOL ": %s: out of memory\n", object);
		free(buf);
		return 1;
	}
	if (err) {
		fprintf(stderr, TOOL ": %s: %s\n", object, wbpf_skel_errstr());
		free(buf);
		return 1;
	}
	if (output) {
		err = wbpf_output__write(output, buf, len);
		if (err)
			fprintf(stderr, TOOL ": %s: cannot write: %s\n", output, strerror(-err));
	} else if (write_all(stdout, buf, len)) {
		fprintf(stderr, TOOL ": standard output: %s\n", strerror(errno));
		err = -1;
	}
	free(buf);
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		printf(TOOL " (wbpf) %s\n", WBPF_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "gen"))
		return cmd_gen(argc - 1, argv + 1);
	fprintf(stderr, TOOL ": unknown command '%s' (try '" TOOL " --help')\n", argv[1]);
	return 2;
}
