// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wbpf-abi2wit: prints sdk/wit/wasm-bpf.wit, the `wasm_bpf` host ABI in
 * WIT, from the one declaration of that ABI, sdk/wasm-bpf-abi.def, and the
 * wire structs of sdk/wbpf-abi.h.
 *
 * The signatures come from expanding the X-macro (so they cannot drift);
 * the doc comments are read from the comment above each WBPF_IMPORT() line
 * of the .def file given on the command line.
 *
 * Each function's WIT type is chosen so that the canonical ABI lowers it to
 * exactly the core-wasm type of the original import: guest pointers are u32
 * (wasm32 addresses), `int` is s32, 64-bit handles and flags s64/u64.
 *
 * usage: wbpf-abi2wit PATH/TO/wasm-bpf-abi.def
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wbpf-abi.h"
#include "wit-names.h"

struct import {
	const char *name;
	const char *params; /* core types, i = i32, I = i64 */
	const char *result;
	const char *c_result;
	const char *c_params; /* "(const void *obj_buf, int obj_buf_sz)" */
};

static const struct import imports[] = {
#define WBPF_IMPORT(name, params, result, c_result, c_params) \
	{ #name, params, result, #c_result, #c_params },
#include "wasm-bpf-abi.def"
#undef WBPF_IMPORT
};

/* A wire struct field: the C name, its WIT type, offset and size taken from
 * the compiled header itself. */
struct wire_field {
	const char *name;
	const char *ctype;
	const char *wit;
	size_t off, size;
};

#define WIRE(s, f, ctype, wit)                                                    \
	{                                                                         \
#f, ctype, wit, offsetof(struct s, f), sizeof(((struct s *)0)->f) \
	}

static const struct wire_field map_info[] = {
	WIRE(wbpf_map_info, type, "uint32_t", "u32"),
	WIRE(wbpf_map_info, key_size, "uint32_t", "u32"),
	WIRE(wbpf_map_info, value_size, "uint32_t", "u32"),
	WIRE(wbpf_map_info, max_entries, "uint32_t", "u32"),
	WIRE(wbpf_map_info, map_flags, "uint32_t", "u32"),
	WIRE(wbpf_map_info, fd, "int32_t", "s32"),
	WIRE(wbpf_map_info, ncpus, "uint32_t", "u32"),
	WIRE(wbpf_map_info, __pad0, "uint32_t", "u32"),
};

static const struct wire_field perf_record[] = {
	WIRE(wbpf_perf_record, type, "uint32_t", "u32"),
	WIRE(wbpf_perf_record, cpu, "uint32_t", "u32"),
	WIRE(wbpf_perf_record, lost, "uint64_t", "u64"),
};

static void die(const char *msg, const char *what)
{
	fprintf(stderr, "wbpf-abi2wit: %s%s%s\n", msg, what ? ": " : "", what ? what : "");
	exit(1);
}

static void print_label(const char *c)
{
	char buf[128];

	if (wbpf_wit__kebab(c, buf, sizeof(buf)) < 0)
		die("name too long", c);
	printf("%s%s", wbpf_wit__is_keyword(buf) ? "%" : "", buf);
}

/* The WIT type of one C parameter or result type, checked against the core
 * type letter of the .def. */
static const char *wit_of(const char *ctype, char core, const char *where)
{
	const char *w;
	char want;

	if (strchr(ctype, '*'))
		w = "u32", want = 'i';
	else if (!strcmp(ctype, "int") || !strcmp(ctype, "int32_t"))
		w = "s32", want = 'i';
	else if (!strcmp(ctype, "uint32_t"))
		w = "u32", want = 'i';
	else if (!strcmp(ctype, "int64_t"))
		w = "s64", want = 'I';
	else if (!strcmp(ctype, "uint64_t"))
		w = "u64", want = 'I';
	else
		die("C type without a WIT mapping", ctype);
	if (core != want)
		die("C type does not match the core type of the .def", where);
	return w;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static void print_signature(const struct import *im)
{
	char *params = strdup(im->c_params), *p, *save = NULL;
	size_t n = 0;

	if (!params)
		die("out of memory", NULL);
	/* strip the parentheses */
	p = params + 1;
	p[strlen(p) - 1] = '\0';
	printf("  ");
	print_label(im->name);
	printf(": func(");
	if (strcmp(trim(p), "void")) {
		for (char *tok = strtok_r(p, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			char *decl = trim(tok), *name = decl + strlen(decl), ctype[64];

			while (name > decl && (isalnum((unsigned char)name[-1]) || name[-1] == '_'))
				name--;
			snprintf(ctype, sizeof(ctype), "%.*s", (int)(name - decl), decl);
			if (n >= strlen(im->params))
				die("more C parameters than core types", im->name);
			printf("%s", n ? ", " : "");
			print_label(name);
			printf(": %s", wit_of(trim(ctype), im->params[n], im->name));
			n++;
		}
	}
	if (n != strlen(im->params))
		die("fewer C parameters than core types", im->name);
	printf(")");
	if (*im->result)
		printf(" -> %s", wit_of(im->c_result, im->result[0], im->name));
	printf(";\n");
	free(params);
}

/* The comment block right above "WBPF_IMPORT(name," in the .def text,
 * printed as doc comments. */
static void print_doc(const char *def, const char *name)
{
	char key[128];
	const char *at, *start, *end, *p;

	snprintf(key, sizeof(key), "\nWBPF_IMPORT(%s,", name);
	at = strstr(def, key);
	if (!at)
		die("import not found in the .def text", name);
	end = at; /* the '\n' ending the comment's last line */
	if (end - def < 2 || strncmp(end - 2, "*/", 2))
		return; /* no comment right above */
	start = end - 2;
	while (start > def && strncmp(start, "/*", 2))
		start--;
	p = start + 2;
	while (p < end - 2) {
		const char *nl = memchr(p, '\n', end - 2 - p);
		const char *e = nl ? nl : end - 2;
		const char *s = p;

		while (s < e && (isspace((unsigned char)*s) || *s == '*'))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (e > s)
			printf("  /// %.*s\n", (int)(e - s), s);
		p = nl ? nl + 1 : end;
	}
}

static void print_record(const char *cname, const char *label, size_t size,
			 const struct wire_field *f, size_t n, const char *doc)
{
	size_t i, align = 1;

	for (i = 0; i < n; i++)
		if (f[i].size > align)
			align = f[i].size;
	printf("  /// %s\n  /// C `struct %s`: %zu bytes, align %zu\n  record %s {\n", doc, cname,
	       size, align, label);
	for (i = 0; i < n; i++) {
		if (i && f[i].off != f[i - 1].off + f[i - 1].size)
			die("wire struct with a gap", cname);
		printf("    /// `%s`: %s, offset %zu\n    ", f[i].name, f[i].ctype, f[i].off);
		print_label(f[i].name);
		printf(": %s,\n", f[i].wit);
	}
	if (f[n - 1].off + f[n - 1].size != size)
		die("wire struct with tail padding", cname);
	printf("  }\n\n");
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, r;

	if (!f)
		return NULL;
	/* a leading '\n' lets the first line match "\nWBPF_IMPORT(" too */
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 2);
			if (!buf)
				die("out of memory", NULL);
			if (!len)
				buf[len++] = '\n';
		}
		r = fread(buf + len, 1, cap - len, f);
		len += r;
	} while (r);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	size_t i;
	char *def;

	if (argc != 2) {
		fprintf(stderr, "usage: wbpf-abi2wit PATH/TO/wasm-bpf-abi.def\n");
		return 2;
	}
	def = slurp(argv[1]);
	if (!def)
		die("cannot read", argv[1]);

	printf("// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)\n"
	       "// autogenerated by wbpf-abi2wit from sdk/wasm-bpf-abi.def; do not edit\n"
	       "//\n"
	       "// The `wasm_bpf` host ABI of wasm-bpf in WIT. Lowered by the canonical ABI,\n"
	       "// every function below has exactly the core-wasm type of the import of the\n"
	       "// same name (with '_' for '-') in module \"%s\": guest pointers are u32\n"
	       "// addresses in the guest's linear memory, `int` is s32, object handles s64.\n"
	       "// Modules built for wasm-bpf import the core functions directly; this file\n"
	       "// describes them for tools and languages that start from WIT.\n"
	       "package wbpf:wasm-bpf@%d.0.0;\n\n",
	       WBPF_IMPORT_MODULE, WBPF_ABI_VERSION);
	printf("/// Results: >= 0 on success, -errno on failure (wasm-load-bpf-object:\n"
	       "/// 0 on failure). Handles are small positive integers, never host\n"
	       "/// addresses; a guest pointer or length outside linear memory gives -EFAULT.\n"
	       "///\n"
	       "/// Map commands of wasm-bpf-map-operate: lookup %d, update %d, delete %d,\n"
	       "/// get-next-key %d (key 0 = first key), lookup-and-delete %d.\n"
	       "/// Flags of wasm-bpf-buffer-new: perf-meta = %u (prefix perf records with\n"
	       "/// perf-record). perf-record types: sample %d, lost %d.\n"
	       "interface wasm-bpf {\n",
	       WBPF_MAP_LOOKUP_ELEM, WBPF_MAP_UPDATE_ELEM, WBPF_MAP_DELETE_ELEM,
	       WBPF_MAP_GET_NEXT_KEY, WBPF_MAP_LOOKUP_AND_DELETE_ELEM, WBPF_BUFFER_F_PERF_META,
	       WBPF_PERF_SAMPLE, WBPF_PERF_LOST);
	print_record("wbpf_map_info", "map-info", sizeof(struct wbpf_map_info), map_info,
		     sizeof(map_info) / sizeof(map_info[0]), "Filled by wasm-bpf-map-info.");
	print_record("wbpf_perf_record", "perf-record", sizeof(struct wbpf_perf_record),
		     perf_record, sizeof(perf_record) / sizeof(perf_record[0]),
		     "Header of a perf record delivered with perf-meta.");
	for (i = 0; i < sizeof(imports) / sizeof(imports[0]); i++) {
		if (i)
			printf("\n");
		print_doc(def, imports[i].name);
		print_signature(&imports[i]);
	}
	printf("}\n\n"
	       "/// A wasm-bpf guest: imports the host ABI.\n"
	       "world guest {\n"
	       "  import wasm-bpf;\n"
	       "}\n");
	free(def);
	return fflush(stdout) ? 1 : 0;
}
