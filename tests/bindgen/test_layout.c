// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The layout model and printer API as wbpf-skel and btf2wit use them:
 * members with their padding, bitfield storage units, packing, data
 * sections with statics, qualifier aliases, ordering, errors, and the
 * header route agreeing with the object route type by type.
 *
 * usage: test_layout OBJDIR CASEDIR BTFDIR
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <bpf/btf.h>

#include "wbpf-cemit.h"
#include "wbpf-layout.h"

static const char *objdir, *casedir, *btfdir;

static struct wbpf_model *open_case(const char *name)
{
	struct wbpf_model_opts o = { .sz = sizeof(o) };
	struct wbpf_model *m;
	char path[4096];

	snprintf(path, sizeof(path), "%s/bindgen_%s.bpf.o", objdir, name);
	m = wbpf_model__open(path, &o);
	if (!m)
		fail_msg("%s: %s", path, wbpf_layout_errstr());
	return m;
}

static const struct wbpf_type *find(const struct wbpf_model *m, const char *name)
{
	int id = wbpf_model__find(m, name);

	if (id < 0)
		fail_msg("no type '%s' in the model", name);
	return wbpf_model__type(m, id);
}

/* kind offset size [bit_offset bit_size] of member i */
static void check_member(const struct wbpf_type *t, uint32_t i, enum wbpf_member_kind kind,
			 const char *name, uint32_t off, uint32_t size)
{
	const struct wbpf_member *mb;

	assert_true(i < t->nmembers);
	mb = &t->members[i];
	if (mb->kind != kind || mb->offset != off || mb->size != size ||
	    (name ? !mb->name || strcmp(mb->name, name) : mb->name != NULL))
		fail_msg(
			"%s member %u: kind %d '%s' at %u size %u, want kind %d '%s' at %u size %u",
			t->name, i, mb->kind, mb->name ?: "", mb->offset, mb->size, kind,
			name ?: "", off, size);
}

static void test_open_errors(void **state)
{
	struct wbpf_model_opts o = { .sz = sizeof(o) };
	char path[4096], tmpl[] = "/tmp/wbpf-test-layout-XXXXXX";
	int fd;

	(void)state;
	assert_null(wbpf_model__open("/nonexistent/prog.bpf.o", &o));
	assert_int_equal(errno, ENOENT);
	assert_string_equal(wbpf_layout_errstr(), "no such file");

	fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "hello, world\n", 13), 13);
	close(fd);
	assert_null(wbpf_model__open(tmpl, &o));
	assert_int_equal(errno, ENOEXEC);
	unlink(tmpl);

	assert_null(wbpf_model__open("/", &o));
	assert_int_equal(errno, EISDIR);

	snprintf(path, sizeof(path), "%s/corrupt-self.btf", btfdir);
	assert_null(wbpf_model__open(path, &o));
	assert_int_equal(errno, EINVAL);
	assert_non_null(strstr(wbpf_layout_errstr(), "contains itself"));

	snprintf(path, sizeof(path), "%s/no-such.h", casedir);
	assert_null(wbpf_model__open_header(path, NULL, 0, &o));
	assert_int_equal(errno, ENOENT);
}

static void test_padding(void **state)
{
	struct wbpf_model *m = open_case("padding");
	const struct wbpf_type *t;

	(void)state;
	t = find(m, "gaps");
	assert_int_equal(t->kind, WBPF_KIND_STRUCT);
	assert_int_equal(t->size, 32);
	assert_false(t->packed);
	assert_int_equal(t->wasm_align, 8);
	assert_int_equal(t->nmembers, 8);
	check_member(t, 0, WBPF_MEMBER_FIELD, "a", 0, 1);
	check_member(t, 1, WBPF_MEMBER_PAD, NULL, 1, 7);
	check_member(t, 2, WBPF_MEMBER_FIELD, "b", 8, 8);
	check_member(t, 3, WBPF_MEMBER_FIELD, "c", 16, 2);
	check_member(t, 4, WBPF_MEMBER_PAD, NULL, 18, 2);
	check_member(t, 5, WBPF_MEMBER_FIELD, "d", 20, 4);
	check_member(t, 6, WBPF_MEMBER_FIELD, "e", 24, 1);
	check_member(t, 7, WBPF_MEMBER_PAD, NULL, 25, 7);

	/* long is a signed 8-byte integer, a pointer 8 bytes with its C type */
	t = find(m, "lp64_gap");
	assert_int_equal(wbpf_model__type(m, t->members[2].type)->kind, WBPF_KIND_INT);
	assert_int_equal(wbpf_model__type(m, t->members[2].type)->size, 8);
	assert_true(wbpf_model__type(m, t->members[2].type)->is_signed);
	assert_int_equal(wbpf_model__type(m, t->members[3].type)->kind, WBPF_KIND_PTR);
	assert_string_equal(wbpf_model__type(m, t->members[3].type)->c_decl, "char *");

	t = find(m, "packed");
	assert_true(t->packed);
	assert_int_equal(t->size, 11);
	assert_int_equal(t->wasm_align, 1);
	assert_int_equal(t->align, 1);

	/* packed in C, but aligned anyway: no attribute needed here, the
	 * struct holding it at offset 1 is the one that needs it */
	t = find(m, "packed_aligned");
	assert_false(t->packed);
	t = find(m, "holds_packed_aligned");
	assert_true(t->packed);
	check_member(t, 1, WBPF_MEMBER_FIELD, "p", 1, 8);

	/* over-aligned: keeps its BTF size with tail padding */
	t = find(m, "over");
	assert_int_equal(t->size, 16);
	check_member(t, 1, WBPF_MEMBER_PAD, NULL, 4, 12);
	wbpf_model__free(m);
}

static void test_bitfields(void **state)
{
	struct wbpf_model *m = open_case("bitfields");
	const struct wbpf_type *t = find(m, "bits");
	const struct wbpf_member *mb;

	(void)state;
	/* d: unsigned short : 9 at bit 16, in the 2-byte unit at 2 */
	mb = &t->members[3];
	assert_string_equal(mb->name, "d");
	assert_int_equal(mb->bit_offset, 16);
	assert_int_equal(mb->bit_size, 9);
	assert_int_equal(mb->offset, 2);
	assert_int_equal(mb->size, 2);
	/* bytes 4..7 are unused: a PAD between d and e */
	check_member(t, 4, WBPF_MEMBER_PAD, NULL, 4, 4);
	mb = &t->members[5];
	assert_string_equal(mb->name, "e");
	assert_int_equal(mb->bit_offset, 64);
	assert_int_equal(mb->offset, 8);
	assert_int_equal(mb->size, 8);
	assert_false(t->packed);

	/* c: unsigned int : 30 at bit 38 straddles its 4-byte unit */
	t = find(m, "packed_bits");
	assert_true(t->packed);
	mb = &t->members[2];
	assert_string_equal(mb->name, "c");
	assert_int_equal(mb->bit_offset, 38);
	assert_int_equal(mb->offset, 4);

	/* the union is 4 bytes; its members' bits use 2 (flags : 12, raw):
	 * a PAD stands for the other 2 */
	t = find(m, "bit_union");
	assert_int_equal(t->kind, WBPF_KIND_UNION);
	assert_int_equal(t->size, 4);
	assert_int_equal(t->nmembers, 3);
	check_member(t, 0, WBPF_MEMBER_FIELD, "flags", 0, 4);
	check_member(t, 1, WBPF_MEMBER_FIELD, "raw", 0, 2);
	check_member(t, 2, WBPF_MEMBER_PAD, NULL, 2, 2);
	wbpf_model__free(m);
}

static void test_datasec(void **state)
{
	struct wbpf_model *m = open_case("datasec");
	const struct wbpf_type *t;

	(void)state;
	t = find(m, ".data");
	assert_int_equal(t->kind, WBPF_KIND_DATASEC);
	assert_int_equal(t->size, 16);
	check_member(t, 0, WBPF_MEMBER_VAR, "verbose", 0, 4);
	check_member(t, 1, WBPF_MEMBER_VAR, "level", 4, 2);
	check_member(t, 2, WBPF_MEMBER_PAD, NULL, 6, 2);
	check_member(t, 3, WBPF_MEMBER_HIDDEN, "hidden_seed", 8, 8);

	t = find(m, ".bss");
	check_member(t, 0, WBPF_MEMBER_HIDDEN, "hidden_counter", 0, 4);
	check_member(t, 2, WBPF_MEMBER_VAR, "totals", 8, 32);
	assert_int_equal(wbpf_model__type(m, t->members[2].type)->kind, WBPF_KIND_STRUCT);

	/* const volatile is dropped: the variable's type is the integer */
	t = find(m, ".rodata");
	check_member(t, 0, WBPF_MEMBER_VAR, "min_duration_ns", 0, 8);
	assert_int_equal(wbpf_model__type(m, t->members[0].type)->kind, WBPF_KIND_INT);
	assert_true(t->packed); /* 13 bytes */
	wbpf_model__free(m);
}

static void test_aliases(void **state)
{
	struct wbpf_model *m = open_case("typedefs");
	const struct btf *btf = wbpf_model__btf(m);
	const struct wbpf_type *t = find(m, "typedefs");
	uint32_t id, nmods = 0;
	uint32_t i;

	(void)state;
	/* every qualifier id is an alias of the type it qualifies */
	for (id = 1; id < btf__type_cnt(btf); id++) {
		const struct btf_type *bt = btf__type_by_id(btf, id);

		if (!btf_is_mod(bt))
			continue;
		nmods++;
		assert_int_not_equal(wbpf_model__type(m, id)->id, id);
		assert_int_equal(wbpf_model__type(m, id)->id, wbpf_model__type(m, bt->type)->id);
	}
	assert_true(nmods >= 3);
	/* ... and no member refers to one */
	for (i = 0; i < t->nmembers; i++)
		assert_int_equal(wbpf_model__type(m, t->members[i].type)->id, t->members[i].type);
	/* resolve skips the whole typedef chain */
	assert_int_equal(
		wbpf_model__type(m, wbpf_model__resolve(m, wbpf_model__find(m, "chain_t")))->kind,
		WBPF_KIND_INT);
	/* a typedef of a function type has no layout; a pointer to one does */
	assert_int_equal(
		wbpf_model__type(m, wbpf_model__resolve(m, wbpf_model__find(m, "fn_t")))->kind,
		WBPF_KIND_FUNC);
	assert_int_equal(wbpf_model__type(m, wbpf_model__find(m, "fn_t"))->wasm_align, 0);
	for (i = 0; i < t->nmembers; i++)
		if (t->members[i].name && !strcmp(t->members[i].name, "fp"))
			assert_string_equal(wbpf_model__type(m, t->members[i].type)->c_decl,
					    "fn_t *");
	wbpf_model__free(m);
}

static int position(const uint32_t *ids, int n, uint32_t id)
{
	int i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return i;
	return -1;
}

static void test_order(void **state)
{
	struct wbpf_model *m = open_case("nested");
	uint32_t root = wbpf_model__find(m, "outer"), bad = 0, *ids;
	int n, i_inner, i_value, i_outer;

	(void)state;
	n = wbpf_model__order(m, &root, 1, &ids);
	assert_int_equal(n, 3);
	i_inner = position(ids, n, wbpf_model__find(m, "inner"));
	i_value = position(ids, n, wbpf_model__find(m, "value"));
	i_outer = position(ids, n, root);
	assert_true(i_inner >= 0 && i_value > i_inner && i_outer == n - 1);
	free(ids);

	/* all: the same three, anonymous structs inside their user */
	n = wbpf_model__order(m, NULL, 0, &ids);
	assert_int_equal(n, 3);
	free(ids);

	assert_int_equal(wbpf_model__order(m, &bad, 1, &ids), -ENOENT);
	assert_null(ids);
	assert_int_equal(wbpf_model__find(m, "no_such_type"), -ENOENT);
	wbpf_model__free(m);
}

/* The header route (libclang for the BPF target) and the object route
 * (clang's BTF) give the same model for every struct of the object. */
static void same_layouts(const char *name)
{
	struct wbpf_model_opts o = { .sz = sizeof(o) };
	struct wbpf_model *obj = open_case(name), *hdr;
	uint32_t id, i, compared = 0;
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s.h", casedir, name);
	hdr = wbpf_model__open_header(path, NULL, 0, &o);
	if (!hdr)
		fail_msg("%s: %s", path, wbpf_layout_errstr());
	for (id = 1; id < wbpf_model__type_cnt(obj); id++) {
		const struct wbpf_type *a = wbpf_model__type(obj, id), *b;

		if (a->id != id || !a->name ||
		    (a->kind != WBPF_KIND_STRUCT && a->kind != WBPF_KIND_UNION))
			continue;
		b = find(hdr, a->name);
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->size, b->size);
		assert_int_equal(a->packed, b->packed);
		assert_int_equal(a->wasm_align, b->wasm_align);
		assert_int_equal(a->nmembers, b->nmembers);
		for (i = 0; i < a->nmembers; i++) {
			const struct wbpf_member *x = &a->members[i], *y = &b->members[i];

			assert_int_equal(x->kind, y->kind);
			assert_int_equal(x->offset, y->offset);
			assert_int_equal(x->size, y->size);
			assert_int_equal(x->bit_offset, y->bit_offset);
			assert_int_equal(x->bit_size, y->bit_size);
			assert_true((!x->name && !y->name) ||
				    (x->name && y->name && !strcmp(x->name, y->name)));
		}
		compared++;
	}
	assert_true(compared > 0);
	wbpf_model__free(obj);
	wbpf_model__free(hdr);
}

static void test_header_matches_object(void **state)
{
	(void)state;
	same_layouts("padding");
	same_layouts("bitfields");
	same_layouts("nested");
	same_layouts("arrays");
	same_layouts("ints");
}

struct sink {
	char *buf;
	size_t len;
};

static void sink_printf(void *ctx, const char *fmt, va_list args)
{
	struct sink *s = ctx;
	char *piece;
	int n = vasprintf(&piece, fmt, args);

	assert_true(n >= 0);
	s->buf = realloc(s->buf, s->len + n + 1);
	memcpy(s->buf + s->len, piece, n + 1);
	s->len += n;
	free(piece);
}

static void test_cemit_api(void **state)
{
	struct wbpf_model *m = open_case("datasec");
	struct sink s = { 0 };
	struct wbpf_cemit_opts eo = { .sz = sizeof(eo), .printf_fn = sink_printf, .ctx = &s };
	struct wbpf_cemit *e = wbpf_cemit__new(m, &eo);
	int bss = wbpf_model__find(m, ".bss");

	(void)state;
	assert_non_null(e);
	/* a DATASEC under a name of the caller's choosing */
	assert_int_equal(wbpf_cemit__emit_def(e, bss, "prog_bpf__bss"), 0);
	assert_non_null(s.buf);
	assert_true(!strncmp(s.buf, "struct prog_bpf__bss {\n", 23));
	assert_non_null(strstr(s.buf, "\tuint8_t __pad0[4]; /* static hidden_counter */\n"));
	assert_non_null(strstr(s.buf, "\tstruct stats totals;\n"));
	assert_non_null(strstr(s.buf, "\tint64_t events;\n};\n"));
	free(s.buf);
	s.buf = NULL;
	s.len = 0;
	assert_int_equal(wbpf_cemit__emit_asserts(e, bss, "prog_bpf__bss"), 0);
	assert_non_null(strstr(s.buf, "_Static_assert(sizeof(struct prog_bpf__bss) == 56,"));
	assert_non_null(
		strstr(s.buf, "_Static_assert(offsetof(struct prog_bpf__bss, events) == 48,"));
	free(s.buf);
	s.buf = NULL;
	s.len = 0;
	/* a DATASEC has no C name of its own */
	assert_int_equal(wbpf_cemit__emit_def(e, bss, NULL), -EINVAL);
	assert_string_equal(wbpf_cemit__type_name(e, wbpf_model__find(m, "stats")), "struct stats");
	/* declarations as members print them */
	assert_int_equal(wbpf_cemit__emit_decl(e, find(m, ".bss")->members[3].type, "c"), 0);
	assert_string_equal(s.buf, "char c[3]");
	wbpf_cemit__free(e);
	free(s.buf);
	wbpf_model__free(m);
}

static void test_pointer_decls(void **state)
{
	struct wbpf_model *m = open_case("pointers");
	const struct wbpf_type *t = find(m, "pointers");
	static const char *const want[][2] = {
		{ "vp", "void *" },
		{ "str", "const char *" },
		{ "next", "struct node *" },
		{ "fn", "int (*)(int, char **)" },
		{ "handler", "handler_t" },
		{ "anonp", "struct {...} *" },
		{ "varfn", "long (*)(const char *, ...)" },
	};
	uint32_t i, j, found = 0;

	(void)state;
	for (i = 0; i < t->nmembers; i++) {
		const struct wbpf_type *mt = wbpf_model__type(m, t->members[i].type);

		for (j = 0; j < sizeof(want) / sizeof(want[0]); j++) {
			if (!t->members[i].name || strcmp(t->members[i].name, want[j][0]))
				continue;
			found++;
			if (mt->kind == WBPF_KIND_TYPEDEF)
				assert_string_equal(mt->name, want[j][1]);
			else
				assert_string_equal(mt->c_decl, want[j][1]);
		}
	}
	assert_int_equal(found, sizeof(want) / sizeof(want[0]));
	wbpf_model__free(m);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_padding),
		cmocka_unit_test(test_bitfields),
		cmocka_unit_test(test_datasec),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_header_matches_object),
		cmocka_unit_test(test_cemit_api),
		cmocka_unit_test(test_pointer_decls),
	};

	if (argc != 4) {
		fprintf(stderr, "usage: %s OBJDIR CASEDIR BTFDIR\n", argv[0]);
		return 2;
	}
	objdir = argv[1];
	casedir = argv[2];
	btfdir = argv[3];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
