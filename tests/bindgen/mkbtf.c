// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * mkbtf: raw BTF files that no clang 14 object can hold, built with libbpf's
 * btf__add_*() and written with btf__raw_data():
 *
 *   extras.btf       valid: 16-byte long double, 64-bit and signed enums,
 *                    names BTF holds twice, names the C library owns, a member
 *                    called __pad0, typedefs of forward declarations...
 *   corrupt-*.btf    BTF libbpf parses but that is not a sane type graph:
 *                    dangling ids, cycles, members beyond the size, overlaps,
 *                    names that are no C identifiers.
 *
 * usage: mkbtf OUTDIR
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

static int write_btf(const char *dir, const char *name, struct btf *btf)
{
	char path[4096];
	const void *data;
	__u32 size;
	FILE *f;

	data = btf__raw_data(btf, &size);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!data || !f || fwrite(data, 1, size, f) != size || fclose(f)) {
		fprintf(stderr, "mkbtf: %s: %s\n", path, strerror(errno));
		return 1;
	}
	btf__free(btf);
	return 0;
}

#define CHECK(expr)                                                                              \
	do {                                                                                     \
		if ((expr) < 0) {                                                                \
			fprintf(stderr, "mkbtf: %s:%d: %s failed\n", __FILE__, __LINE__, #expr); \
			exit(1);                                                                 \
		}                                                                                \
	} while (0)

static int extras(const char *dir)
{
	struct btf *b = btf__new_empty();
	int i32, i8, ld, u128, e64, se64, s32, half, ul, sz, fwd, ufwd, dup1, dup2, ts, p, proto;
	int i64;

	btf__set_pointer_size(b, 8);
	CHECK(i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	CHECK(i8 = btf__add_int(b, "char", 1, BTF_INT_SIGNED));
	CHECK(i64 = btf__add_int(b, "long", 8, BTF_INT_SIGNED));
	CHECK(ld = btf__add_float(b, "long double", 16));
	CHECK(half = btf__add_float(b, "_Float16", 2));
	CHECK(u128 = btf__add_int(b, "unsigned __int128", 16, 0));
	CHECK(ul = btf__add_int(b, "unsigned long", 8, 0));

	/* 64-bit enums, signed and not, with values only 64 bits hold */
	CHECK(e64 = btf__add_enum64(b, "big64", 8, false));
	CHECK(btf__add_enum64_value(b, "BIG64_MAX", 0xffffffffffffffffull));
	CHECK(btf__add_enum64_value(b, "BIG64_MID", 0x8000000000000000ull));
	CHECK(se64 = btf__add_enum64(b, "sbig64", 8, true));
	CHECK(btf__add_enum64_value(b, "SBIG64_MIN", 0x8000000000000000ull));
	CHECK(btf__add_enum64_value(b, "SBIG64_NEG", (uint64_t)-2));
	CHECK(btf__add_enum64_value(b, "SBIG64_POS", 0x100000000ull));
	/* a signed 32-bit enum (kflag set, as clang >= 15 and pahole emit) */
	CHECK(s32 = btf__add_enum(b, "signed32", 4));
	CHECK(btf__add_enum_value(b, "S32_NEG", -7));
	CHECK(btf__add_enum_value(b, "S32_POS", 7));
	/* an enum value named like one of another enum */
	CHECK(btf__add_enum(b, "other", 4));
	CHECK(btf__add_enum_value(b, "S32_POS", 1));

	/* the C library owns size_t: not redefined, its users print uint64_t */
	CHECK(sz = btf__add_typedef(b, "size_t", ul));
	/* a struct the BTF holds twice (vmlinux does) and a libc tag */
	CHECK(dup1 = btf__add_struct(b, "dup", 4));
	CHECK(btf__add_field(b, "a", i32, 0, 0));
	CHECK(dup2 = btf__add_struct(b, "dup", 8));
	CHECK(btf__add_field(b, "b", i64, 0, 0));
	CHECK(ts = btf__add_struct(b, "timespec", 16));
	CHECK(btf__add_field(b, "tv_sec", i64, 0, 0));
	CHECK(btf__add_field(b, "tv_nsec", i64, 64, 0));

	CHECK(fwd = btf__add_fwd(b, "opaque_thing", BTF_FWD_STRUCT));
	CHECK(btf__add_typedef(b, "opaque_t", fwd));
	CHECK(ufwd = btf__add_fwd(b, "opaque_union", BTF_FWD_UNION));
	CHECK(btf__add_typedef(b, "opaque_u", ufwd));
	CHECK(proto = btf__add_func_proto(b, i32));
	CHECK(btf__add_func_param(b, "fmt", i8));
	CHECK(btf__add_func_param(b, NULL, 0));
	CHECK(btf__add_typedef(b, "printf_fn", proto));
	CHECK(p = btf__add_ptr(b, proto));
	CHECK(btf__add_type_tag(b, "user", p));

	CHECK(btf__add_struct(b, "extras", 112));
	CHECK(btf__add_field(b, "c", i8, 0, 0));
	CHECK(btf__add_field(b, "ld", ld, 16 * 8, 0));
	CHECK(btf__add_field(b, "u", u128, 32 * 8, 0));
	CHECK(btf__add_field(b, "e", e64, 48 * 8, 0));
	CHECK(btf__add_field(b, "se", se64, 56 * 8, 0));
	CHECK(btf__add_field(b, "s", s32, 64 * 8, 0));
	CHECK(btf__add_field(b, "h", half, 68 * 8, 0));
	CHECK(btf__add_field(b, "__pad0", i8, 70 * 8, 0));
	CHECK(btf__add_field(b, "len", sz, 72 * 8, 0));
	CHECK(btf__add_field(b, "d1", dup1, 80 * 8, 0));
	CHECK(btf__add_field(b, "d2", dup2, 88 * 8, 0));
	CHECK(btf__add_field(b, "fn", p, 96 * 8, 0));
	CHECK(btf__add_field(b, "sbits", s32, 104 * 8, 3));
	CHECK(btf__add_field(b, "ts_sec_only", i32, 108 * 8, 0));
	(void)ts;
	return write_btf(dir, "extras.btf", b);
}

static int corrupt(const char *dir)
{
	struct btf *b;
	int i32, err = 0;

	/* a member whose type does not exist */
	b = btf__new_empty();
	CHECK(i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	CHECK(btf__add_struct(b, "dangling", 8));
	CHECK(btf__add_field(b, "a", i32, 0, 0));
	CHECK(btf__add_field(b, "b", 999, 32, 0));
	err |= write_btf(dir, "corrupt-dangling.btf", b);

	/* typedef a -> typedef b -> typedef a */
	b = btf__new_empty();
	CHECK(btf__add_typedef(b, "a_t", 2));
	CHECK(btf__add_typedef(b, "b_t", 1));
	err |= write_btf(dir, "corrupt-typedef-cycle.btf", b);

	/* a struct that contains itself by value */
	b = btf__new_empty();
	CHECK(btf__add_struct(b, "self", 8));
	CHECK(btf__add_field(b, "again", 1, 0, 0));
	err |= write_btf(dir, "corrupt-self.btf", b);

	/* pointer -> pointer -> first pointer */
	b = btf__new_empty();
	CHECK(btf__add_ptr(b, 2));
	CHECK(btf__add_ptr(b, 1));
	CHECK(btf__add_struct(b, "holds", 8));
	CHECK(btf__add_field(b, "p", 1, 0, 0));
	err |= write_btf(dir, "corrupt-ptr-cycle.btf", b);

	/* a member beyond the struct's size */
	b = btf__new_empty();
	CHECK(i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	CHECK(btf__add_struct(b, "beyond", 4));
	CHECK(btf__add_field(b, "far", i32, 64, 0));
	err |= write_btf(dir, "corrupt-beyond.btf", b);

	/* two members on the same bytes */
	b = btf__new_empty();
	CHECK(i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	CHECK(btf__add_struct(b, "overlap", 8));
	CHECK(btf__add_field(b, "a", i32, 0, 0));
	CHECK(btf__add_field(b, "b", i32, 16, 0));
	err |= write_btf(dir, "corrupt-overlap.btf", b);

	/* a name that would inject text into the generated C */
	b = btf__new_empty();
	CHECK(i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	CHECK(btf__add_struct(b, "x; } evil; /*", 4));
	CHECK(btf__add_field(b, "a", i32, 0, 0));
	err |= write_btf(dir, "corrupt-name.btf", b);

	/* an array whose size does not fit 32 bits */
	b = btf__new_empty();
	CHECK(i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	CHECK(btf__add_array(b, i32, i32, 0x7fffffff));
	CHECK(btf__add_typedef(b, "huge_t", 2));
	err |= write_btf(dir, "corrupt-huge-array.btf", b);
	return err;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: mkbtf OUTDIR\n");
		return 2;
	}
	return extras(argv[1]) | corrupt(argv[1]);
}
