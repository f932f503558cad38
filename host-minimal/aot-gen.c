// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The glue generator of `wasm-bpf --compile` (see aot-gen.h). What it needs
 * of wasm2c's output (the names of the import functions, of the instance's
 * memory and table fields, the order of instantiate's parameters) it reads
 * from wasm2c's header rather than re-deriving wasm2c's name mangling: the
 * header is the interface wasm2c promises. Forwarders are written from the
 * host's import table, so their types are the host's by construction.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <wbpf-abi.h>

#include "aot-gen.h"
#include "aot-glue.h"
#include "errmsg.h"

#define W2C_INST "Z_" WBPF_AOT_W2C_NAME "_instance_t"
#define W2C_ABI	 "struct Z_wasm_bpf_instance_t*"
#define W2C_WASI "struct Z_wasi_snapshot_preview1_instance_t*"

/* Every failure of the generator is a header it cannot read: -EINVAL. */
#define gen_err(err, sz, ...) wbpf_set_err(err, sz, -EINVAL, __VA_ARGS__)

/* The line after the first line that is exactly `marker`, or NULL. */
static const char *line_after(const char *h, const char *marker)
{
	size_t n = strlen(marker);
	const char *p = h;

	while ((p = strstr(p, marker))) {
		if ((p == h || p[-1] == '\n') && p[n] == '\n')
			return p + n + 1;
		p += n;
	}
	return NULL;
}

static bool is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* The identifier just before the first '(' of the line at p. */
static int fn_name(const char *p, char *out, size_t sz)
{
	const char *paren = p, *start;

	while (*paren && *paren != '(' && *paren != '\n')
		paren++;
	if (*paren != '(')
		return -EINVAL;
	start = paren;
	while (start > p && is_ident(start[-1]))
		start--;
	if (start == paren || (size_t)(paren - start) >= sz)
		return -EINVAL;
	memcpy(out, start, paren - start);
	out[paren - start] = 0;
	return 0;
}

/* The first field of type `type` in wasm2c's instance struct: "" if none. */
static int field_of(const char *h, const char *type, char *out, size_t sz)
{
	const char *p = line_after(h, "typedef struct " W2C_INST " {");
	const char *end = p ? strstr(p, "} " W2C_INST ";") : NULL;
	size_t tn = strlen(type);
	const char *name;
	size_t n;

	out[0] = 0;
	if (!p || !end)
		return -EINVAL;
	while (p < end) {
		while (*p == ' ')
			p++;
		if (strncmp(p, type, tn) == 0 && p[tn] == ' ') {
			name = p + tn + 1;
			for (n = 0; is_ident(name[n]); n++)
				;
			if (name[n] != ';' || n == 0 || n >= sz)
				return -EINVAL;
			memcpy(out, name, n);
			out[n] = 0;
			return 0;
		}
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return 0;
}

/* The arguments of wasm2c's instantiate, in its order, as a C expression
 * list over (w, abi, wasi). */
static int instantiate_args(const char *h, char *out, size_t sz)
{
	static const char proto[] = "void Z_" WBPF_AOT_W2C_NAME "_instantiate(" W2C_INST "*";
	const char *p = strstr(h, proto), *end;
	size_t len = 0;

	if (!p)
		return -EINVAL;
	p += strlen(proto);
	end = strstr(p, ");\n");
	if (!end)
		return -EINVAL;
	len = (size_t)snprintf(out, sz, "(w)");
	while (p < end) {
		const char *arg;

		if (strncmp(p, ", ", 2) != 0)
			return -EINVAL;
		p += 2;
		if (strncmp(p, W2C_ABI, strlen(W2C_ABI)) == 0) {
			arg = ", (abi)";
			p += strlen(W2C_ABI);
		} else if (strncmp(p, W2C_WASI, strlen(W2C_WASI)) == 0) {
			arg = ", (wasi)";
			p += strlen(W2C_WASI);
		} else {
			return -EINVAL;
		}
		if (len + strlen(arg) >= sz)
			return -EINVAL;
		strcpy(out + len, arg);
		len += strlen(arg);
	}
	return 0;
}

static const char *c_type(char letter)
{
	return letter == 'I' ? "u64" : "u32";
}

static void emit_forwarder(FILE *out, const char *fn, const struct wbpf_import *imp, size_t idx)
{
	const char *self = strcmp(imp->module, WBPF_WASI_MODULE) == 0 ?
				   "struct Z_wasi_snapshot_preview1_instance_t" :
				   "struct Z_wasm_bpf_instance_t";
	size_t i, n = strlen(imp->params);
	char have[128];

	wbpf_import__sig_str(imp->params, imp->results, have, sizeof(have));
	fprintf(out, "/* %s.%s: %s */\n", imp->module, imp->name, have);
	fprintf(out, "%s %s(%s *self", imp->results[0] ? c_type(imp->results[0]) : "void", fn,
		self);
	for (i = 0; i < n; i++)
		fprintf(out, ", %s a%zu", c_type(imp->params[i]), i);
	fprintf(out, ")\n{\n\tuint64_t args[%zu] = { ", n ? n : 1);
	if (!n)
		fprintf(out, "0");
	for (i = 0; i < n; i++)
		fprintf(out, "%sa%zu", i ? ", " : "", i);
	fprintf(out, " };\n\n");
	if (imp->results[0])
		fprintf(out, "\treturn (%s)glue_call(self->g, %zu, args);\n}\n\n",
			c_type(imp->results[0]), idx);
	else
		fprintf(out, "\tglue_call(self->g, %zu, args);\n}\n\n", idx);
}

static void emit_bytes(FILE *out, const uint8_t *b, size_t n)
{
	size_t i;

	fprintf(out, "{");
	for (i = 0; i < n; i++)
		fprintf(out, "%s0x%02x", i ? (i % 8 ? ", " : ",\n\t\t") : " ", b[i]);
	fprintf(out, " }");
}

static void emit_head(FILE *out, const char *w2c_h_name, const char *mem, const char *table,
		      const char *args, const char *start)
{
	fprintf(out,
		"// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)\n"
		"/* autogenerated by wasm-bpf --compile (wbpf %s): the import glue of one\n"
		" * ahead-of-time compiled module; see aot-runtime.c and aot-glue.h */\n"
		"#include \"%s\"\n\n",
		WBPF_VERSION, w2c_h_name);
	fprintf(out, "#define GLUE_INSTANCE_T %s\n", W2C_INST);
	fprintf(out, "#define GLUE_INIT_MODULE() Z_%s_init_module()\n", WBPF_AOT_W2C_NAME);
	fprintf(out, "#define GLUE_INSTANTIATE(w, abi, wasi) Z_%s_instantiate(%s)\n",
		WBPF_AOT_W2C_NAME, args);
	fprintf(out, "#define GLUE_START(w) %s(w)\n", start);
	fprintf(out, "#define GLUE_FREE(w) Z_%s_free(w)\n", WBPF_AOT_W2C_NAME);
	if (mem[0])
		fprintf(out, "#define GLUE_MEMORY(w) (&(w)->%s)\n", mem);
	else
		fprintf(out, "#define GLUE_MEMORY(w) ((wasm_rt_memory_t *)((void)(w), NULL))\n");
	if (table[0])
		fprintf(out, "#define GLUE_TABLE(w) (&(w)->%s)\n", table);
	else
		fprintf(out,
			"#define GLUE_TABLE(w) ((wasm_rt_funcref_table_t *)((void)(w), NULL))\n");
	fprintf(out, "\n#include \"aot-runtime.c\"\n\n");
}

static void emit_tail(FILE *out, const struct wbpf_wasm_info *info, const uint8_t sha256[32])
{
	size_t i;

	fprintf(out, "static const struct wbpf_aot_import glue_imports[] = {\n");
	for (i = 0; i < info->nimports; i++) {
		const struct wbpf_import *imp = info->imports[i].imp;

		fprintf(out, "\t{ \"%s\", \"%s\", \"%s\", \"%s\" },\n", imp->module, imp->name,
			imp->params, imp->results);
	}
	if (!info->nimports)
		fprintf(out, "\t{ 0 },\n");
	fprintf(out, "};\n\n");
	fprintf(out,
		"__attribute__((visibility(\"default\"))) const struct wbpf_aot_module "
		"wbpf_aot_module = {\n"
		"\t.format = WBPF_AOT_FORMAT,\n"
		"\t.abi_version = %d,\n"
		"\t.module_sha256 = ",
		WBPF_ABI_VERSION);
	emit_bytes(out, sha256, 32);
	fprintf(out,
		",\n"
		"\t.nimports = %zu,\n"
		"\t.imports = glue_imports,\n"
		"\t.memory_pages = %u,\n"
		"\t.instantiate = glue_instantiate,\n"
		"\t.run_start = glue_run_start,\n"
		"\t.memory = glue_memory,\n"
		"\t.check_cb = glue_check_cb,\n"
		"\t.call_cb = glue_call_cb,\n"
		"\t.free = glue_free,\n"
		"};\n\n",
		info->nimports, info->memory_pages);
	fprintf(out,
		"/* The descriptor the host reads before it loads this file. */\n"
		"struct glue_note {\n"
		"\tuint32_t namesz, descsz, type;\n"
		"\tchar name[8];\n"
		"\tstruct wbpf_aot_note desc;\n"
		"};\n\n"
		"__attribute__((section(WBPF_AOT_NOTE_SECTION), aligned(4), used))\n"
		"static const struct glue_note glue_note = {\n"
		"\tsizeof(WBPF_AOT_NOTE_OWNER),\n"
		"\tsizeof(struct wbpf_aot_note),\n"
		"\tWBPF_AOT_NOTE_TYPE,\n"
		"\tWBPF_AOT_NOTE_OWNER,\n"
		"\t{ WBPF_AOT_MAGIC, WBPF_AOT_FORMAT, %d,\n\t  ",
		WBPF_ABI_VERSION);
	emit_bytes(out, sha256, 32);
	fprintf(out, " },\n};\n");
}

int wbpf_aot_gen__glue(FILE *out, const char *w2c_h, const char *w2c_h_name,
		       const struct wbpf_wasm_info *info, const uint8_t sha256[32], char *err,
		       size_t err_sz)
{
	char mem[128], table[128], args[64], start[128], fn[256], marker[512];
	const char *p;
	size_t i, j;

	if (field_of(w2c_h, "wasm_rt_memory_t", mem, sizeof(mem)) ||
	    field_of(w2c_h, "wasm_rt_funcref_table_t", table, sizeof(table)))
		return gen_err(err, err_sz, "wasm2c's header has no instance struct %s", W2C_INST);
	if (instantiate_args(w2c_h, args, sizeof(args)))
		return gen_err(err, err_sz, "wasm2c's header: unexpected instantiate function");
	p = line_after(w2c_h, "/* export: '_start' */");
	if (!p || fn_name(p, start, sizeof(start)))
		return gen_err(err, err_sz, "wasm2c's header has no _start export");
	emit_head(out, w2c_h_name, mem, table, args, start);

	for (i = 0; i < info->nimports; i++) {
		const struct wbpf_import *imp = info->imports[i].imp;

		/* an import listed twice is one C function: forward it once */
		for (j = 0; j < i; j++) {
			if (info->imports[j].imp == imp)
				break;
		}
		if (j < i)
			continue;
		snprintf(marker, sizeof(marker), "/* import: '%s' '%s' */", imp->module, imp->name);
		p = line_after(w2c_h, marker);
		if (!p || fn_name(p, fn, sizeof(fn)))
			return gen_err(err, err_sz, "wasm2c's header does not declare import %s.%s",
				       imp->module, imp->name);
		emit_forwarder(out, fn, imp, i);
	}
	emit_tail(out, info, sha256);
	if (fflush(out) || ferror(out))
		return gen_err(err, err_sz, "cannot write the glue: %s", strerror(errno));
	return 0;
}
