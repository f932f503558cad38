// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The WIT printer (btf2wit/wit-emit.h) on layout models built by hand, for
 * the layouts C compilers rarely produce from a test source: packed and
 * misaligned members, bitfields with wide storage, alignment carried by
 * padding, sections with static variables. The model API of
 * bindgen/wbpf-layout.h is implemented here over a table of types.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "wbpf-layout.h"
#include "wit-emit.h"

/* ---- a model over a table -------------------------------------------------- */

struct wbpf_model {
	const struct wbpf_type *types;
	uint32_t cnt;
};

const struct btf *wbpf_model__btf(const struct wbpf_model *m)
{
	(void)m;
	return NULL;
}

uint32_t wbpf_model__type_cnt(const struct wbpf_model *m)
{
	return m->cnt;
}

const struct wbpf_type *wbpf_model__type(const struct wbpf_model *m, uint32_t id)
{
	return id < m->cnt ? &m->types[id] : NULL;
}

uint32_t wbpf_model__resolve(const struct wbpf_model *m, uint32_t id)
{
	while (id < m->cnt && m->types[id].kind == WBPF_KIND_TYPEDEF)
		id = m->types[id].ref_type;
	return id;
}

int wbpf_model__find(const struct wbpf_model *m, const char *name)
{
	for (uint32_t i = 1; i < m->cnt; i++)
		if (m->types[i].name && !strcmp(m->types[i].name, name))
			return i;
	return -ENOENT;
}

/* the tables below list types in dependency order already */
int wbpf_model__order(const struct wbpf_model *m, const uint32_t *roots, int nroots, uint32_t **ids)
{
	int n = 0;

	*ids = calloc(m->cnt, sizeof(**ids));
	if (!*ids)
		return -ENOMEM;
	if (nroots > 0) {
		memcpy(*ids, roots, nroots * sizeof(*roots));
		return nroots;
	}
	for (uint32_t i = 1; i < m->cnt; i++) {
		enum wbpf_kind k = m->types[i].kind;

		if (m->types[i].name && (k == WBPF_KIND_STRUCT || k == WBPF_KIND_UNION ||
					 k == WBPF_KIND_ENUM || k == WBPF_KIND_TYPEDEF))
			(*ids)[n++] = i;
	}
	return n;
}

const char *wbpf_layout_errstr(void)
{
	return "fake model";
}

/* ---- helpers --------------------------------------------------------------- */

#define INT(n, sz, sgn)                                                                     \
	{                                                                                   \
		.kind = WBPF_KIND_INT, .name = n, .size = sz, .align = sz, .is_signed = sgn \
	}
#define FIELD(n, t, off, sz)                                                               \
	{                                                                                  \
		.kind = WBPF_MEMBER_FIELD, .name = n, .type = t, .offset = off, .size = sz \
	}
#define BITS(n, t, bitoff, bits)                                                         \
	{                                                                                \
		.kind = WBPF_MEMBER_FIELD, .name = n, .type = t, .offset = (bitoff) / 8, \
		.size = 1, .bit_offset = bitoff, .bit_size = bits                        \
	}

struct run {
	char *text;
	int nwarn;
	char warn[4][512];
	int err;
};

static void on_warn(void *ctx, const char *msg)
{
	struct run *r = ctx;

	if (r->nwarn < 4)
		snprintf(r->warn[r->nwarn], sizeof(r->warn[0]), "%s", msg);
	r->nwarn++;
}

static struct run emit(const struct wbpf_type *types, uint32_t cnt, bool tuples)
{
	struct wbpf_model m = { types, cnt };
	struct run r = {};
	size_t len = 0;
	FILE *f = open_memstream(&r.text, &len);
	struct wbpf_wit_opts o = {
		.sz = sizeof(o),
		.package = "test:model",
		.source = "model",
		.tuples = tuples,
		.warn = on_warn,
		.warn_ctx = &r,
	};

	assert_non_null(f);
	r.err = wbpf_wit__emit(&m, &o, f);
	fclose(f);
	return r;
}

/* `needle` appears in `text`, after `*from` when from is given (order) */
static void expect_in(const char *text, const char *needle, const char **from)
{
	const char *at;

	assert_non_null(text);
	at = strstr(from && *from ? *from : text, needle);

	if (!at) {
		print_error("expected \"%s\" in the output%s:\n%s\n", needle,
			    from && *from ? " (after the previous match)" : "", text);
		fail();
	}
	if (from)
		*from = at + strlen(needle);
}

static void expect_not_in(const char *text, const char *needle)
{
	assert_non_null(text);
	if (strstr(text, needle)) {
		print_error("did not expect \"%s\" in the output:\n%s\n", needle, text);
		fail();
	}
}

/* ---- tests ----------------------------------------------------------------- */

static void test_padding_and_arrays(void **state)
{
	static const struct wbpf_member ev[] = {
		FIELD("pid", 1, 0, 4),
		FIELD("comm", 3, 4, 16),
		{ .kind = WBPF_MEMBER_PAD, .offset = 20, .size = 4 },
		FIELD("ts", 4, 24, 8),
		FIELD("task", 5, 32, 8),
		FIELD("flag", 6, 40, 1),
		FIELD("type", 7, 44, 4),
	};
	static const struct wbpf_type t[] = {
		{ 0 },
		INT("int", 4, true),
		{ .id = 2,
		  .kind = WBPF_KIND_INT,
		  .name = "char",
		  .size = 1,
		  .align = 1,
		  .is_char = true,
		  .is_signed = true },
		{ .id = 3,
		  .kind = WBPF_KIND_ARRAY,
		  .size = 16,
		  .align = 1,
		  .ref_type = 2,
		  .nelems = 16 },
		INT("long long unsigned int", 8, false),
		{ .id = 5,
		  .kind = WBPF_KIND_PTR,
		  .size = 8,
		  .align = 8,
		  .c_decl = "struct task_struct *" },
		{ .id = 6,
		  .kind = WBPF_KIND_INT,
		  .name = "_Bool",
		  .size = 1,
		  .align = 1,
		  .is_bool = true },
		INT("unsigned int", 4, false),
		{ .id = 8,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "event",
		  .size = 48,
		  .align = 8,
		  .nmembers = 7,
		  .members = ev },
	};
	struct run r = emit(t, 9, false);
	const char *p = NULL;

	(void)state;
	assert_int_equal(r.err, 0);
	assert_int_equal(r.nwarn, 0);
	expect_in(r.text, "// SPDX-License-Identifier:", &p);
	expect_in(r.text, "autogenerated by btf2wit from model", &p);
	expect_in(r.text, "package test:model;", &p);
	expect_in(r.text, "interface types {", &p);
	expect_in(r.text, "/// C `struct event`: 48 bytes, align 8", &p);
	expect_in(r.text, "record event {", &p);
	expect_in(r.text, "pid: s32,", &p);
	expect_in(r.text, "comm: list<u8, 16>,", &p); /* char arrays are bytes */
	expect_in(r.text, "/// padding, offset 20", &p);
	expect_in(r.text, "pad0: list<u8, 4>,", &p);
	expect_in(r.text, "ts: u64,", &p);
	expect_in(r.text, "/// `task`: struct task_struct *, offset 32", &p);
	expect_in(r.text, "task: u64,", &p);
	expect_in(r.text, "flag: bool,", &p);
	expect_in(r.text, "pad1: list<u8, 3>,", &p);
	expect_in(r.text, "%type: u32,", &p); /* keyword escaped */
	expect_in(r.text, "world model {\n  export types;\n}\n", &p);
	free(r.text);
}

static void test_tuples(void **state)
{
	static const struct wbpf_member s[] = { FIELD("b", 2, 0, 3), FIELD("x", 3, 4, 4) };
	static const struct wbpf_type t[] = {
		{ 0 },
		INT("unsigned char", 1, false),
		{ .id = 2,
		  .kind = WBPF_KIND_ARRAY,
		  .size = 3,
		  .align = 1,
		  .ref_type = 1,
		  .nelems = 3 },
		INT("unsigned int", 4, false),
		{ .id = 4,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "s",
		  .size = 8,
		  .align = 4,
		  .nmembers = 2,
		  .members = s },
	};
	struct run r = emit(t, 5, true);
	const char *p = NULL;

	(void)state;
	assert_int_equal(r.err, 0);
	expect_in(r.text, "b: tuple<u8, u8, u8>,", &p);
	expect_in(r.text, "pad0: tuple<u8>,", &p);
	expect_not_in(r.text, "list<");
	free(r.text);
}

static void test_packed_misaligned(void **state)
{
	static const struct wbpf_member pk[] = { FIELD("a", 1, 0, 1), FIELD("b", 2, 1, 4),
						 FIELD("c", 1, 5, 1) };
	static const struct wbpf_type t[] = {
		{ 0 },
		INT("char", 1, true),
		INT("int", 4, true),
		{ .id = 3,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "pk",
		  .size = 6,
		  .align = 1,
		  .packed = true,
		  .nmembers = 3,
		  .members = pk },
	};
	struct run r = emit(t, 4, false);
	const char *p = NULL;

	(void)state;
	assert_int_equal(r.err, 0);
	/* b cannot be an s32 at offset 1: its bytes are kept, and both the
	 * output and the warning say so */
	assert_int_equal(r.nwarn, 1);
	assert_non_null(strstr(r.warn[0], "struct pk: member b"));
	assert_non_null(strstr(r.warn[0], "misaligned"));
	expect_in(r.text, "a: s8,", &p);
	expect_in(r.text, "/// not faithful: int at offset 1 is misaligned", &p);
	expect_in(r.text, "b: list<u8, 4>,", &p);
	expect_in(r.text, "c: s8,", &p);
	expect_not_in(r.text, "pad0");
	free(r.text);
}

static void test_packed_aligned_member_too_wide(void **state)
{
	/* packed { u32 a; u8 b; }: a is at an aligned offset, but a u32 would
	 * give the record alignment 4 and size 8 instead of 5 */
	static const struct wbpf_member pk[] = { FIELD("a", 1, 0, 4), FIELD("b", 2, 4, 1) };
	static const struct wbpf_type t[] = {
		{ 0 },
		INT("unsigned int", 4, false),
		INT("unsigned char", 1, false),
		{ .id = 3,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "pk5",
		  .size = 5,
		  .align = 1,
		  .packed = true,
		  .nmembers = 2,
		  .members = pk },
	};
	struct run r = emit(t, 4, false);

	(void)state;
	assert_int_equal(r.err, 0);
	assert_int_equal(r.nwarn, 1);
	expect_in(r.text, "a: list<u8, 4>,", NULL);
	expect_in(r.text, "b: u8,", NULL);
	free(r.text);
}

static void test_bitfields(void **state)
{
	/* struct { unsigned a:3, b:5; char c[3]; u64 d:40; }: a, b share byte 0
	 * (c starts at 1, cutting their u32 storage), d's u64 unit is whole */
	static const struct wbpf_member s[] = {
		BITS("a", 1, 0, 3),
		BITS("b", 1, 3, 5),
		FIELD("c", 4, 1, 3),
		BITS("d", 2, 64, 40),
	};
	static const struct wbpf_member only[] = { BITS("x", 1, 0, 3) };
	static const struct wbpf_type t[] = {
		{ 0 },
		INT("unsigned int", 4, false),
		INT("long long unsigned int", 8, false),
		INT("char", 1, true),
		{ .id = 4,
		  .kind = WBPF_KIND_ARRAY,
		  .size = 3,
		  .align = 1,
		  .ref_type = 3,
		  .nelems = 3 },
		{ .id = 5,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "bf",
		  .size = 16,
		  .align = 8,
		  .nmembers = 4,
		  .members = s },
		{ .id = 6,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "only",
		  .size = 4,
		  .align = 4,
		  .nmembers = 1,
		  .members = only },
	};
	struct run r = emit(t, 7, false);
	const char *p = NULL;

	(void)state;
	assert_int_equal(r.err, 0);
	assert_int_equal(r.nwarn, 0);
	expect_in(r.text, "record bf {", &p);
	expect_in(r.text,
		  "/// bitfields, offset 0, little-endian bit numbering: `a`: unsigned int, "
		  "bits 0..2; `b`: unsigned int, bits 3..7",
		  &p);
	expect_in(r.text, "bits0: u8,", &p);
	expect_in(r.text, "c: list<s8, 3>,", &p);
	expect_in(r.text, "pad0: list<u8, 4>,", &p);
	expect_in(r.text, "`d`: long long unsigned int, bits 0..39", &p);
	expect_in(r.text, "bits1: u64,", &p);
	/* a lone bitfield keeps its declared unsigned int storage: alignment 4 */
	expect_in(r.text, "record only {", &p);
	expect_in(r.text, "bits0: u32,", &p);
	free(r.text);
}

static void test_alignment_from_padding(void **state)
{
	/* size 8 align 4 with one byte of data (the alignment came from a
	 * bitfield type BTF no longer shows): a padding field carries it */
	static const struct wbpf_member s[] = { FIELD("c", 1, 0, 1) };
	static const struct wbpf_member odd[] = { FIELD("c", 1, 0, 1), FIELD("d", 1, 1, 1) };
	static const struct wbpf_type t[] = {
		{ 0 },
		INT("unsigned char", 1, false),
		{ .id = 2,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "wide",
		  .size = 8,
		  .align = 4,
		  .nmembers = 1,
		  .members = s },
		{ .id = 3,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "narrow",
		  .size = 4,
		  .align = 4,
		  .nmembers = 2,
		  .members = odd },
	};
	struct run r = emit(t, 4, false);
	const char *p = NULL;

	(void)state;
	assert_int_equal(r.err, 0);
	expect_in(r.text, "record wide {", &p);
	expect_in(r.text, "c: u8,", &p);
	expect_in(r.text, "pad0: list<u8, 3>,", &p);
	expect_in(r.text, "typed to give the record alignment 4", &p);
	expect_in(r.text, "pad1: u32,", &p);
	/* no 4-aligned window in [2, 4): said, not hidden */
	assert_int_equal(r.nwarn, 1);
	assert_non_null(strstr(r.warn[0], "struct narrow: alignment 4 cannot be expressed"));
	expect_in(r.text, "not faithful: alignment 4 cannot be expressed in WIT", &p);
	expect_in(r.text, "record narrow {", &p);
	free(r.text);
}

static void test_unions_enums_typedefs(void **state)
{
	static const struct wbpf_member u[] = { FIELD("i", 1, 0, 4), FIELD("l", 2, 0, 8) };
	static const struct wbpf_enum_value state_vals[] = { { "TASK_RUNNING", 0 },
							     { "TASK_STOPPED", 4 } };
	static const struct wbpf_enum_value color_vals[] = { { "RED", 0 },
							     { "GREEN", 1 },
							     { "BLUE", 2 } };
	static const struct wbpf_member anon_in[] = { FIELD("x", 1, 0, 4), FIELD("y", 1, 4, 4) };
	static const struct wbpf_member s[] = {
		FIELD("v", 3, 0, 8),
		FIELD("st", 4, 8, 4),
		FIELD("c", 5, 12, 1),
		FIELD("pos", 6, 16, 8),
		{ .kind = WBPF_MEMBER_FIELD, .name = NULL, .type = 3, .offset = 24, .size = 8 },
		{ .kind = WBPF_MEMBER_FIELD, .name = NULL, .type = 6, .offset = 32, .size = 8 },
	};
	static const struct wbpf_type t[] = {
		{ 0 },
		INT("int", 4, true),
		INT("long", 8, true),
		{ .id = 3,
		  .kind = WBPF_KIND_UNION,
		  .name = "val",
		  .size = 8,
		  .align = 8,
		  .nmembers = 2,
		  .members = u },
		{ .id = 4,
		  .kind = WBPF_KIND_ENUM,
		  .name = "task_state",
		  .size = 4,
		  .align = 4,
		  .nvalues = 2,
		  .values = state_vals },
		{ .id = 5,
		  .kind = WBPF_KIND_ENUM,
		  .name = "color",
		  .size = 1,
		  .align = 1,
		  .nvalues = 3,
		  .values = color_vals },
		{ .id = 6,
		  .kind = WBPF_KIND_STRUCT,
		  .size = 8,
		  .align = 4,
		  .nmembers = 2,
		  .members = anon_in },
		{ .id = 7,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "holder",
		  .size = 40,
		  .align = 8,
		  .nmembers = 6,
		  .members = s },
		{ .id = 8, .kind = WBPF_KIND_TYPEDEF, .name = "holder_t", .ref_type = 7 },
		{ .id = 9, .kind = WBPF_KIND_TYPEDEF, .name = "pid_t", .ref_type = 1 },
	};
	struct run r = emit(t, 10, false);
	const char *p = NULL;

	(void)state;
	assert_int_equal(r.err, 0);
	assert_int_equal(r.nwarn, 0);
	expect_in(r.text,
		  "/// C `union val`: 8 bytes, align 8; members, all at offset 0:\n"
		  "  /// `i`: int\n  /// `l`: long\n  type val = u64;",
		  &p);
	expect_in(r.text,
		  "/// C `enum task_state`: 4 bytes, unsigned; values:\n"
		  "  /// `TASK_RUNNING` = 0\n  /// `TASK_STOPPED` = 4\n  type task-state = u32;",
		  &p);
	/* values 0..n-1 and a 1-byte C enum: a WIT enum has the same layout */
	expect_in(r.text, "enum color {\n    /// `RED` = 0\n    red,\n", &p);
	expect_in(r.text, "blue,\n  }", &p);
	/* the named member of anonymous struct type gets a record of its own */
	expect_in(r.text, "/// C `struct holder.pos`: 8 bytes, align 4", &p);
	expect_in(r.text, "record holder-pos {", &p);
	expect_in(r.text, "record holder {", &p);
	expect_in(r.text, "v: val,", &p);
	expect_in(r.text, "st: task-state,", &p);
	expect_in(r.text, "c: color,", &p);
	expect_in(r.text, "pad0: list<u8, 3>,", &p);
	expect_in(r.text, "pos: holder-pos,", &p);
	/* an anonymous member of a named union type is still that union */
	expect_in(r.text, "anon0: u64,", &p);
	/* an anonymous struct member is flattened: C reaches x and y directly */
	expect_in(r.text, "/// `x`: int, offset 32\n    x: s32,\n", &p);
	expect_in(r.text, "/// `y`: int, offset 36\n    y: s32,\n", &p);
	expect_in(r.text, "type holder-t = holder;", &p);
	/* typedefs of plain types are not items unless asked for */
	expect_not_in(r.text, "pid-t");
	free(r.text);
}

static void test_section_and_names(void **state)
{
	static const struct wbpf_member sec[] = {
		{ .kind = WBPF_MEMBER_VAR, .name = "my_count", .type = 1, .offset = 0, .size = 8 },
		{ .kind = WBPF_MEMBER_HIDDEN, .offset = 8, .size = 4 },
		{ .kind = WBPF_MEMBER_VAR, .name = "myCount", .type = 2, .offset = 12, .size = 4 },
	};
	static const struct wbpf_type t[] = {
		{ 0 },
		INT("long long unsigned int", 8, false),
		INT("unsigned int", 4, false),
		{ .id = 3,
		  .kind = WBPF_KIND_DATASEC,
		  .name = ".bss",
		  .size = 16,
		  .align = 8,
		  .nmembers = 3,
		  .members = sec },
	};
	struct wbpf_model m = { t, 4 };
	uint32_t roots[] = { 3 };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct wbpf_wit_opts o = { .sz = sizeof(o),
				   .package = "wbpf:x@0.1.0",
				   .roots = roots,
				   .nroots = 1 };
	const char *p = NULL;

	(void)state;
	assert_int_equal(wbpf_wit__emit(&m, &o, f), 0);
	fclose(f);
	expect_in(text, "package wbpf:x@0.1.0;", &p);
	expect_in(text, "/// C `.bss`: 16 bytes, align 8", &p);
	expect_in(text, "record bss {", &p);
	expect_in(text, "my-count: u64,", &p);
	expect_in(text, "/// static variables, offset 8", &p);
	expect_in(text, "hidden0: list<u8, 4>,", &p);
	expect_in(text, "my-count2: u32,", &p); /* collision: stable suffix */
	expect_in(text, "world x {", &p);
	free(text);
}

static void test_bad_package(void **state)
{
	static const struct wbpf_type t[] = { { 0 } };
	struct wbpf_model m = { t, 1 };
	static const char *const bad[] = { "noColon", "a:",   ":b",	    "a:b_c", "A:b",
					   "a:b@x",   "a-:b", "a:b c",	    "1a:b",  "a:b@1",
					   "a:b@1.0", "a:B",  "a:b@1.0.0-", NULL };
	static const char *const good[] = { "a:b", "wbpf:my-prog", "ns:name@1.2.3",
					    "ns:x86@0.1.0-rc1" };
	FILE *f = fopen("/dev/null", "w");

	(void)state;
	assert_non_null(f);
	for (int i = 0; bad[i]; i++) {
		struct wbpf_wit_opts o = { .sz = sizeof(o), .package = bad[i] };

		if (wbpf_wit__valid_package(bad[i]))
			print_error("package '%s' accepted\n", bad[i]);
		assert_false(wbpf_wit__valid_package(bad[i]));
		assert_int_equal(wbpf_wit__emit(&m, &o, f), -EINVAL);
		assert_non_null(strstr(wbpf_wit_errstr(), "invalid package name"));
	}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(wbpf_wit__valid_package(good[i]));
	fclose(f);
}

static void test_keyword_package(void **state)
{
	static const struct wbpf_type t[] = { { 0 } };
	struct wbpf_model m = { t, 1 };
	struct wbpf_wit_opts o = { .sz = sizeof(o), .package = "use:type@1.0.0" };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	/* a package or world named like a keyword is escaped like any label */
	assert_int_equal(wbpf_wit__emit(&m, &o, f), 0);
	fclose(f);
	expect_in(text, "package %use:%type@1.0.0;", NULL);
	expect_in(text, "world %type {", NULL);
	free(text);
}

static void test_void_member_fails(void **state)
{
	static const struct wbpf_member s[] = { FIELD("f", 1, 0, 4) };
	static const struct wbpf_type t[] = {
		{ 0 },
		{ .id = 1, .kind = WBPF_KIND_FUNC, .name = "fn" },
		{ .id = 2,
		  .kind = WBPF_KIND_STRUCT,
		  .name = "weird",
		  .size = 4,
		  .align = 4,
		  .nmembers = 1,
		  .members = s },
	};
	struct run r = emit(t, 3, false);

	(void)state;
	assert_int_equal(r.err, -EINVAL);
	assert_non_null(strstr(wbpf_wit_errstr(), "struct weird: member f has no data layout"));
	free(r.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_padding_and_arrays),
		cmocka_unit_test(test_tuples),
		cmocka_unit_test(test_packed_misaligned),
		cmocka_unit_test(test_packed_aligned_member_too_wide),
		cmocka_unit_test(test_bitfields),
		cmocka_unit_test(test_alignment_from_padding),
		cmocka_unit_test(test_unions_enums_typedefs),
		cmocka_unit_test(test_section_and_names),
		cmocka_unit_test(test_bad_package),
		cmocka_unit_test(test_keyword_package),
		cmocka_unit_test(test_void_member_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
