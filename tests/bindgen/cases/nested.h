/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Nested structs, real unions, anonymous members and members of anonymous
 * types. */
#ifndef __CASE_NESTED_H
#define __CASE_NESTED_H

struct inner {
	short s;
	int i;
};

union value {
	int i;
	long l;
	char bytes[12];
	struct inner in;
};

struct outer {
	struct inner in;
	union value v;
	struct {
		int x;
		char y;
	} named_anon;
	union {
		int as_int;
		float as_float;
	};
	struct {
		struct {
			char deep;
		};
		long after;
	};
	union {
		struct {
			short lo;
			short hi;
		};
		int both;
	} split;
	char last;
};

#endif
