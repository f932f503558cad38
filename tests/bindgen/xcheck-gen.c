// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * xcheck-gen: writes the two halves of the layout cross-check for every
 * named struct and union of a BPF object (or header):
 *
 *   writer.c    native C, compiled with the ORIGINAL definitions (-include
 *               case.h): fills every field with a distinct value through the
 *               compiler's own layout of those definitions -- the layout the
 *               BPF side has, which it first checks by size -- and prints
 *               the bytes as C arrays (bytes.inc);
 *   checks.inc  wasm32 C: reads each field of the same bytes through the
 *               GENERATED definitions and counts the mismatches.
 *
 * The field walk and the values come from the layout model; what is tested
 * is that the generated wasm32 declarations find every value where the BPF
 * side's declarations put it.
 *
 * usage: xcheck-gen [--header] INPUT OUTDIR [SKIP]...
 * prints the number of field checks on stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wbpf-cemit.h"
#include "wbpf-layout.h"

#define MAX_ELEMS 16 /* array elements checked per dimension */

struct gen {
	const struct wbpf_model *m;
	struct wbpf_cemit *ce;
	FILE *w; /* writer.c */
	FILE *c; /* checks.inc */
	FILE *f; /* fields.txt: check index -> field */
	unsigned int n;
	uint64_t ctr;
	const char *root; /* for fields.txt */
};

static uint64_t next_value(struct gen *g)
{
	/* splitmix64: distinct, deterministic, every byte busy */
	uint64_t z = (g->ctr += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* An integer of `bits` bits, sign-extended when signed; as a C literal. */
static void int_lit(char *buf, size_t sz, uint64_t x, unsigned int bits, bool is_signed)
{
	if (bits < 64)
		x &= (1ull << bits) - 1;
	if (is_signed && bits < 64 && (x >> (bits - 1)) & 1)
		x |= ~0ull << bits;
	if (is_signed && (int64_t)x < 0) {
		if ((int64_t)x == INT64_MIN)
			snprintf(buf, sz, "(-9223372036854775807LL - 1)");
		else
			snprintf(buf, sz, "(%lldLL)", (long long)(int64_t)x);
	} else {
		snprintf(buf, sz, "%lluULL", (unsigned long long)x);
	}
}

static void record(struct gen *g, const char *path)
{
	g->n++;
	fprintf(g->f, "%u\t%s: %s\n", g->n, g->root, path);
}

static const struct wbpf_type *skip_typedefs(const struct gen *g, uint32_t id)
{
	return wbpf_model__type(g->m, wbpf_model__resolve(g->m, id));
}

static void leaf(struct gen *g, const struct wbpf_type *t, const char *path)
{
	char lit[64];
	uint64_t x = next_value(g);
	unsigned int i;

	switch (t->kind) {
	case WBPF_KIND_INT:
	case WBPF_KIND_ENUM:
		if (t->is_bool)
			snprintf(lit, sizeof(lit), "1");
		else
			int_lit(lit, sizeof(lit), x, t->size * 8, t->is_signed);
		fprintf(g->w, "\t\tSET(v.%s, %s);\n", path, lit);
		record(g, path);
		fprintf(g->c, "\t\tCHECK(%u, v->%s == (__typeof__(v->%s))%s);\n", g->n, path, path,
			lit);
		break;
	case WBPF_KIND_FLOAT:
		fprintf(g->w, "\t\tSET(v.%s, %llu.5);\n", path, (unsigned long long)(x % 100000));
		record(g, path);
		fprintf(g->c, "\t\tCHECK(%u, v->%s == %llu.5);\n", g->n, path,
			(unsigned long long)(x % 100000));
		break;
	case WBPF_KIND_PTR:
		fprintf(g->w, "\t\tSET(v.%s, (unsigned long)%lluULL);\n", path,
			(unsigned long long)x);
		record(g, path);
		fprintf(g->c, "\t\tCHECK(%u, v->%s == %lluULL);\n", g->n, path,
			(unsigned long long)x);
		break;
	case WBPF_KIND_OPAQUE: {
		unsigned char b[16];

		if (t->size > sizeof(b))
			return;
		for (i = 0; i < t->size; i++) {
			if (i % 8 == 0 && i)
				x = next_value(g);
			b[i] = x >> (8 * (i % 8));
		}
		/* an __int128 goes in typed; other opaque bytes by address */
		if (t->name && strstr(t->name, "int128"))
			fprintf(g->w,
				"\t\tSET(v.%s, ((__typeof__(v.%s))0x%02x%02x%02x%02x%02x%02x%02x%02xULL"
				" << 64) | 0x%02x%02x%02x%02x%02x%02x%02x%02xULL);\n",
				path, path, b[15], b[14], b[13], b[12], b[11], b[10], b[9], b[8],
				b[7], b[6], b[5], b[4], b[3], b[2], b[1], b[0]);
		else {
			fprintf(g->w, "\t\tmemcpy(&v.%s, \"", path);
			for (i = 0; i < t->size; i++)
				fprintf(g->w, "\\x%02x", b[i]);
			fprintf(g->w, "\", %u);\n", t->size);
		}
		record(g, path);
		fprintf(g->c, "\t\tCHECK(%u, eqb(v->%s, \"", g->n, path);
		for (i = 0; i < t->size; i++)
			fprintf(g->c, "\\x%02x", b[i]);
		fprintf(g->c, "\", %u));\n", t->size);
		break;
	}
	default:
		break;
	}
}

static void bitfield(struct gen *g, const struct wbpf_member *mb, const char *path)
{
	const struct wbpf_type *base = skip_typedefs(g, mb->type);
	bool is_signed = base->is_signed;
	char lit[64];
	uint64_t x = next_value(g);

	if (base->kind == WBPF_KIND_ENUM) {
		/* an enum bitfield's signedness is the C enum's: stay positive */
		is_signed = false;
		x &= mb->bit_size > 1 ? (1ull << (mb->bit_size - 1)) - 1 : 1;
	}
	if (base->is_bool)
		snprintf(lit, sizeof(lit), "1ULL");
	else
		int_lit(lit, sizeof(lit), x, mb->bit_size, is_signed);
	fprintf(g->w, "\t\tv.%s = %s;\n", path, lit);
	record(g, path);
	fprintf(g->c, "\t\tCHECK(%u, (%s)v->%s == %s);\n", g->n,
		is_signed ? "long long" : "unsigned long long", path, lit);
}

static void join(char *out, size_t sz, const char *path, const char *name)
{
	snprintf(out, sz, "%s%s%s", path, *path ? "." : "", name);
}

static void walk(struct gen *g, uint32_t id, const char *path);

static void walk_member(struct gen *g, const struct wbpf_member *mb, const char *path)
{
	char sub[1024];

	if (mb->kind != WBPF_MEMBER_FIELD && mb->kind != WBPF_MEMBER_VAR)
		return;
	if (mb->bit_size) {
		if (mb->name) {
			join(sub, sizeof(sub), path, mb->name);
			bitfield(g, mb, sub);
		}
		return;
	}
	if (mb->name) {
		join(sub, sizeof(sub), path, mb->name);
		walk(g, mb->type, sub);
	} else {
		walk(g, mb->type, path); /* anonymous member: same scope */
	}
}

static void walk(struct gen *g, uint32_t id, const char *path)
{
	const struct wbpf_type *t = skip_typedefs(g, id);
	char sub[1024];
	uint32_t i, n;

	switch (t->kind) {
	case WBPF_KIND_STRUCT:
		for (i = 0; i < t->nmembers; i++)
			walk_member(g, &t->members[i], path);
		break;
	case WBPF_KIND_UNION:
		/* writing two members of a union clobbers: the first only */
		for (i = 0; i < t->nmembers; i++) {
			if (t->members[i].kind == WBPF_MEMBER_FIELD) {
				walk_member(g, &t->members[i], path);
				break;
			}
		}
		break;
	case WBPF_KIND_ARRAY:
		n = t->nelems < MAX_ELEMS ? t->nelems : MAX_ELEMS;
		for (i = 0; i < n; i++) {
			snprintf(sub, sizeof(sub), "%s[%u]", path, i);
			walk(g, t->ref_type, sub);
		}
		break;
	default:
		leaf(g, t, path);
	}
}

static bool skipped(const char *name, char **skip, int nskip)
{
	int i;

	for (i = 0; i < nskip; i++)
		if (!strcmp(skip[i], name))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	struct wbpf_model_opts mo = { .sz = sizeof(mo) };
	struct wbpf_cemit_opts eo = { .sz = sizeof(eo) };
	struct gen g = { 0 };
	struct wbpf_model *m;
	bool header = false;
	uint32_t *ids;
	char path[4096];
	int i, n, nrec = 0, argi = 1;

	if (argc > 1 && !strcmp(argv[1], "--header")) {
		header = true;
		argi++;
	}
	if (argc - argi < 2) {
		fprintf(stderr, "usage: xcheck-gen [--header] INPUT OUTDIR [SKIP]...\n");
		return 2;
	}
	m = header ? wbpf_model__open_header(argv[argi], NULL, 0, &mo) :
		     wbpf_model__open(argv[argi], &mo);
	if (!m) {
		fprintf(stderr, "xcheck-gen: %s: %s\n", argv[argi], wbpf_layout_errstr());
		return 1;
	}
	g.m = m;
	eo.file = stderr;
	g.ce = wbpf_cemit__new(m, &eo);
	n = wbpf_model__order(m, NULL, 0, &ids);
	if (!g.ce || n < 0) {
		fprintf(stderr, "xcheck-gen: %s: cannot order the types\n", argv[argi]);
		return 1;
	}
#define OPEN(fp, name)                                                                  \
	do {                                                                            \
		snprintf(path, sizeof(path), "%s/%s", argv[argi + 1], name);            \
		fp = fopen(path, "w");                                                  \
		if (!fp) {                                                              \
			fprintf(stderr, "xcheck-gen: %s: %s\n", path, strerror(errno)); \
			return 1;                                                       \
		}                                                                       \
	} while (0)
	OPEN(g.w, "writer.c");
	OPEN(g.c, "checks.inc");
	OPEN(g.f, "fields.txt");

	fprintf(g.w, "/* autogenerated by xcheck-gen: native writer */\n"
		     "#include <stdio.h>\n#include <string.h>\n\n"
		     "/* through the field's own type, const or not */\n"
		     "#define SET(lv, val)                                   \\\n"
		     "\tdo {                                            \\\n"
		     "\t\t__typeof__(lv) tmp_ = (__typeof__(lv))(val);       \\\n"
		     "\t\tmemcpy((void *)&(lv), (const void *)&tmp_, sizeof(tmp_)); \\\n"
		     "\t} while (0)\n\n"
		     "static void dump(const char *name, const void *p, unsigned long n)\n{\n"
		     "\tconst unsigned char *b = p;\n\tunsigned long i;\n\n"
		     "\tprintf(\"static const unsigned char %%s[%%lu] "
		     "__attribute__((aligned(16))) = {\", name, n);\n"
		     "\tfor (i = 0; i < n; i++)\n"
		     "\t\tprintf(\"%%s0x%%02x,\", i %% 12 ? \" \" : \"\\n\\t\", b[i]);\n"
		     "\tprintf(\"\\n};\\n\");\n}\n\nint main(void)\n{\n");
	fprintf(g.c, "/* autogenerated by xcheck-gen: wasm32 reader */\n"
		     "static void check_all(void)\n{\n");
	for (i = 0; i < n; i++) {
		const struct wbpf_type *t = wbpf_model__type(m, ids[i]);
		const struct wbpf_type *r = skip_typedefs(&g, ids[i]);
		const char *wasm_name;
		char orig[512];

		if (t->kind == WBPF_KIND_TYPEDEF) {
			/* typedefs of anonymous structs/unions only */
			if ((r->kind != WBPF_KIND_STRUCT && r->kind != WBPF_KIND_UNION) || r->name)
				continue;
			snprintf(orig, sizeof(orig), "%s", t->name);
		} else if (t->kind == WBPF_KIND_STRUCT || t->kind == WBPF_KIND_UNION) {
			snprintf(orig, sizeof(orig), "%s %s",
				 t->kind == WBPF_KIND_UNION ? "union" : "struct", t->name);
		} else {
			continue;
		}
		if (!t->size || skipped(t->name, argv + argi + 2, argc - argi - 2))
			continue;
		wasm_name = wbpf_cemit__type_name(g.ce, ids[i]);
		g.root = orig;
		fprintf(g.w, "\t{\n\t\tstatic %s v;\n\n", orig);
		fprintf(g.w,
			"\t\tif (sizeof(v) != %u) {\n"
			"\t\t\tfprintf(stderr, \"native %s is %%zu bytes, not %u as on the BPF "
			"side: no cross-check possible\\n\", sizeof(v));\n"
			"\t\t\treturn 1;\n\t\t}\n\t\tmemset(&v, 0, sizeof(v));\n",
			t->size, orig, t->size);
		fprintf(g.c, "\t{\n\t\tconst %s *v = (const void *)rec_%d;\n\n", wasm_name, nrec);
		walk(&g, ids[i], "");
		fprintf(g.w, "\t\tdump(\"rec_%d\", &v, sizeof(v));\n\t}\n", nrec);
		fprintf(g.c, "\t}\n");
		nrec++;
	}
	fprintf(g.w, "\treturn 0;\n}\n");
	fprintf(g.c, "}\n");
	fclose(g.w);
	fclose(g.c);
	fclose(g.f);
	printf("%u\n", g.n);
	free(ids);
	wbpf_cemit__free(g.ce);
	wbpf_model__free(m);
	return 0;
}
