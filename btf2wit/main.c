// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf2wit: the data types of a BPF object (or any BTF) as a WIT package
 * whose records lay out, in the canonical ABI, exactly as the C types do.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wbpf-layout.h"
#include "wit-emit.h"
#include "wit-names.h"
#include "wbpf-output.h"

static const char usage_text[] =
	"Usage: btf2wit FILE [-t TYPE]... [-o OUT.wit] [--package NS:NAME] [--tuples]\n"
	"\n"
	"Describe the data types of a BPF object's BTF (or a raw BTF file such as\n"
	"/sys/kernel/btf/vmlinux) in WIT, each record laid out in the canonical ABI\n"
	"exactly as the C type is on the BPF side.\n"
	"\n"
	"Options:\n"
	"  -t, --type TYPE         print TYPE and what it needs (repeatable); default:\n"
	"                          every named struct, union, enum and typedef\n"
	"  -o, --output FILE       write to FILE (replaced only on success); default: stdout\n"
	"  -p, --package NS:NAME   WIT package name; default: wbpf:<FILE's base name>\n"
	"      --tuples            fixed-size arrays as tuple<T, T, ...> instead of\n"
	"                          list<T, N>, for tools without fixed-length lists\n"
	"  -h, --help              show this help and exit\n"
	"  -V, --version           show the version and exit\n";

/* Warnings are kept until the output is written: a run that fails prints
 * its one error line and nothing else. */
struct warn_ctx {
	const char *file;
	char **msgs;
	int count;
	bool oom;
};

static void keep_warning(void *ctx, const char *msg)
{
	struct warn_ctx *w = ctx;
	char **n = realloc(w->msgs, (w->count + 1) * sizeof(*n));

	if (!n || !(n[w->count] = strdup(msg))) {
		if (n)
			w->msgs = n;
		w->oom = true;
		return;
	}
	w->msgs = n;
	w->count++;
}

static void flush_warnings(struct warn_ctx *w, bool print)
{
	int i;

	for (i = 0; i < w->count; i++) {
		if (print)
			fprintf(stderr, "btf2wit: %s: warning: %s\n", w->file, w->msgs[i]);
		free(w->msgs[i]);
	}
	if (print && w->oom)
		fprintf(stderr, "btf2wit: %s: warning: out of memory keeping warnings\n", w->file);
	free(w->msgs);
	w->msgs = NULL;
	w->count = 0;
}

/* wbpf:<kebab of the file name without .bpf.o / .o / .btf> */
static int default_package(const char *path, char *buf, size_t sz)
{
	char *copy = strdup(path), *base, *dot;
	char name[256];
	int len;

	if (!copy)
		return -ENOMEM;
	base = basename(copy);
	if ((dot = strstr(base, ".bpf.o")) && !dot[6])
		*dot = '\0';
	else if ((dot = strrchr(base, '.')) && dot != base)
		*dot = '\0';
	len = wbpf_wit__kebab(base, name, sizeof(name));
	free(copy);
	if (len < 0)
		return len;
	snprintf(buf, sz, "wbpf:%s", name);
	return 0;
}

static const char *strip_kind(const char *t)
{
	static const char *const kinds[] = { "struct ", "union ", "enum " };
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strncmp(t, kinds[i], strlen(kinds[i])))
			return t + strlen(kinds[i]);
	return t;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "package", required_argument, NULL, 'p' },
		{ "tuples", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{},
	};
	const char **types = NULL, *output = NULL, *package = NULL, *file;
	char pkgbuf[300], *text = NULL;
	size_t text_len = 0;
	struct wbpf_model *m = NULL;
	struct wbpf_wit_opts opts = { .sz = sizeof(opts) };
	struct wbpf_model_opts mopts = { .sz = sizeof(mopts) };
	struct warn_ctx warn = {};
	uint32_t *roots = NULL;
	int ntypes = 0, opt, i, err, rc = 1;
	FILE *mem = NULL;

	types = calloc(argc, sizeof(*types));
	roots = calloc(argc, sizeof(*roots));
	if (!types || !roots) {
		fprintf(stderr, "btf2wit: out of memory\n");
		return 1;
	}
	opterr = 0; /* one line of our own instead of getopt's */
	while ((opt = getopt_long(argc, argv, ":t:o:p:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 't':
			types[ntypes++] = strip_kind(optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'p':
			package = optarg;
			break;
		case 'T':
			opts.tuples = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			rc = 0;
			goto out;
		case 'V':
			printf("btf2wit (wbpf) %s\n", WBPF_VERSION);
			rc = 0;
			goto out;
		case ':':
			fprintf(stderr,
				"btf2wit: option '%s' needs an argument; try 'btf2wit --help'\n",
				argv[optind - 1]);
			rc = 2;
			goto out;
		default:
			fprintf(stderr, "btf2wit: unknown option '%s'; try 'btf2wit --help'\n",
				argv[optind - 1]);
			rc = 2;
			goto out;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "btf2wit: %s; try 'btf2wit --help'\n",
			optind >= argc ? "no input file" : "exactly one input file expected");
		rc = 2;
		goto out;
	}
	file = argv[optind];
	if (package && !wbpf_wit__valid_package(package)) {
		fprintf(stderr,
			"btf2wit: invalid package name '%s' (expected namespace:name, lowercase kebab-case, "
			"optionally @x.y.z)\n",
			package);
		rc = 2;
		goto out;
	}
	if (!package) {
		if (default_package(file, pkgbuf, sizeof(pkgbuf)) ||
		    !wbpf_wit__valid_package(pkgbuf)) {
			fprintf(stderr,
				"btf2wit: %s: cannot make a package name from the file name; "
				"use --package\n",
				file);
			goto out;
		}
		package = pkgbuf;
	}

	mopts.source = file;
	m = wbpf_model__open(file, &mopts);
	if (!m) {
		fprintf(stderr, "btf2wit: %s: %s\n", file, wbpf_layout_errstr());
		goto out;
	}
	for (i = 0; i < ntypes; i++) {
		int id = wbpf_model__find(m, types[i]);

		if (id < 0) {
			fprintf(stderr,
				"btf2wit: %s: no struct, union, enum, typedef or section named '%s'\n",
				file, types[i]);
			goto out;
		}
		roots[i] = id;
	}

	mem = open_memstream(&text, &text_len);
	if (!mem) {
		fprintf(stderr, "btf2wit: open_memstream: %s\n", strerror(errno));
		goto out;
	}
	warn.file = file;
	opts.package = package;
	opts.source = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	opts.roots = roots;
	opts.nroots = ntypes;
	opts.warn = keep_warning;
	opts.warn_ctx = &warn;
	err = wbpf_wit__emit(m, &opts, mem);
	if (fclose(mem) && !err)
		err = -EIO;
	mem = NULL;
	if (err) {
		fprintf(stderr, "btf2wit: %s: %s\n", file, wbpf_wit_errstr());
		goto out;
	}
	if (output) {
		err = wbpf_output__write(output, text, text_len);
		if (err) {
			fprintf(stderr, "btf2wit: %s: %s\n", output, strerror(-err));
			goto out;
		}
	} else if (fwrite(text, 1, text_len, stdout) != text_len || fflush(stdout)) {
		fprintf(stderr, "btf2wit: stdout: %s\n", strerror(errno));
		goto out;
	}
	flush_warnings(&warn, true);
	rc = 0;
out:
	flush_warnings(&warn, false);
	if (mem)
		fclose(mem);
	free(text);
	wbpf_model__free(m);
	free(types);
	free(roots);
	return rc;
}
