// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The import tables, expanded from the two .def files. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <wbpf-abi.h>

#include "imports.h"

static const struct wbpf_import imports[] = {
#define WBPF_IMPORT(name, params, result, c_result, c_params) \
	{ WBPF_IMPORT_MODULE, #name, params, result, wbpf_abi_##name, WBPF_IMPORT_ABI },
#include "wasm-bpf-abi.def"
#undef WBPF_IMPORT
#define WBPF_WASI(name, params, result) \
	{ WBPF_WASI_MODULE, #name, params, result, wbpf_wasi_##name, WBPF_IMPORT_WASI },
#include "wasi.def"
#undef WBPF_WASI
};

const struct wbpf_import *wbpf_import__find(const char *module, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(imports) / sizeof(imports[0]); i++) {
		if (strcmp(imports[i].module, module) == 0 && strcmp(imports[i].name, name) == 0)
			return &imports[i];
	}
	return NULL;
}

const struct wbpf_import *wbpf_import__at(size_t i)
{
	return i < sizeof(imports) / sizeof(imports[0]) ? &imports[i] : NULL;
}

static const char *type_name(char c)
{
	switch (c) {
	case 'i':
		return "i32";
	case 'I':
		return "i64";
	case 'f':
		return "f32";
	case 'F':
		return "f64";
	default:
		return "?";
	}
}

static void append_types(const char *types, char *buf, size_t sz, size_t *len)
{
	const char *t;
	int n;

	for (t = types; *t; t++) {
		n = snprintf(buf + *len, sz - *len, "%s%s", t == types ? "" : ", ", type_name(*t));
		if (n < 0 || (size_t)n >= sz - *len) {
			*len = sz - 1;
			return;
		}
		*len += n;
	}
}

int wbpf_import__resolve(const char *module, const char *name, const char *kind, const char *params,
			 const char *results, const struct wbpf_import **out, char *err,
			 size_t err_sz)
{
	const struct wbpf_import *imp;
	char want[128], have[128];

	if (kind) {
		snprintf(err, err_sz, "import %s.%s is a %s; the host provides only functions",
			 module, name, kind);
		return -EINVAL;
	}
	imp = wbpf_import__find(module, name);
	if (!imp) {
		snprintf(err, err_sz, "unknown import %s.%s (the host does not provide it)", module,
			 name);
		return -ENOENT;
	}
	if (strcmp(params, imp->params) != 0 || strcmp(results, imp->results) != 0) {
		wbpf_import__sig_str(params, results, have, sizeof(have));
		wbpf_import__sig_str(imp->params, imp->results, want, sizeof(want));
		snprintf(err, err_sz, "import %s.%s has type %s, the host's is %s", module, name,
			 have, want);
		return -EINVAL;
	}
	*out = imp;
	return 0;
}

void wbpf_import__sig_str(const char *params, const char *results, char *buf, size_t sz)
{
	size_t len = 0;

	if (!sz)
		return;
	buf[0] = 0;
	snprintf(buf, sz, "(");
	len = strlen(buf);
	append_types(params, buf, sz, &len);
	snprintf(buf + len, sz - len, ") -> (");
	len = strlen(buf);
	append_types(results, buf, sz, &len);
	snprintf(buf + len, sz - len, ")");
}
