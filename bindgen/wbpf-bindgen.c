// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wbpf-bindgen: layout-exact wasm32 C bindings for the types in a BPF
 * object's BTF (or a raw BTF file, or a C header parsed for the BPF target).
 *
 *   wbpf-bindgen prog.bpf.o [-t TYPE]... [-o prog.wasm.h]
 *
 * The header is built in memory and written only when everything worked;
 * -o FILE is replaced atomically (temporary file + rename), so a failed run
 * leaves it as it was.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wbpf-cemit.h"
#include "wbpf-layout.h"
#include "wbpf-output.h"

static const char *prog_name = "wbpf-bindgen";

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s [OPTION]... FILE\n"
		"Print wasm32 C declarations of the types in FILE's BTF, with the size and\n"
		"member offsets they have on the BPF side and _Static_asserts that check them.\n"
		"\n"
		"FILE is a BPF ELF object (prog.bpf.o, compiled with clang -g) or a raw BTF\n"
		"file such as /sys/kernel/btf/vmlinux; with --header, a C header.\n"
		"\n"
		"  -t, --type NAME       only the struct, union, enum or typedef NAME and the\n"
		"                        types it uses by value (repeat for more)\n"
		"  -o, --output FILE     write to FILE, replaced only on success (default:\n"
		"                        standard output)\n"
		"      --header          FILE is a C header: parse it with libclang for the\n"
		"                        BPF target and print every type it defines\n"
		"  -I DIR                with --header: add DIR to the include path\n"
		"  -D NAME[=VALUE]       with --header: define a macro\n"
		"      --clang-arg ARG   with --header: pass ARG to clang (repeatable), e.g.\n"
		"                        --clang-arg -include --clang-arg vmlinux.h\n"
		"  -h, --help            print this help and exit\n"
		"  -V, --version         print the version and exit\n"
		"\n"
		"Exit status: 0 on success, 1 on an error (one line on standard error),\n"
		"2 on a usage error.\n",
		prog_name);
}

struct args {
	const char *input;
	const char *output;
	const char **types;
	int ntypes;
	bool header;
	char **cargs;
	int ncargs;
};

static int push(void *vec, int *n, const void *item, size_t isz)
{
	void **v = vec;
	void *p = realloc(*v, (*n + 1) * isz);

	if (!p)
		return -ENOMEM;
	memcpy((char *)p + *n * isz, item, isz);
	*v = p;
	(*n)++;
	return 0;
}

static int push_carg(struct args *a, const char *pfx, const char *val)
{
	char *s;

	if (asprintf(&s, "%s%s", pfx, val) < 0)
		return -ENOMEM;
	return push(&a->cargs, &a->ncargs, &s, sizeof(s));
}

/* 0: run; 1: done (help/version); 2: usage error */
static int parse_args(int argc, char **argv, struct args *a)
{
	enum {
		OPT_HEADER = 256,
		OPT_CLANG_ARG
	};
	static const struct option longopts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "header", no_argument, NULL, OPT_HEADER },
		{ "clang-arg", required_argument, NULL, OPT_CLANG_ARG },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	int c, err = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":t:o:I:D:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			err = push(&a->types, &a->ntypes, &optarg, sizeof(optarg));
			break;
		case 'o':
			a->output = optarg;
			break;
		case OPT_HEADER:
			a->header = true;
			break;
		case 'I':
			err = push_carg(a, "-I", optarg);
			break;
		case 'D':
			err = push_carg(a, "-D", optarg);
			break;
		case OPT_CLANG_ARG:
			err = push_carg(a, "", optarg);
			break;
		case 'h':
			usage(stdout);
			return 1;
		case 'V':
			printf("%s (wbpf) %s\n", prog_name, WBPF_VERSION);
			return 1;
		case ':':
			fprintf(stderr, "%s: option '%s' needs an argument (see --help)\n",
				prog_name, argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr, "%s: unknown option '%s' (see --help)\n", prog_name,
				argv[optind - 1]);
			return 2;
		}
		if (err) {
			fprintf(stderr, "%s: out of memory\n", prog_name);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "%s: %s (see --help)\n", prog_name,
			optind == argc ? "no input file" : "more than one input file");
		return 2;
	}
	if (a->ncargs && !a->header) {
		fprintf(stderr, "%s: -I, -D and --clang-arg need --header (see --help)\n",
			prog_name);
		return 2;
	}
	a->input = argv[optind];
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* __<STEM>_WASM_H from the input's name up to its first dot. */
static char *guard_name(const char *input)
{
	const char *b = base_name(input);
	size_t i, n = strcspn(b, ".");
	char *g = malloc(n + 10);

	if (!g)
		return NULL;
	strcpy(g, "__");
	for (i = 0; i < n; i++) {
		char c = b[i];

		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			c = '_';
		g[2 + i] = c;
	}
	strcpy(g + 2 + n, "_WASM_H");
	return g;
}

/* Every struct, union, enum or typedef called `name`. */
static int find_roots(const struct wbpf_model *m, const char *name, uint32_t **roots, int *n)
{
	uint32_t id, cnt = wbpf_model__type_cnt(m);
	int found = 0;

	for (id = 1; id < cnt; id++) {
		const struct wbpf_type *t = wbpf_model__type(m, id);

		if (t->id != id || !t->name || strcmp(t->name, name))
			continue;
		if (t->kind != WBPF_KIND_STRUCT && t->kind != WBPF_KIND_UNION &&
		    t->kind != WBPF_KIND_ENUM && t->kind != WBPF_KIND_TYPEDEF)
			continue;
		if (push(roots, n, &id, sizeof(id)))
			return -ENOMEM;
		found++;
	}
	return found;
}

static int generate(const struct args *a, struct wbpf_model *m, char **buf, size_t *len)
{
	struct wbpf_cemit_opts eo = { .sz = sizeof(eo), .type_guards = true };
	uint32_t *roots = NULL, *ids = NULL;
	int i, n, nroots = 0, err = 0;
	struct wbpf_cemit *e = NULL;
	char *guard = NULL;
	FILE *f;

	for (i = 0; i < a->ntypes; i++) {
		n = find_roots(m, a->types[i], &roots, &nroots);
		if (n == 0) {
			fprintf(stderr, "%s: %s: no struct, union, enum or typedef named '%s'\n",
				prog_name, a->input, a->types[i]);
			err = -ENOENT;
			goto out;
		}
		if (n < 0) {
			err = n;
			goto out_msg;
		}
	}
	n = wbpf_model__order(m, roots, nroots, &ids);
	if (n < 0) {
		err = n;
		fprintf(stderr, "%s: %s: %s\n", prog_name, a->input, wbpf_layout_errstr());
		goto out;
	}
	guard = guard_name(a->input);
	f = open_memstream(buf, len);
	if (!guard || !f) {
		err = -ENOMEM;
		if (f)
			fclose(f);
		goto out_msg;
	}
	eo.file = f;
	e = wbpf_cemit__new(m, &eo);
	if (!e) {
		err = -errno;
		fclose(f);
		goto out_msg;
	}
	wbpf_cemit__emit_prologue(e, prog_name, base_name(a->input), guard);
	err = wbpf_cemit__emit_types(e, ids, n);
	wbpf_cemit__emit_epilogue(e, guard);
	if (fclose(f) && !err)
		err = -errno;
out_msg:
	if (err)
		fprintf(stderr, "%s: %s: cannot print the bindings: %s\n", prog_name, a->input,
			strerror(-err));
out:
	wbpf_cemit__free(e);
	free(guard);
	free(ids);
	free(roots);
	return err;
}

int main(int argc, char **argv)
{
	struct wbpf_model_opts mo = { .sz = sizeof(mo) };
	struct args a = { 0 };
	struct wbpf_model *m;
	char *buf = NULL;
	size_t len = 0;
	int i, rc, err;

	rc = parse_args(argc, argv, &a);
	if (rc == 1) /* --help, --version */
		rc = 0;
	if (rc || !a.input)
		goto out_args;
	mo.source = a.input;
	if (a.header)
		m = wbpf_model__open_header(a.input, (const char *const *)a.cargs, a.ncargs, &mo);
	else
		m = wbpf_model__open(a.input, &mo);
	if (!m) {
		fprintf(stderr, "%s: %s: %s\n", prog_name, a.input, wbpf_layout_errstr());
		rc = 1;
		goto out_args;
	}
	err = generate(&a, m, &buf, &len);
	wbpf_model__free(m);
	if (err) {
		rc = 1;
		goto out;
	}
	if (a.output) {
		err = wbpf_output__write(a.output, buf, len);
		if (err) {
			fprintf(stderr, "%s: %s: cannot write: %s\n", prog_name, a.output,
				strerror(-err));
			rc = 1;
		}
	} else if (fwrite(buf, 1, len, stdout) != len || fflush(stdout)) {
		fprintf(stderr, "%s: standard output: cannot write: %s\n", prog_name,
			strerror(errno));
		rc = 1;
	}
out:
	free(buf);
out_args:
	for (i = 0; i < a.ncargs; i++)
		free(a.cargs[i]);
	free(a.cargs);
	free(a.types);
	return rc;
}
