/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Arrays of structs, multi-dimensional arrays, flexible and zero-length
 * arrays. */
#ifndef __CASE_ARRAYS_H
#define __CASE_ARRAYS_H

struct point {
	int x;
	int y;
};

struct arrays {
	struct point pts[3];
	int grid[2][3];
	char names[4][8];
	struct point mat[2][2];
	long longs[2];
	struct {
		short a;
		char b;
	} anon_arr[2];
	unsigned char bytes[3];
};

struct flex {
	int n;
	char tag;
	struct point items[];
};

struct zero_len {
	int n;
	int z[0];
	int after;
};

#endif
