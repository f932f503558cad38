/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Internals of the WIT printer, shared by its files:
 *   wit-types.c   WIT type expressions with their canonical-ABI layout
 *   wit-cdecl.c   C declarations for comments (libbpf btf_dump)
 *   wit-record.c  a struct/union/section as a list of WIT fields
 *   wit-emit.c    the driver: order, names, items, package and world
 */
#ifndef __WBPF_WIT_INTERNAL_H
#define __WBPF_WIT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "wbpf-layout.h"
#include "wit-emit.h"
#include "wit-names.h"

/* A WIT type expression and its canonical-ABI size and alignment
 * (CanonicalABI.md: elem_size(), alignment()). */
struct wit_type {
	char *text; /* malloc'ed, e.g. "list<u8, 16>" */
	uint32_t size;
	uint32_t align;
};

void wit_type__free(struct wit_type *t);
/* u8..u64 / s8..s64 (size 1, 2, 4, 8), f32/f64, bool */
int wit_type__int(struct wit_type *t, uint32_t size, bool is_signed);
int wit_type__prim(struct wit_type *t, const char *name, uint32_t size);
/* `n` elements of `elem` (list<elem, n>, or tuple<elem, ...> when tuples) */
int wit_type__list(struct wit_type *t, const struct wit_type *elem, uint32_t n, bool tuples);
/* `size` bytes held in units of the widest unsigned integer (<= 8 bytes)
 * that divides both `size` and `align`: list<u64, 2> for a 16-byte union
 * aligned to 8, a bare u32 for one unit. */
int wit_type__units(struct wit_type *t, uint32_t size, uint32_t align, bool tuples);
/* A reference to the named item `label` laid out as size/align. */
int wit_type__named(struct wit_type *t, const char *label, uint32_t size, uint32_t align);

static inline uint32_t wit_align_up(uint32_t x, uint32_t a)
{
	return (x + a - 1) / a * a;
}

/* C type names for comments: "unsigned int", "struct task_struct *",
 * "char[16]", via libbpf's btf_dump when the model has BTF. */
struct wit_cdecl;

struct wit_cdecl *wit_cdecl__new(const struct wbpf_model *m);
void wit_cdecl__free(struct wit_cdecl *c);
/* The C type of model id `id` on one line (anonymous structs, unions and
 * enums in words, not printed inline); malloc'ed, NULL on ENOMEM. */
char *wit_cdecl__type(struct wit_cdecl *c, uint32_t id);

/* A growing string (open_memstream would do, but its buffer cannot be
 * reused across items and it reports allocation failure only at close). */
struct wit_str {
	char *buf;
	size_t len, cap;
	int err;
};

void wit_str__printf(struct wit_str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void wit_str__free(struct wit_str *s);

enum wit_field_kind {
	WIT_FIELD_MEMBER, /* a named C member (or a global variable) */
	WIT_FIELD_UNION,  /* an anonymous union member */
	WIT_FIELD_BITS,	  /* the storage of one or more bitfields */
	WIT_FIELD_PAD,	  /* bytes BTF leaves unused */
	WIT_FIELD_HIDDEN, /* static variables of a section */
};

struct wit_field {
	enum wit_field_kind kind;
	const char *cname; /* WIT_FIELD_MEMBER: the C name */
	const char *label; /* the WIT name, set when names are given */
	uint32_t off;
	struct wit_type type;
	struct wit_str doc; /* doc comment lines, '\n'-separated */
};

struct wit_record {
	struct wit_field *fields;
	int nfields;
	uint32_t size;	      /* BTF size */
	uint32_t align;	      /* BTF alignment */
	uint32_t wit_align;   /* canonical alignment of the fields */
	struct wit_str notes; /* extra record doc lines (warnings, omissions) */
};

struct wit_emitter;

/* The WIT type of a value of model type `id`, member `member` of the record
 * `label` (known in C as `what`): anonymous structs it needs are printed as
 * records named <label>-<member>. Defined in wit-emit.c. */
int wit_emitter__value_type(struct wit_emitter *e, uint32_t id, const char *label, const char *what,
			    const char *member, struct wit_type *t);
/* Report a layout that WIT cannot express (also noted in the record). */
void wit_emitter__warn(struct wit_emitter *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
const struct wbpf_model *wit_emitter__model(const struct wit_emitter *e);
/* wit_cdecl__type() with the emitter's btf_dump; "?" when out of memory */
char *wit_emitter__cdecl(struct wit_emitter *e, uint32_t id);
bool wit_emitter__tuples(const struct wit_emitter *e);
void wit_set_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Lay out struct/union/section `id` (printed as `what` in messages) as the
 * fields of record `label`. 0 or -errno. */
int wit_record__build(struct wit_emitter *e, uint32_t id, const char *label, const char *what,
		      struct wit_record *r);
void wit_record__free(struct wit_record *r);

#endif /* __WBPF_WIT_INTERNAL_H */
