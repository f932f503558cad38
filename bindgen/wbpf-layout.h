/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The wbpf layout core: BTF read once (with libbpf) and turned into a model
 * of every type's exact layout on the BPF side (LP64), ready to be printed
 * for wasm32 (ILP32). wbpf-bindgen (C), wbpf-skel (data sections) and btf2wit
 * (WIT) are three printers of this one model; none of them walks BTF itself.
 *
 * Model ids are BTF type ids (0 = void), so a printer can still hand an id to
 * btf_dump or look a type up by name. const/volatile/restrict/type-tag ids
 * and VAR ids are not types of their own in the model: wbpf_model__type() on
 * one of them returns the entry of the type it qualifies (resp. the
 * variable's type), and no member, element or alias ever refers to them.
 *
 * Library rules (libbpf's): functions returning int give 0 or -errno;
 * functions returning pointers give NULL and set errno; nothing here prints
 * or exits. wbpf_layout_errstr() returns a one-line description of the last
 * failure in this thread, for the CLIs to print after the file name.
 */
#ifndef __WBPF_LAYOUT_H
#define __WBPF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct btf;
struct wbpf_model;

enum wbpf_kind {
	WBPF_KIND_VOID = 0,
	WBPF_KIND_INT,	   /* size 1, 2, 4 or 8; is_signed, is_bool, is_char */
	WBPF_KIND_FLOAT,   /* size 4 or 8 */
	WBPF_KIND_OPAQUE,  /* bytes with no wasm32 C type: __int128, long double */
	WBPF_KIND_PTR,	   /* any BPF-side pointer (data or function): 8 bytes */
	WBPF_KIND_ARRAY,   /* elem_type x nelems; nelems 0 = flexible */
	WBPF_KIND_STRUCT,  /* members, explicit padding included */
	WBPF_KIND_UNION,   /* members all at offset 0 (bitfields aside) */
	WBPF_KIND_ENUM,	   /* values; size 1..8; is_signed */
	WBPF_KIND_TYPEDEF, /* alias of ref_type */
	WBPF_KIND_FWD,	   /* declared, never defined: no size */
	WBPF_KIND_DATASEC, /* a global-data section as a struct of variables */
	WBPF_KIND_FUNC,	   /* functions, prototypes, decl tags: not data, never laid out */
};

enum wbpf_member_kind {
	WBPF_MEMBER_FIELD = 0, /* a struct/union member (named or anonymous) */
	WBPF_MEMBER_PAD,       /* bytes BTF leaves unused: emit as padding */
	WBPF_MEMBER_VAR,       /* DATASEC: a global variable */
	WBPF_MEMBER_HIDDEN,    /* DATASEC: a static variable; bytes kept, not named */
};

/*
 * Members of a STRUCT or DATASEC are in offset order and never overlap (bits
 * of bitfields aside); every byte of the parent not covered by a member is
 * covered by a PAD, tail included, so the members tile [0, size).
 * In a UNION every FIELD is at offset 0 and a PAD, when present, stands for
 * the bytes [offset, offset + size) that no member covers: a printer makes
 * the union offset + size bytes long.
 * Bitfields: `offset`/`size` are the storage unit (the aligned block of the
 * base type's size holding the field, or for a field straddling such a block
 * in a packed struct, the byte holding its first bit); PADs are computed from
 * the bytes the bits actually use, so a PAD may lie inside the storage unit
 * of a neighbouring bitfield.
 */
struct wbpf_member {
	enum wbpf_member_kind kind;
	const char *name;    /* NULL for anonymous members and padding; for
			      * HIDDEN the static's name, for comments only */
	uint32_t type;	     /* model id; 0 for PAD */
	uint32_t offset;     /* byte offset in the parent (storage unit start
			      * for bitfields) */
	uint32_t size;	     /* bytes this member occupies (PAD: its length) */
	uint32_t bit_offset; /* bitfields: bit offset from the parent's start */
	uint32_t bit_size;   /* bitfields: width in bits; 0 = not a bitfield */
};

struct wbpf_enum_value {
	const char *name;
	uint64_t value; /* read as int64_t when the enum is_signed */
};

struct wbpf_type {
	uint32_t id;
	enum wbpf_kind kind;
	const char *name;   /* C name; NULL when anonymous */
	uint32_t size;	    /* bytes on the BPF side, = required on wasm32 */
	uint32_t align;	    /* alignment on the BPF side (1 for packed types) */
	bool is_signed;	    /* INT, ENUM */
	bool is_bool;	    /* INT: _Bool */
	bool is_char;	    /* INT: char (so printers may keep char arrays) */
	bool packed;	    /* STRUCT/UNION: needs __attribute__((packed)) */
	uint32_t ref_type;  /* PTR: pointee (for comments), ARRAY: element,
			    * TYPEDEF: aliased type */
	uint32_t nelems;    /* ARRAY */
	const char *c_decl; /* PTR: the original C type, e.g. "struct task_struct *"
			     * (from btf_dump, one line; NULL if unknown) */
	uint32_t nmembers;
	const struct wbpf_member *members; /* STRUCT, UNION, DATASEC */
	uint32_t nvalues;
	const struct wbpf_enum_value *values; /* ENUM */
	/* Alignment of the type as printed for wasm32 with fixed-width types
	 * (pointers and long as 64-bit integers, OPAQUE as bytes): its size
	 * for INT/FLOAT/PTR/ENUM, 1 for OPAQUE and packed structs, else the
	 * largest of the members'. 0 for types with no layout (VOID, FWD,
	 * FUNC). */
	uint32_t wasm_align;
	bool fwd_is_union; /* FWD: declared as `union`, not `struct` */
};

struct wbpf_model_opts {
	size_t sz; /* sizeof(struct wbpf_model_opts) */
	/* name of the source (file path), for messages */
	const char *source;
};

/* Build the model from parsed BTF. The model keeps a reference to `btf`; the
 * caller frees `btf` after wbpf_model__free(). */
struct wbpf_model *wbpf_model__new(const struct btf *btf, const struct wbpf_model_opts *opts);

/* Open `path` and build the model from its BTF: a BPF ELF object (.BTF
 * section) or a raw BTF file such as /sys/kernel/btf/vmlinux. The model owns
 * the BTF. For an ELF object, data sections get their sizes and variable
 * offsets from the ELF (libbpf's bpf_object__open() fix-ups, as bpftool's
 * skeleton sees them). Errors: ENOENT (missing file), ENOEXEC (neither ELF
 * nor raw BTF), ENODATA (ELF without .BTF), EINVAL (truncated or corrupt
 * BTF). libbpf's own messages are silenced during the call. */
struct wbpf_model *wbpf_model__open(const char *path, const struct wbpf_model_opts *opts);

/* Parse a C header with libclang for the BPF target and build the model
 * from every type it defines (wbpf-bindgen --header): the types are turned
 * into BTF with libbpf's btf__add_*() and the model is built from that BTF
 * like any other. `clang_args` are extra arguments (-I, -D, -include...).
 * Errors: ENOENT (missing file), EINVAL (the header does not compile: the
 * first error in wbpf_layout_errstr()), ENOTSUP (a type with no BTF form). */
struct wbpf_model *wbpf_model__open_header(const char *path, const char *const *clang_args,
					   int nargs, const struct wbpf_model_opts *opts);

void wbpf_model__free(struct wbpf_model *m);

/* The BTF behind the model (for btf_dump and name lookups). */
const struct btf *wbpf_model__btf(const struct wbpf_model *m);

/* Number of ids (valid ids are 0 .. cnt - 1). */
uint32_t wbpf_model__type_cnt(const struct wbpf_model *m);
const struct wbpf_type *wbpf_model__type(const struct wbpf_model *m, uint32_t id);

/* Skip TYPEDEFs (and nothing else); returns the id of the aliased type. */
uint32_t wbpf_model__resolve(const struct wbpf_model *m, uint32_t id);

/* Id of the named STRUCT, UNION, ENUM, TYPEDEF or DATASEC; -ENOENT if none. */
int wbpf_model__find(const struct wbpf_model *m, const char *name);

/* The types to print, in dependency order (every type after the types it
 * needs by value): all named structs, unions, enums and typedefs of the
 * model (for a model from a header: every type the header defines), or,
 * when nroots > 0, only `roots` and what they depend on. Pointers create no
 * dependency (they are 64-bit integers on the wasm side). Anonymous structs
 * and unions are never listed (they are printed inside their user);
 * anonymous enums are listed when a listed type uses one by value. Typedefs
 * of functions or void are left out (no layout). A DATASEC is listed only
 * as a root. Returns the count and a malloc'ed array in *ids, or -errno
 * (-ENOENT: unknown root, named in wbpf_layout_errstr()). */
int wbpf_model__order(const struct wbpf_model *m, const uint32_t *roots, int nroots,
		      uint32_t **ids);

/* One-line description of this thread's last failure. */
const char *wbpf_layout_errstr(void);

#ifdef __cplusplus
}
#endif

#endif /* __WBPF_LAYOUT_H */
