/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Bitfields on several base types, signed and unsigned, with gaps, a
 * zero-width separator, straddling fields in a packed struct, a union. */
#ifndef __CASE_BITFIELDS_H
#define __CASE_BITFIELDS_H

enum mode {
	MODE_OFF,
	MODE_ON,
	MODE_AUTO,
};

struct bits {
	unsigned int a : 3;
	int b : 5;
	unsigned char c : 2;
	unsigned short d : 9;
	unsigned long long e : 40;
	long long f : 20;
	_Bool g : 1;
	enum mode m : 2;
	int : 0;
	unsigned int after_zero : 4;
	char plain;
	unsigned int h : 7;
	unsigned int : 5;
	unsigned int i : 6;
	unsigned long long full : 64;
	signed char sc : 3;
};

struct __attribute__((packed)) packed_bits {
	char a;
	unsigned int b : 30;
	unsigned int c : 30;
	unsigned long long d : 60;
	int e : 4;
};

union bit_union {
	unsigned int flags : 12;
	unsigned short raw;
};

#endif
