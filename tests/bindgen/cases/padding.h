/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Gaps, tail padding, packed and over-aligned types. */
#ifndef __CASE_PADDING_H
#define __CASE_PADDING_H

struct gaps {
	char a;
	long b; /* 7-byte gap: long is 8-aligned on both sides */
	short c;
	int d; /* 2-byte gap */
	char e;
	/* 7-byte tail */
};

struct tail {
	long a;
	char b;
};

struct lp64_gap {
	int a;
	long b; /* 8 bytes at 8; a wasm32 long would be 4 bytes at 4 */
	char *p;
	int c;
};

struct __attribute__((packed)) packed {
	char a;
	long b;
	short c;
};

struct holds_packed {
	char x;
	struct packed p;
	int y;
};

/* packed, but every member aligned anyway */
struct __attribute__((packed)) packed_aligned {
	int a;
	int b;
};

struct holds_packed_aligned {
	char x;
	struct packed_aligned p;
};

struct over {
	int a;
} __attribute__((aligned(16)));

struct holds_over {
	char c;
	struct over o;
	char d;
};

struct member_aligned {
	char a;
	int b __attribute__((aligned(8)));
	char c;
};

#endif
