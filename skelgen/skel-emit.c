// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Printing a wbpf skeleton: bpftool's `gen skeleton` shape (struct
 * <name>_bpf with maps, progs, links and one pointer per data section;
 * <name>_bpf__open/__open_opts/__load/__open_and_load/__attach/__detach/
 * __destroy/__elf_bytes/__create_skeleton) for the wasm32 guest SDK. The
 * data-section structs and the types they use are printed by the layout
 * core's C printer; this file only chooses their names. One emit_*() per
 * part of the header, in the order they appear.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>
#include <zlib.h>

#include "skel-internal.h"
#include "wbpf-cemit.h"
#include "wbpf-layout.h"

static int has_datasecs(const struct skel_obj *so)
{
	int i;

	for (i = 0; i < so->nmaps; i++) {
		if (so->maps[i].datasec)
			return 1;
	}
	return 0;
}

static void emit_includes(FILE *out)
{
	fprintf(out, "#include <errno.h>\n"
		     "#include <stdlib.h>\n"
		     "#include <libbpf-wasm.h>\n\n");
}

/* The types the global variables use (structs, enums, typedefs), each
 * guarded so that wbpf-bindgen's header of the same object can be included
 * too. */
static int emit_global_types(const struct skel_obj *so, struct wbpf_cemit *e, FILE *out)
{
	uint32_t *roots, *ids = NULL;
	int i, n, nroots = 0, k = 0, err;

	roots = calloc(so->nmaps ? so->nmaps : 1, sizeof(*roots));
	if (!roots)
		return skel_fail(ENOMEM, "out of memory");
	for (i = 0; i < so->nmaps; i++) {
		if (so->maps[i].datasec)
			roots[nroots++] = so->maps[i].datasec;
	}
	n = nroots ? wbpf_model__order(so->model, roots, nroots, &ids) : 0;
	free(roots);
	if (n < 0)
		return skel_fail(-n, "%s", wbpf_layout_errstr());
	/* the data sections themselves are printed under the skeleton's names */
	for (i = 0; i < n; i++) {
		const struct wbpf_type *t = wbpf_model__type(so->model, ids[i]);

		if (t && t->kind != WBPF_KIND_DATASEC)
			ids[k++] = ids[i];
	}
	err = 0;
	if (k) {
		fprintf(out, "/* types of the BPF program's global variables, for wasm32 */\n");
		err = wbpf_cemit__emit_types(e, ids, k);
		if (err)
			err = skel_fail(-err, "printing global variable types: %s",
					wbpf_layout_errstr());
	}
	free(ids);
	return err;
}

/* struct <obj>_bpf__<sec> for each data section, its layout asserts, and
 * the size of every variable (as bpftool's skeletons assert). */
static int emit_datasec_structs(const struct skel_obj *so, struct wbpf_cemit *e, FILE *out)
{
	char sname[512];
	uint32_t j;
	int i, err;

	for (i = 0; i < so->nmaps; i++) {
		const struct skel_map *m = &so->maps[i];
		const struct wbpf_type *t;

		if (!m->datasec)
			continue;
		t = wbpf_model__type(so->model, m->datasec);
		snprintf(sname, sizeof(sname), "%s__%s", so->ident, m->ident);
		fprintf(out, "/* global variables of section %s: skel->%s */\n", m->name, m->ident);
		err = wbpf_cemit__emit_def(e, m->datasec, sname);
		if (!err)
			err = wbpf_cemit__emit_asserts(e, m->datasec, sname);
		if (err)
			return skel_fail(-err, "printing section %s: %s", m->name,
					 wbpf_layout_errstr());
		for (j = 0; j < t->nmembers; j++) {
			const struct wbpf_member *v = &t->members[j];

			if (v->kind != WBPF_MEMBER_VAR || !v->name)
				continue;
			fprintf(out,
				"_Static_assert(sizeof(((struct %1$s *)0)->%2$s) == %3$u, "
				"\"unexpected size of '%2$s'\");\n",
				sname, v->name, v->size);
		}
		fprintf(out, "\n");
	}
	return 0;
}

static void emit_skel_struct(const struct skel_obj *so, FILE *out)
{
	int i;

	fprintf(out,
		"struct %1$s {\n"
		"\tstruct bpf_object_skeleton *skeleton;\n"
		"\tstruct bpf_object *obj;\n",
		so->ident);
	if (so->nmaps) {
		fprintf(out, "\tstruct {\n");
		for (i = 0; i < so->nmaps; i++)
			fprintf(out, "\t\tstruct bpf_map *%s;\n", so->maps[i].ident);
		fprintf(out, "\t} maps;\n");
	}
	fprintf(out, "\tstruct {\n");
	for (i = 0; i < so->nprogs; i++)
		fprintf(out, "\t\tstruct bpf_program *%s;\n", so->progs[i].name);
	fprintf(out, "\t} progs;\n");
	fprintf(out, "\tstruct {\n");
	for (i = 0; i < so->nprogs; i++)
		fprintf(out, "\t\tstruct bpf_link *%s;\n", so->progs[i].name);
	fprintf(out, "\t} links;\n");
	for (i = 0; i < so->nmaps; i++) {
		if (so->maps[i].datasec)
			fprintf(out, "\tstruct %1$s__%2$s *%2$s;\n", so->ident, so->maps[i].ident);
	}
	fprintf(out, "};\n\n");
}

static void emit_lifecycle(const struct skel_obj *so, FILE *out)
{
	fprintf(out,
		"static inline void %1$s__destroy(struct %1$s *obj)\n"
		"{\n"
		"\tif (!obj)\n"
		"\t\treturn;\n"
		"\tif (obj->skeleton)\n"
		"\t\tbpf_object__destroy_skeleton(obj->skeleton);\n"
		"\tfree(obj);\n"
		"}\n"
		"\n"
		"static inline int %1$s__create_skeleton(struct %1$s *obj);\n"
		"\n"
		"static inline struct %1$s *%1$s__open_opts(const struct bpf_object_open_opts *opts)\n"
		"{\n"
		"\tstruct %1$s *obj;\n"
		"\tint err;\n"
		"\n"
		"\tobj = (struct %1$s *)calloc(1, sizeof(*obj));\n"
		"\tif (!obj) {\n"
		"\t\terrno = ENOMEM;\n"
		"\t\treturn NULL;\n"
		"\t}\n"
		"\terr = %1$s__create_skeleton(obj);\n"
		"\tif (err)\n"
		"\t\tgoto err_out;\n"
		"\terr = bpf_object__open_skeleton(obj->skeleton, opts);\n"
		"\tif (err)\n"
		"\t\tgoto err_out;\n"
		"\treturn obj;\n"
		"err_out:\n"
		"\t%1$s__destroy(obj);\n"
		"\terrno = -err;\n"
		"\treturn NULL;\n"
		"}\n"
		"\n"
		"static inline struct %1$s *%1$s__open(void)\n"
		"{\n"
		"\treturn %1$s__open_opts(NULL);\n"
		"}\n"
		"\n"
		"static inline int %1$s__load(struct %1$s *obj)\n"
		"{\n"
		"\treturn bpf_object__load_skeleton(obj->skeleton);\n"
		"}\n"
		"\n"
		"static inline struct %1$s *%1$s__open_and_load(void)\n"
		"{\n"
		"\tstruct %1$s *obj;\n"
		"\tint err;\n"
		"\n"
		"\tobj = %1$s__open();\n"
		"\tif (!obj)\n"
		"\t\treturn NULL;\n"
		"\terr = %1$s__load(obj);\n"
		"\tif (err) {\n"
		"\t\t%1$s__destroy(obj);\n"
		"\t\terrno = -err;\n"
		"\t\treturn NULL;\n"
		"\t}\n"
		"\treturn obj;\n"
		"}\n"
		"\n"
		"static inline int %1$s__attach(struct %1$s *obj)\n"
		"{\n"
		"\treturn bpf_object__attach_skeleton(obj->skeleton);\n"
		"}\n"
		"\n"
		"static inline void %1$s__detach(struct %1$s *obj)\n"
		"{\n"
		"\tbpf_object__detach_skeleton(obj->skeleton);\n"
		"}\n"
		"\n"
		"static inline const void *%1$s__elf_bytes(size_t *sz);\n"
		"\n",
		so->ident);
}

/* the C string literal of a string from the object (names are plain
 * identifiers, SEC() names may hold anything) */
static void emit_cstr(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* BPF_PROG_TYPE_TRACEPOINT from libbpf's "tracepoint" */
static void emit_prog_type(FILE *out, int type)
{
	const char *s = libbpf_bpf_prog_type_str((enum bpf_prog_type)type);

	if (!s) {
		fprintf(out, "(enum bpf_prog_type)%d", type);
		return;
	}
	fprintf(out, "BPF_PROG_TYPE_");
	for (; *s; s++)
		fputc(*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s, out);
}

static void emit_create_skeleton(const struct skel_obj *so, bool compress, FILE *out)
{
	int i;

	if (compress)
		fprintf(out, "static inline const void *%s__elf_zbytes(size_t *sz);\n\n",
			so->ident);
	fprintf(out,
		"static inline int %1$s__create_skeleton(struct %1$s *obj)\n"
		"{\n"
		"\tstruct bpf_object_skeleton *s;\n"
		"\tint err;\n"
		"\n"
		"\ts = (struct bpf_object_skeleton *)calloc(1, sizeof(*s));\n"
		"\tif (!s) {\n"
		"\t\terr = -ENOMEM;\n"
		"\t\tgoto err;\n"
		"\t}\n"
		"\ts->sz = sizeof(*s);\n"
		"\ts->name = \"%1$s\";\n"
		"\ts->obj = &obj->obj;\n",
		so->ident);
	if (so->nmaps) {
		fprintf(out,
			"\n"
			"\t/* maps */\n"
			"\ts->map_cnt = %d;\n"
			"\ts->map_skel_sz = sizeof(*s->maps);\n"
			"\ts->maps = (struct bpf_map_skeleton *)calloc(s->map_cnt, s->map_skel_sz);\n"
			"\tif (!s->maps) {\n"
			"\t\terr = -ENOMEM;\n"
			"\t\tgoto err;\n"
			"\t}\n",
			so->nmaps);
	}
	for (i = 0; i < so->nmaps; i++) {
		const struct skel_map *m = &so->maps[i];

		fprintf(out, "\n\ts->maps[%d].name = ", i);
		emit_cstr(out, m->name);
		fprintf(out, ";\n\ts->maps[%1$d].map = &obj->maps.%2$s;\n", i, m->ident);
		if (m->datasec)
			fprintf(out,
				"\ts->maps[%1$d].mmaped = (void **)&obj->%2$s;\n"
				"\ts->maps[%1$d].mmaped_sz = sizeof(struct %3$s__%2$s);\n",
				i, m->ident, so->ident);
	}
	fprintf(out,
		"\n"
		"\t/* programs */\n"
		"\ts->prog_cnt = %d;\n"
		"\ts->prog_skel_sz = sizeof(*s->progs);\n"
		"\ts->progs = (struct bpf_prog_skeleton *)calloc(s->prog_cnt, s->prog_skel_sz);\n"
		"\tif (!s->progs) {\n"
		"\t\terr = -ENOMEM;\n"
		"\t\tgoto err;\n"
		"\t}\n",
		so->nprogs);
	for (i = 0; i < so->nprogs; i++) {
		const struct skel_prog *p = &so->progs[i];

		fprintf(out,
			"\n"
			"\ts->progs[%1$d].name = \"%2$s\";\n"
			"\ts->progs[%1$d].prog = &obj->progs.%2$s;\n"
			"\ts->progs[%1$d].link = &obj->links.%2$s;\n"
			"\ts->progs[%1$d].sec_name = ",
			i, p->name);
		emit_cstr(out, p->sec);
		fprintf(out, ";\n\ts->progs[%d].type = ", i);
		emit_prog_type(out, p->type);
		fprintf(out, ";\n");
		if (!p->autoload)
			fprintf(out, "\ts->progs[%d].autoload_off = true;\n", i);
	}
	fprintf(out,
		"\n"
		"\ts->data = %1$s__elf_%2$s(&s->data_sz);\n"
		"\n"
		"\tobj->skeleton = s;\n"
		"\treturn 0;\n"
		"err:\n"
		"\tbpf_object__destroy_skeleton(s);\n"
		"\treturn err;\n"
		"}\n"
		"\n",
		so->ident, compress ? "zbytes" : "bytes");
}

/* bytes as the body of a C string literal, 76 columns a line */
static void emit_literal(FILE *out, const unsigned char *b, size_t n)
{
	size_t i;
	int col = 0;

	for (i = 0; i < n; i++) {
		if (b[i] == 0)
			col += fprintf(out, "\\0");
		else
			col += fprintf(out, "\\x%02x", b[i]);
		if (col >= 76 && i + 1 < n) {
			fprintf(out, "\\\n");
			col = 0;
		}
	}
}

/* The object as a string literal, as bpftool embeds it: no libelf and no
 * file access in the guest. */
static void emit_elf_bytes(const struct skel_obj *so, FILE *out)
{
	fprintf(out,
		"static inline const void *%1$s__elf_bytes(size_t *sz)\n"
		"{\n"
		"\tstatic const char data[] __attribute__((__aligned__(8))) = \"\\\n",
		so->ident);
	emit_literal(out, so->elf, so->elf_sz);
	fprintf(out, "\";\n"
		     "\n"
		     "\t*sz = sizeof(data) - 1;\n"
		     "\treturn (const void *)data;\n"
		     "}\n"
		     "\n");
}

/*
 * The object deflated: BTF and symbol tables compress about 2.5 times, and
 * the object is most of a small module's data. zlib is what libbpf itself
 * links; the host inflates the stream when the guest opens it (wbpf ABI
 * 3), and __elf_bytes() asks the host for the ELF only when called.
 */
static int emit_elf_zbytes(const struct skel_obj *so, FILE *out)
{
	uLongf zlen = compressBound(so->elf_sz);
	unsigned char *z = malloc(zlen);

	if (!z)
		return skel_fail(ENOMEM, "out of memory");
	/* zlib's default level: level 9 saves 0.1-1 % more, five times slower
	 * (a quarter of a second for an object with all its DWARF) */
	if (compress2(z, &zlen, so->elf, so->elf_sz, Z_DEFAULT_COMPRESSION) != Z_OK) {
		free(z);
		return skel_fail(ENOMEM, "cannot compress the object");
	}
	fprintf(out,
		"/* the object, zlib-compressed (the host inflates it) */\n"
		"static inline const void *%1$s__elf_zbytes(size_t *sz)\n"
		"{\n"
		"\tstatic const char data[] __attribute__((__aligned__(8))) = \"\\\n",
		so->ident);
	emit_literal(out, z, zlen);
	fprintf(out,
		"\";\n"
		"\n"
		"\t*sz = sizeof(data) - 1;\n"
		"\treturn (const void *)data;\n"
		"}\n"
		"\n"
		"/* the object's ELF bytes, inflated by the host on the first call; NULL\n"
		" * with errno set if that fails */\n"
		"static inline const void *%1$s__elf_bytes(size_t *sz)\n"
		"{\n"
		"\tstatic void *elf;\n"
		"\tsize_t zsz;\n"
		"\tconst void *z = %1$s__elf_zbytes(&zsz);\n"
		"\n"
		"\treturn wbpf_sdk_elf_bytes(z, zsz, %2$zu, &elf, sz);\n"
		"}\n"
		"\n",
		so->ident, so->elf_sz);
	free(z);
	return 0;
}

int skel_emit(const struct skel_obj *so, bool compress, FILE *out)
{
	struct wbpf_cemit_opts eopts = { .sz = sizeof(eopts), .file = out, .type_guards = true };
	struct wbpf_cemit *e;
	char guard[512];
	size_t i;
	int err;

	snprintf(guard, sizeof(guard), "__%s_SKEL_H__", so->ident);
	for (i = 0; guard[i]; i++) {
		if (guard[i] >= 'a' && guard[i] <= 'z')
			guard[i] = guard[i] - 'a' + 'A';
	}
	e = wbpf_cemit__new(so->model, &eopts);
	if (!e)
		return skel_fail(errno ? errno : ENOMEM, "%s", wbpf_layout_errstr());
	err = wbpf_cemit__emit_prologue(e, "wbpf-skel", so->source, guard);
	if (err) {
		err = skel_fail(-err, "%s", wbpf_layout_errstr());
		goto out;
	}
	emit_includes(out);
	if (has_datasecs(so)) {
		err = emit_global_types(so, e, out);
		if (!err)
			err = emit_datasec_structs(so, e, out);
		if (err)
			goto out;
	}
	emit_skel_struct(so, out);
	emit_lifecycle(so, out);
	emit_create_skeleton(so, compress, out);
	if (compress) {
		err = emit_elf_zbytes(so, out);
		if (err)
			goto out;
	} else {
		emit_elf_bytes(so, out);
	}
	err = wbpf_cemit__emit_epilogue(e, guard);
	if (err)
		err = skel_fail(-err, "%s", wbpf_layout_errstr());
out:
	wbpf_cemit__free(e);
	return err;
}
