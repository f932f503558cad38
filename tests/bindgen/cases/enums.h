/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Enums: plain, signed, large unsigned, packed (1 byte), 64-bit, typedef'd
 * and anonymous. */
#ifndef __CASE_ENUMS_H
#define __CASE_ENUMS_H

enum color {
	RED,
	GREEN = 5,
	BLUE,
};

enum signed_e {
	NEG = -5,
	ZERO = 0,
	POS = 7,
};

enum big_u {
	BIG_U = 0xffffffffu,
};

enum __attribute__((packed)) small {
	SMALL_A = 1,
	SMALL_B = 200,
};

enum __attribute__((packed)) small_neg {
	SMALL_NEG = -3,
	SMALL_POS = 3,
};

typedef enum {
	T_ONE = 1,
	T_TWO = 2,
} typed_e;

#ifndef NO_ENUM64
/* clang 14 cannot put this in BTF (no ENUM64 before clang 15: it emits the
 * values cut to 32 bits): the object case leaves it out, the header case
 * and a raw BTF case cover it */
enum wide64 {
	W64_SMALL = 1,
	W64_BIG = 0x123456789abcULL,
};

enum neg64 {
	N64_MIN = -0x7fffffffffffffffLL - 1,
	N64_ONE = 1,
};
#endif

struct enums {
	enum color c;
	enum signed_e s;
	enum big_u b;
	enum small sm;
	enum small_neg sn;
	typed_e t;
	enum {
		ANON_A = 10,
		ANON_B,
	} anon;
#ifndef NO_ENUM64
	enum wide64 w;
	enum neg64 n;
#endif
};

#endif
