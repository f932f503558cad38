/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Pointers of every shape are 8-byte integers with a comment. */
#ifndef __CASE_POINTERS_H
#define __CASE_POINTERS_H

struct node;
typedef int (*handler_t)(struct node *n, long arg);
typedef struct node *node_ptr;

struct pointers {
	void *vp;
	const char *str;
	struct node *next;
	int (*fn)(int argc, char **argv);
	handler_t handler;
	node_ptr np;
	int *arr[3];
	int (*parr)[4];
	struct {
		int x;
	} * anonp;
	char tag;
	void (*vfn)(void);
	long (*varfn)(const char *fmt, ...);
};

#endif
