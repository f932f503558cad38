/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Integers by size and encoding (long is 8 bytes on the BPF side), char,
 * bool, floats, 16-byte integers. */
#ifndef __CASE_INTS_H
#define __CASE_INTS_H

struct ints {
	char c;
	signed char sc;
	unsigned char uc;
	short s;
	unsigned short us;
	int i;
	unsigned int ui;
	long l;
	unsigned long ul;
	long long ll;
	unsigned long long ull;
	_Bool b;
	float f;
	double d;
	char str[5];
};

/* 16 bytes, 16-aligned on both sides: kept as bytes */
struct wide {
	char tag;
	__int128 big;
	unsigned __int128 ubig;
	int after;
};

/* long double is 8 bytes for the BPF target (a double), 16 on x86-64:
 * printed as double; the native cross-check leaves it out */
struct ldouble {
	char tag;
	long double ld;
};

#endif
