/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Typedef chains, typedefs of structs, arrays, pointers and functions,
 * names the C library owns, const/volatile/restrict. */
#ifndef __CASE_TYPEDEFS_H
#define __CASE_TYPEDEFS_H

typedef unsigned int u32_t;
typedef u32_t my_u32;
typedef my_u32 chain_t;

typedef struct point2 {
	int x;
	int y;
} point2_t;
typedef point2_t pt_alias;

typedef int vec4[4];
typedef vec4 mat4[4];

typedef struct {
	long a;
	char b;
} anon_td;

/* the C library defines these on wasm32, some with another size */
typedef unsigned long size_t;
typedef int pid_t;
typedef _Bool bool;
typedef unsigned long uint64_t;

typedef void (*cb_t)(void);
typedef int fn_t(int);

struct typedefs {
	chain_t c;
	pt_alias p;
	mat4 m;
	anon_td a;
	size_t sz;
	pid_t pid;
	bool flag;
	uint64_t u;
	cb_t cb;
	fn_t *fp;
	const volatile int cv;
	const char cstr[4];
	volatile long vol;
	int *restrict rp;
	const point2_t cp;
};

#endif
