/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What wbpf-skel knows about an object once it is read (skel-obj.c) and
 * before it is printed (skel-emit.c).
 */
#ifndef __WBPF_SKEL_INTERNAL_H
#define __WBPF_SKEL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bpf_object;
struct wbpf_model;

struct skel_map {
	char *name;	  /* as the guest SDK asks the host: "events", ".bss" */
	char *ident;	  /* C identifier: "events", "bss", "data_foo" */
	uint32_t datasec; /* model id of the section's DATASEC; 0 = none */
	bool internal;	  /* global data (.data, .rodata, .bss, .kconfig, ...) */
};

struct skel_prog {
	char *name;
	char *sec;     /* SEC() name */
	int type;      /* enum bpf_prog_type as libbpf guessed it */
	bool autoload; /* false for SEC("?...") */
};

struct skel_obj {
	char *name;   /* "prog" */
	char *ident;  /* "prog_bpf" */
	char *source; /* the file's base name, for the header comment */
	void *elf;
	size_t elf_sz;
	struct bpf_object *obj;
	struct wbpf_model *model;
	struct skel_map *maps;
	int nmaps;
	struct skel_prog *progs;
	int nprogs;
};

/* skel-obj.c */
int skel_obj__open(struct skel_obj *so, const char *path, const char *name);
void skel_obj__close(struct skel_obj *so);

/* skel-emit.c: the header, with the object zlib-compressed or as it is */
int skel_emit(const struct skel_obj *so, bool compress, FILE *out);

/* skel.c: record a failure for wbpf_skel_errstr(); returns -err */
int skel_fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* __WBPF_SKEL_INTERNAL_H */
