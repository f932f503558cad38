// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * One reader of WebAssembly modules for both engines (see wasm-module.h):
 * wabt's binary reader and validator (Debian wabt 1.0.32), then the host's
 * own rules. C++ exceptions never leave this file through the C API.
 */
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include <wabt/binary-reader.h>
#include <wabt/error.h>
#include <wabt/feature.h>
#include <wabt/interp/binary-reader-interp.h>

#include "errmsg.h"
#include "wasm-module.h"

using namespace wabt;
using namespace wabt::interp;

/* A function type in the import tables' letters: i, I, f, F. */
static std::string letters(const ValueTypes &types)
{
	std::string s;

	for (const auto &t : types) {
		switch (t) {
		case Type::I32:
			s += 'i';
			break;
		case Type::I64:
			s += 'I';
			break;
		case Type::F32:
			s += 'f';
			break;
		case Type::F64:
			s += 'F';
			break;
		default:
			s += '?';
			break;
		}
	}
	return s;
}

static int check_memories(ModuleDesc *desc, char *err, size_t err_sz)
{
	/* a guest may not make the host allocate more than the cap */
	for (auto &mem : desc->memories) {
		Limits &lim = mem.type.limits;

		if (lim.initial > WBPF_MAX_MEMORY_PAGES)
			return wbpf_set_err(
				err, err_sz, -ENOMEM,
				"the module needs %llu MiB of memory, more than the %u MiB allowed",
				(unsigned long long)lim.initial / 16, WBPF_MAX_MEMORY_PAGES / 16);
		if (!lim.has_max || lim.max > WBPF_MAX_MEMORY_PAGES) {
			lim.has_max = true;
			lim.max = WBPF_MAX_MEMORY_PAGES;
		}
	}
	return 0;
}

static int check_imports(const ModuleDesc &desc, std::vector<const struct wbpf_import *> *out,
			 char *err, size_t err_sz)
{
	for (const auto &import : desc.imports) {
		const ImportType &it = import.type;
		const struct wbpf_import *imp;
		std::string params, results;
		const char *kind = nullptr;
		int ret;

		if (it.type->kind == ExternKind::Func) {
			const FuncType &ft = *cast<FuncType>(it.type.get());

			params = letters(ft.params);
			results = letters(ft.results);
		} else {
			kind = GetName(it.type->kind);
		}
		ret = wbpf_import__resolve(it.module.c_str(), it.name.c_str(), kind, params.c_str(),
					   results.c_str(), &imp, err, err_sz);
		if (ret)
			return ret;
		out->push_back(imp);
	}
	return 0;
}

static int check_start(const ModuleDesc &desc, char *err, size_t err_sz)
{
	for (const auto &ex : desc.exports) {
		if (ex.type.name != "_start" || ex.type.type->kind != ExternKind::Func)
			continue;
		const FuncType &ft = *cast<FuncType>(ex.type.type.get());
		if (!ft.params.empty() || !ft.results.empty())
			return wbpf_set_err(err, err_sz, -EINVAL,
					    "_start must take and return nothing");
		return 0;
	}
	return wbpf_set_err(err, err_sz, -ENOENT, "no _start function: not a WASI command module");
}

int wbpf_wasm__read(const void *bytes, size_t len, ModuleDesc *desc,
		    std::vector<const struct wbpf_import *> *imports, char *err, size_t err_sz)
{
	Features features;
	ReadBinaryOptions opts(features, nullptr, false, true, false);
	Errors errors;
	int ret;

	if (len < 8 || memcmp(bytes, "\0asm", 4) != 0)
		return wbpf_set_err(err, err_sz, -ENOEXEC,
				    "not a WebAssembly module (no \\0asm header)");
	if (Failed(ReadBinaryInterp("module", bytes, len, opts, &errors, desc))) {
		std::string msg = errors.empty() ? "unknown error" : errors.front().message;
		return wbpf_set_err(err, err_sz, -ENOEXEC, "invalid WebAssembly module: %s",
				    msg.c_str());
	}
	ret = check_memories(desc, err, err_sz);
	if (!ret)
		ret = check_imports(*desc, imports, err, err_sz);
	if (!ret)
		ret = check_start(*desc, err, err_sz);
	return ret;
}

void wbpf_wasm_info__free(struct wbpf_wasm_info *info)
{
	size_t i;

	if (!info)
		return;
	for (i = 0; i < info->nimports; i++) {
		free(info->imports[i].module);
		free(info->imports[i].name);
	}
	free(info->imports);
	free(info);
}

static int inspect(const void *bytes, size_t len, struct wbpf_wasm_info **out, char *err,
		   size_t err_sz)
{
	std::vector<const struct wbpf_import *> imps;
	struct wbpf_wasm_info *info;
	ModuleDesc desc;
	size_t i;
	int ret;

	ret = wbpf_wasm__read(bytes, len, &desc, &imps, err, err_sz);
	if (ret)
		return ret;
	info = (struct wbpf_wasm_info *)calloc(1, sizeof(*info));
	if (!info)
		throw std::bad_alloc();
	info->imports = (struct wbpf_wasm_import *)calloc(imps.size() + 1, sizeof(*info->imports));
	if (!info->imports) {
		free(info);
		throw std::bad_alloc();
	}
	if (!desc.memories.empty())
		info->memory_pages = (uint32_t)desc.memories[0].type.limits.initial;
	for (i = 0; i < imps.size(); i++) {
		struct wbpf_wasm_import *wi = &info->imports[info->nimports++];

		wi->module = strdup(desc.imports[i].type.module.c_str());
		wi->name = strdup(desc.imports[i].type.name.c_str());
		wi->imp = imps[i];
		if (!wi->module || !wi->name) {
			wbpf_wasm_info__free(info);
			throw std::bad_alloc();
		}
	}
	*out = info;
	return 0;
}

extern "C" int wbpf_wasm__inspect(const void *bytes, size_t len, struct wbpf_wasm_info **out,
				  char *err, size_t err_sz)
{
	try {
		return inspect(bytes, len, out, err, err_sz);
	} catch (const std::bad_alloc &) {
		return wbpf_set_err(err, err_sz, -ENOMEM, "out of memory reading the module");
	} catch (...) {
		return wbpf_set_err(err, err_sz, -EINVAL, "cannot read the module");
	}
}
