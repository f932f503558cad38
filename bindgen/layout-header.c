// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wbpf_model__open_header(): a C header parsed by libclang for the BPF
 * target, its types written into a fresh BTF with libbpf's btf__add_*(), and
 * the model built from that BTF like from any object's -- one model builder,
 * so a header's types print exactly as they would from a .bpf.o.
 *
 * Sizes and offsets are clang's for `-target bpf` (clang_Type_getSizeOf,
 * clang_Cursor_getOffsetOfField), so they are the BPF side's by
 * construction. Qualifiers are dropped (the wasm side has no use for them),
 * except on pointees, where they show in the comment naming the pointer's
 * type.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <clang-c/Index.h>

#include "layout-internal.h"

#define MAX_DEPTH 256

struct memo_ent {
	CXCursor decl; /* canonical declaration */
	int id;
	bool busy; /* record being converted: pointers to it get a FWD */
};

struct hconv {
	struct btf *btf;
	struct memo_ent *memo;
	size_t nmemo, cap;
	int builtin[CXType_LastBuiltin + 1];
	int index_type;
	uint32_t *roots;
	int nroots, roots_cap;
};

/* The cursor's name, or "" for anonymous declarations. */
static char *spelling(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *cs = clang_getCString(s);
	char *r = strdup(wbpf_layout_is_c_ident(cs) ? cs : "");

	clang_disposeString(s);
	return r;
}

static int type_err(CXType t, const char *what)
{
	CXString s = clang_getTypeSpelling(t);
	int err = wbpf_layout_set_err(ENOTSUP, "type '%s': %s", clang_getCString(s), what);

	clang_disposeString(s);
	return err;
}

/* Linear memo: headers hold few types (a by-value closure), and
 * clang_equalCursors is the only sound comparison libclang offers. */
static struct memo_ent *memo_find(struct hconv *h, CXCursor decl)
{
	size_t i;

	for (i = 0; i < h->nmemo; i++)
		if (clang_equalCursors(h->memo[i].decl, decl))
			return &h->memo[i];
	return NULL;
}

static struct memo_ent *memo_add(struct hconv *h, CXCursor decl, int id)
{
	if (h->nmemo == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		void *p = realloc(h->memo, cap * sizeof(*h->memo));

		if (!p)
			return NULL;
		h->memo = p;
		h->cap = cap;
	}
	h->memo[h->nmemo] = (struct memo_ent){ .decl = decl, .id = id };
	return &h->memo[h->nmemo++];
}

static int conv(struct hconv *h, CXType t, int depth);

static int conv_builtin(struct hconv *h, CXType t)
{
	static const struct {
		enum CXTypeKind kind;
		const char *name;
		int enc; /* -1: float */
	} map[] = {
		{ CXType_Bool, "_Bool", BTF_INT_BOOL },
		{ CXType_Char_S, "char", BTF_INT_SIGNED },
		{ CXType_Char_U, "char", 0 },
		{ CXType_SChar, "signed char", BTF_INT_SIGNED },
		{ CXType_UChar, "unsigned char", 0 },
		{ CXType_Short, "short", BTF_INT_SIGNED },
		{ CXType_UShort, "unsigned short", 0 },
		{ CXType_Int, "int", BTF_INT_SIGNED },
		{ CXType_UInt, "unsigned int", 0 },
		{ CXType_Long, "long", BTF_INT_SIGNED },
		{ CXType_ULong, "unsigned long", 0 },
		{ CXType_LongLong, "long long", BTF_INT_SIGNED },
		{ CXType_ULongLong, "unsigned long long", 0 },
		{ CXType_Int128, "__int128", BTF_INT_SIGNED },
		{ CXType_UInt128, "unsigned __int128", 0 },
		{ CXType_WChar, "wchar_t", BTF_INT_SIGNED },
		{ CXType_Float, "float", -1 },
		{ CXType_Double, "double", -1 },
		{ CXType_LongDouble, "long double", -1 },
		{ CXType_Float128, "__float128", -1 },
		{ CXType_Half, "__fp16", -1 },
		{ CXType_Float16, "_Float16", -1 },
	};
	long long size;
	size_t i;
	int id;

	if (t.kind == CXType_Void)
		return 0;
	if (t.kind < 0 || t.kind > CXType_LastBuiltin)
		return type_err(t, "has no BTF form");
	if (h->builtin[t.kind])
		return h->builtin[t.kind];
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].kind == t.kind)
			break;
	size = clang_Type_getSizeOf(t);
	if (i == sizeof(map) / sizeof(map[0]) || size <= 0)
		return type_err(t, "has no BTF form");
	if (map[i].enc < 0)
		id = btf__add_float(h->btf, map[i].name, size);
	else
		id = btf__add_int(h->btf, map[i].name, size, map[i].enc);
	if (id < 0)
		return wbpf_layout_set_err(-id, "btf__add: %s", strerror(-id));
	h->builtin[t.kind] = id;
	return id;
}

static int index_type(struct hconv *h)
{
	if (!h->index_type)
		h->index_type = btf__add_int(h->btf, "__ARRAY_SIZE_TYPE__", 4, 0);
	return h->index_type;
}

static int add_fwd(struct hconv *h, const char *name, bool is_union)
{
	int id = btf__add_fwd(h->btf, name, is_union ? BTF_FWD_UNION : BTF_FWD_STRUCT);

	return id < 0 ? wbpf_layout_set_err(-id, "btf__add_fwd: %s", strerror(-id)) : id;
}

struct fields {
	CXCursor *c;
	int n, cap;
	bool oom;
};

static enum CXVisitorResult collect_field(CXCursor c, CXClientData data)
{
	struct fields *f = data;
	char *name;
	bool unnamed;

	/* unnamed bitfields only place the next ones: BTF has no member for
	 * them, as clang's own BTF has not */
	if (clang_Cursor_isBitField(c)) {
		name = spelling(c);
		unnamed = !*name;
		free(name);
		if (unnamed)
			return CXVisit_Continue;
	}
	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 16;
		void *p = realloc(f->c, cap * sizeof(*f->c));

		if (!p) {
			f->oom = true;
			return CXVisit_Break;
		}
		f->c = p;
		f->cap = cap;
	}
	f->c[f->n++] = c;
	return CXVisit_Continue;
}

static int conv_record(struct hconv *h, CXType t, int depth)
{
	CXCursor decl = clang_getCanonicalCursor(clang_getTypeDeclaration(t));
	CXCursor def = clang_getCursorDefinition(decl);
	bool is_union = decl.kind == CXCursor_UnionDecl;
	struct fields f = { 0 };
	struct memo_ent *me = memo_find(h, decl);
	char *name = spelling(decl), **fnames = NULL;
	int *ftypes = NULL, id = 0, i, err = 0;
	long long size;

	if (me && !me->busy) {
		id = me->id;
		goto out;
	}
	if (me || clang_Cursor_isNull(def)) { /* pointed to while converted, or opaque */
		id = *name ? add_fwd(h, name, is_union) : type_err(t, "anonymous and incomplete");
		goto out;
	}
	size = clang_Type_getSizeOf(t);
	if (size < 0) {
		id = type_err(t, "has no size for the BPF target");
		goto out;
	}
	me = memo_add(h, decl, 0);
	if (!me) {
		id = wbpf_layout_set_err(ENOMEM, "out of memory");
		goto out;
	}
	me->busy = true;
	clang_Type_visitFields(t, collect_field, &f);
	ftypes = calloc(f.n ? f.n : 1, sizeof(*ftypes));
	fnames = calloc(f.n ? f.n : 1, sizeof(*fnames));
	if (f.oom || !ftypes || !fnames) {
		id = wbpf_layout_set_err(ENOMEM, "out of memory");
		goto out;
	}
	/* every member's type first: btf__add_field() appends to the type
	 * added last */
	for (i = 0; i < f.n && !err; i++) {
		err = conv(h, clang_getCursorType(f.c[i]), depth + 1);
		ftypes[i] = err;
		fnames[i] = spelling(f.c[i]);
		err = err < 0 ? err : 0;
	}
	if (err) {
		id = err;
		goto out;
	}
	id = is_union ? btf__add_union(h->btf, *name ? name : NULL, size) :
			btf__add_struct(h->btf, *name ? name : NULL, size);
	for (i = 0; i < f.n && id > 0; i++) {
		int bits = clang_Cursor_isBitField(f.c[i]) ? clang_getFieldDeclBitWidth(f.c[i]) : 0;

		err = btf__add_field(h->btf, *fnames[i] ? fnames[i] : NULL, ftypes[i],
				     clang_Cursor_getOffsetOfField(f.c[i]), bits);
		if (err)
			id = err;
	}
	if (id < 0)
		id = wbpf_layout_set_err(-id, "btf__add: %s", strerror(-id));
	/* the memo may have moved while members were converted */
	me = memo_find(h, decl);
	me->busy = false;
	me->id = id;
out:
	for (i = 0; fnames && i < f.n; i++)
		free(fnames[i]);
	free(fnames);
	free(ftypes);
	free(f.c);
	free(name);
	return id;
}

struct enum_vals {
	struct hconv *h;
	int id;
	bool is64, is_signed;
	int err;
};

static enum CXChildVisitResult add_enum_value(CXCursor c, CXCursor parent, CXClientData data)
{
	struct enum_vals *ev = data;
	char *name;
	int err;

	(void)parent;
	if (c.kind != CXCursor_EnumConstantDecl)
		return CXChildVisit_Continue;
	name = spelling(c);
	if (ev->is64)
		err = btf__add_enum64_value(ev->h->btf, name,
					    ev->is_signed ?
						    (uint64_t)clang_getEnumConstantDeclValue(c) :
						    clang_getEnumConstantDeclUnsignedValue(c));
	else
		err = btf__add_enum_value(
			ev->h->btf, name,
			ev->is_signed ? clang_getEnumConstantDeclValue(c) :
					(long long)clang_getEnumConstantDeclUnsignedValue(c));
	free(name);
	if (err) {
		ev->err = err;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

static int conv_enum(struct hconv *h, CXType t)
{
	CXCursor decl = clang_getCanonicalCursor(clang_getTypeDeclaration(t));
	CXCursor def = clang_getCursorDefinition(decl);
	struct memo_ent *me = memo_find(h, decl);
	struct enum_vals ev = { .h = h };
	char *name;
	long long size;
	int id;

	if (me)
		return me->id;
	name = spelling(decl);
	size = clang_Type_getSizeOf(t);
	if (size <= 0)
		size = 4;
	if (!clang_Cursor_isNull(def)) {
		switch (clang_getEnumDeclIntegerType(def).kind) {
		case CXType_Char_S:
		case CXType_SChar:
		case CXType_Short:
		case CXType_Int:
		case CXType_Long:
		case CXType_LongLong:
			ev.is_signed = true;
			break;
		default:
			break;
		}
	}
	ev.is64 = size == 8;
	id = ev.is64 ? btf__add_enum64(h->btf, *name ? name : NULL, size, ev.is_signed) :
		       btf__add_enum(h->btf, *name ? name : NULL, size);
	free(name);
	if (id < 0)
		return wbpf_layout_set_err(-id, "btf__add_enum: %s", strerror(-id));
	ev.id = id;
	if (!clang_Cursor_isNull(def))
		clang_visitChildren(def, add_enum_value, &ev);
	if (ev.err)
		return wbpf_layout_set_err(-ev.err, "btf__add_enum_value: %s", strerror(-ev.err));
	if (!memo_add(h, decl, id))
		return wbpf_layout_set_err(ENOMEM, "out of memory");
	return id;
}

static int conv_typedef(struct hconv *h, CXType t, int depth)
{
	CXCursor decl = clang_getCanonicalCursor(clang_getTypeDeclaration(t));
	struct memo_ent *me = memo_find(h, decl);
	char *name;
	int ref, id;

	if (me)
		return me->id;
	ref = conv(h, clang_getTypedefDeclUnderlyingType(decl), depth + 1);
	if (ref < 0)
		return ref;
	/* converting the target may have converted this typedef already */
	me = memo_find(h, decl);
	if (me)
		return me->id;
	name = spelling(decl);
	id = btf__add_typedef(h->btf, name, ref);
	free(name);
	if (id < 0)
		return wbpf_layout_set_err(-id, "btf__add_typedef: %s", strerror(-id));
	if (!memo_add(h, decl, id))
		return wbpf_layout_set_err(ENOMEM, "out of memory");
	return id;
}

static int conv_proto(struct hconv *h, CXType t, int depth)
{
	int i, n = clang_getNumArgTypes(t), ret, id, *params;

	ret = conv(h, clang_getResultType(t), depth + 1);
	if (ret < 0)
		return ret;
	params = calloc(n > 0 ? n : 1, sizeof(*params));
	if (!params)
		return wbpf_layout_set_err(ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		params[i] = conv(h, clang_getArgType(t, i), depth + 1);
		if (params[i] < 0) {
			id = params[i];
			goto out;
		}
	}
	id = btf__add_func_proto(h->btf, ret);
	for (i = 0; i < n && id > 0; i++) {
		int err = btf__add_func_param(h->btf, NULL, params[i]);

		if (err)
			id = err;
	}
	if (id > 0 && t.kind == CXType_FunctionProto && clang_isFunctionTypeVariadic(t)) {
		int err = btf__add_func_param(h->btf, NULL, 0);

		if (err)
			id = err;
	}
	if (id < 0)
		id = wbpf_layout_set_err(-id, "btf__add_func_proto: %s", strerror(-id));
out:
	free(params);
	return id;
}

static int conv(struct hconv *h, CXType t, int depth)
{
	long long n;
	int ref, id;

	if (depth > MAX_DEPTH)
		return type_err(t, "nested too deeply");
	switch (t.kind) {
	case CXType_Elaborated:
		return conv(h, clang_Type_getNamedType(t), depth + 1);
	case CXType_Typedef:
		return conv_typedef(h, t, depth);
	case CXType_Record:
		return conv_record(h, t, depth);
	case CXType_Enum:
		return conv_enum(h, t);
	case CXType_Pointer: {
		CXType pt = clang_getPointeeType(t);

		/* a pointer needs only the name of a struct it points to: a
		 * forward declaration, not the struct's whole closure */
		while (pt.kind == CXType_Elaborated)
			pt = clang_Type_getNamedType(pt);
		if (pt.kind == CXType_Record) {
			CXCursor decl = clang_getTypeDeclaration(pt);
			char *name = spelling(decl);

			ref = *name ? add_fwd(h, name, decl.kind == CXCursor_UnionDecl) :
				      conv(h, pt, depth + 1);
			free(name);
		} else {
			ref = conv(h, pt, depth + 1);
		}
		/* qualifiers of the pointee, for the comment naming the type */
		if (ref >= 0 && clang_isVolatileQualifiedType(clang_getPointeeType(t)))
			ref = btf__add_volatile(h->btf, ref);
		if (ref >= 0 && clang_isConstQualifiedType(clang_getPointeeType(t)))
			ref = btf__add_const(h->btf, ref);
		if (ref < 0)
			return ref;
		id = btf__add_ptr(h->btf, ref);
		return id < 0 ? wbpf_layout_set_err(-id, "btf__add_ptr: %s", strerror(-id)) : id;
	}
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
		ref = conv(h, clang_getArrayElementType(t), depth + 1);
		if (ref < 0)
			return ref;
		n = t.kind == CXType_ConstantArray ? clang_getArraySize(t) : 0;
		if (n < 0 || n > UINT32_MAX)
			return type_err(t, "has an array size BTF cannot hold");
		id = index_type(h);
		id = id < 0 ? id : btf__add_array(h->btf, id, ref, n);
		return id < 0 ? wbpf_layout_set_err(-id, "btf__add_array: %s", strerror(-id)) : id;
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		return conv_proto(h, t, depth);
	default:
		return conv_builtin(h, t);
	}
}

static int add_root(struct hconv *h, int id)
{
	if (h->nroots == h->roots_cap) {
		int cap = h->roots_cap ? h->roots_cap * 2 : 32;
		void *p = realloc(h->roots, cap * sizeof(*h->roots));

		if (!p)
			return wbpf_layout_set_err(ENOMEM, "out of memory");
		h->roots = p;
		h->roots_cap = cap;
	}
	h->roots[h->nroots++] = id;
	return 0;
}

struct top_ctx {
	struct hconv *h;
	int err;
};

/* The header's own definitions (not those of what it includes). */
static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
	struct top_ctx *tc = data;
	int id;

	(void)parent;
	if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	switch (c.kind) {
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl: {
		char *name;
		bool anon;

		if (!clang_isCursorDefinition(c))
			return CXChildVisit_Continue;
		name = spelling(c);
		anon = !*name;
		free(name);
		if (anon) /* printed inside its typedef or variable */
			return CXChildVisit_Continue;
		break;
	}
	case CXCursor_EnumDecl:
		if (!clang_isCursorDefinition(c))
			return CXChildVisit_Continue;
		break;
	case CXCursor_TypedefDecl:
		break;
	default:
		return CXChildVisit_Continue;
	}
	id = conv(tc->h, clang_getCursorType(c), 0);
	if (id > 0)
		id = add_root(tc->h, id);
	if (id < 0) {
		tc->err = id;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* The first error clang reports, as one line. */
static int parse_error(CXTranslationUnit tu)
{
	unsigned int i, n = clang_getNumDiagnostics(tu);

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		int err = 0;

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXSourceLocation loc = clang_getDiagnosticLocation(d);
			CXString msg = clang_getDiagnosticSpelling(d);
			CXString fname;
			CXFile file;
			unsigned int line, col;

			clang_getSpellingLocation(loc, &file, &line, &col, NULL);
			fname = clang_getFileName(file);
			if (clang_Location_isFromMainFile(loc))
				err = wbpf_layout_set_err(EINVAL, "%u:%u: %s", line, col,
							  clang_getCString(msg));
			else
				err = wbpf_layout_set_err(EINVAL, "%s:%u:%u: %s",
							  clang_getCString(fname) ?: "?", line, col,
							  clang_getCString(msg));
			clang_disposeString(fname);
			clang_disposeString(msg);
		}
		clang_disposeDiagnostic(d);
		if (err)
			return err;
	}
	return 0;
}

struct wbpf_model *wbpf_model__open_header(const char *path, const char *const *clang_args,
					   int nargs, const struct wbpf_model_opts *opts)
{
	static const char *const base_args[] = {
		"-target",
		"bpf",
		"-x",
		"c",
		"-std=gnu11",
#ifdef WBPF_HOST_MULTIARCH_INCLUDE
		/* <asm/types.h> and friends, as libbpf-bootstrap does */
		"-idirafter",
		WBPF_HOST_MULTIARCH_INCLUDE,
#endif
	};
	const int nbase = sizeof(base_args) / sizeof(base_args[0]);
	struct hconv h = { 0 };
	struct top_ctx tc = { .h = &h };
	CXTranslationUnit tu = NULL;
	struct wbpf_model *m = NULL;
	CXIndex index = NULL;
	const char **args;
	int i, err = 0;

	if (access(path, R_OK)) {
		err = errno;
		wbpf_layout_set_err(err, "%s", err == ENOENT ? "no such file" : strerror(err));
		errno = err;
		return NULL;
	}
	args = calloc(nbase + (nargs > 0 ? nargs : 0), sizeof(*args));
	h.btf = btf__new_empty();
	index = clang_createIndex(0, 0);
	if (!args || !h.btf || !index) {
		err = wbpf_layout_set_err(ENOMEM, "out of memory");
		goto out;
	}
	btf__set_pointer_size(h.btf, 8);
	for (i = 0; i < nbase; i++)
		args[i] = base_args[i];
	for (i = 0; i < nargs; i++)
		args[nbase + i] = clang_args[i];
	if (clang_parseTranslationUnit2(index, path, args, nbase + (nargs > 0 ? nargs : 0), NULL, 0,
					CXTranslationUnit_SkipFunctionBodies, &tu)) {
		err = wbpf_layout_set_err(EINVAL, "libclang cannot parse it");
		goto out;
	}
	err = parse_error(tu);
	if (err)
		goto out;
	clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, &tc);
	err = tc.err;
	if (err)
		goto out;
	m = wbpf_model_build(h.btf, h.btf, NULL, opts);
	h.btf = NULL; /* the model owns it now, or freed it */
	if (!m) {
		err = -errno;
		goto out;
	}
	m->roots = h.roots;
	m->nroots = h.nroots;
	h.roots = NULL;
out:
	if (tu)
		clang_disposeTranslationUnit(tu);
	if (index)
		clang_disposeIndex(index);
	btf__free(h.btf);
	free(h.memo);
	free(h.roots);
	free(args);
	if (err) {
		errno = -err;
		return NULL;
	}
	return m;
}
