// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The engine adapter for wabt's interpreter (Debian wabt 1.0.32,
 * wabt/interp/interp.h). Thin on purpose: it reads the module, binds every
 * import to wbpf_vm__dispatch(), and offers memory, "call table entry N" and
 * _start to the engine-neutral C code. C++ exceptions never leave this file.
 */
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include <wabt/interp/interp.h>

extern "C" {
#include "engine.h"
#include "imports.h"
}
#include "errmsg.h"
#include "wasm-module.h"

using namespace wabt;
using namespace wabt::interp;

struct wbpf_engine {
	explicit wbpf_engine(struct wbpf_vm *v) : vm(v)
	{
	}

	struct wbpf_vm *vm;
	Store store;
	Module::Ptr module;
	Instance::Ptr instance;
	Memory::Ptr memory;
	Table::Ptr table;
	Func::Ptr start;
	std::vector<HostFunc::Ptr> host_funcs;
	/* The interpreter thread running the guest: callbacks re-enter it. */
	Thread *thread = nullptr;
	/* Reused for every callback: the per-record path allocates nothing. */
	Values cb_params = Values(3);
	Values cb_results = Values(1);
	Ref cb_ref = Ref::Null;
	Func::Ptr cb_func;
};

static Result call_host(struct wbpf_engine *e, const struct wbpf_import *imp, Thread &thread,
			const Values &params, Values &results, Trap::Ptr *out_trap)
{
	uint64_t args[16];
	uint64_t ret = 0;
	Thread *outer = e->thread;
	size_t i;
	int err;

	for (i = 0; i < params.size() && i < 16; i++)
		args[i] = imp->params[i] == 'I' ? params[i].Get<u64>() : params[i].Get<u32>();
	e->thread = &thread;
	err = wbpf_vm__dispatch(e->vm, imp, args, &ret);
	e->thread = outer;
	if (err) {
		*out_trap = Trap::New(thread.store(), e->vm->trap_msg);
		return Result::Error;
	}
	if (imp->results[0] == 'I')
		results[0] = Value::Make(static_cast<u64>(ret));
	else if (imp->results[0] == 'i')
		results[0] = Value::Make(static_cast<u32>(ret));
	return Result::Ok;
}

/* Every import, already resolved and type checked by wbpf_wasm__read(), is
 * bound to the host's dispatcher. */
static void bind_imports(struct wbpf_engine *e, const std::vector<const struct wbpf_import *> &imps,
			 RefVec &imports)
{
	size_t i;

	for (i = 0; i < imps.size(); i++) {
		const struct wbpf_import *imp = imps[i];
		const ImportType &it = e->module->desc().imports[i].type;
		const FuncType &ft = *cast<FuncType>(it.type.get());
		auto fn = HostFunc::New(e->store, ft,
					[e, imp](Thread &thread, const Values &p, Values &r,
						 Trap::Ptr *trap) -> Result {
						return call_host(e, imp, thread, p, r, trap);
					});
		e->host_funcs.push_back(fn);
		imports.push_back(fn.ref());
	}
}

static int find_exports(struct wbpf_engine *e, char *err, size_t err_sz)
{
	const ModuleDesc &desc = e->module->desc();
	size_t i;

	for (i = 0; i < desc.exports.size(); i++) {
		const ExportDesc &ex = desc.exports[i];
		Ref ref = e->instance->exports()[i];

		if (ex.type.name == "_start" && ex.type.type->kind == ExternKind::Func)
			e->start = e->store.UnsafeGet<Func>(ref);
		else if (ex.type.name == "memory" && ex.type.type->kind == ExternKind::Memory)
			e->memory = e->store.UnsafeGet<Memory>(ref);
	}
	if (!e->start) {
		/* wbpf_wasm__read() checked the export: not reached */
		return wbpf_set_err(err, err_sz, -ENOENT, "cannot find _start");
	}
	if (!e->memory && !e->instance->memories().empty())
		e->memory = e->store.UnsafeGet<Memory>(e->instance->memories()[0]);
	if (!e->instance->tables().empty())
		e->table = e->store.UnsafeGet<Table>(e->instance->tables()[0]);
	return 0;
}

static int interp_load_inner(struct wbpf_vm *vm, const void *bytes, size_t len,
			     struct wbpf_engine **out, char *err, size_t err_sz)
{
	auto e = new wbpf_engine(vm);
	std::vector<const struct wbpf_import *> imps;
	ModuleDesc desc;
	RefVec imports;
	Trap::Ptr trap;
	int ret;

	ret = wbpf_wasm__read(bytes, len, &desc, &imps, err, err_sz);
	if (ret) {
		delete e;
		return ret;
	}
	e->module = Module::New(e->store, std::move(desc));
	bind_imports(e, imps, imports);
	/* Instantiation may run a start function that calls the host. */
	*out = e;
	vm->engine = e;
	e->instance = Instance::Instantiate(e->store, e->module.ref(), imports, &trap);
	if (!e->instance) {
		wbpf_set_err(err, err_sz, -EINVAL, "cannot instantiate: %s",
			     vm->trapped || vm->exited ? vm->trap_msg :
			     trap		       ? trap->message().c_str() :
							 "?");
		vm->engine = nullptr;
		*out = nullptr;
		delete e;
		return -EINVAL;
	}
	ret = find_exports(e, err, err_sz);
	if (ret) {
		vm->engine = nullptr;
		*out = nullptr;
		delete e;
		return ret;
	}
	return 0;
}

static int interp_load(struct wbpf_vm *vm, const void *bytes, size_t len, struct wbpf_engine **out,
		       char *err, size_t err_sz)
{
	try {
		return interp_load_inner(vm, bytes, len, out, err, err_sz);
	} catch (const std::bad_alloc &) {
		return wbpf_set_err(err, err_sz, -ENOMEM, "out of memory loading the module");
	} catch (...) {
		return wbpf_set_err(err, err_sz, -EINVAL, "cannot load the module");
	}
}

static void trap_from(struct wbpf_engine *e, const Trap::Ptr &trap)
{
	/* A trap raised by a host call already left its reason in the vm. */
	if (!e->vm->trapped && !e->vm->exited)
		wbpf_vm__trap(e->vm, "%s", trap ? trap->message().c_str() : "trap");
}

static int interp_run_start(struct wbpf_engine *e)
{
	try {
		Thread thread(e->store);
		Values params, results;
		Trap::Ptr trap;

		e->thread = &thread;
		Result r = e->start->Call(thread, params, results, &trap);
		e->thread = nullptr;
		if (Failed(r)) {
			trap_from(e, trap);
			return WBPF_TRAP;
		}
		return 0;
	} catch (const std::bad_alloc &) {
		e->thread = nullptr;
		return wbpf_vm__trap(e->vm, "out of host memory");
	}
}

static uint8_t *interp_memory(struct wbpf_engine *e, uint64_t *size)
{
	if (!e->memory || e->memory->ByteSize() == 0) {
		*size = 0;
		return nullptr;
	}
	*size = e->memory->ByteSize();
	return e->memory->UnsafeData();
}

static bool is_cb_type(const FuncType &t)
{
	return t.params.size() == 3 && t.params[0] == Type::I32 && t.params[1] == Type::I32 &&
	       t.params[2] == Type::I32 && t.results.size() == 1 && t.results[0] == Type::I32;
}

static int lookup_cb(struct wbpf_engine *e, uint32_t idx)
{
	Ref ref;

	if (!e->table || Failed(e->table->Get(idx, &ref)) || ref == Ref::Null)
		return -EINVAL;
	if (ref == e->cb_ref)
		return 0;
	if (!e->store.Is<Func>(ref))
		return -EINVAL;
	Func::Ptr fn = e->store.UnsafeGet<Func>(ref);
	if (!is_cb_type(fn->type()))
		return -EINVAL;
	e->cb_ref = ref;
	e->cb_func = fn;
	return 0;
}

static int interp_check_cb(struct wbpf_engine *e, uint32_t idx)
{
	try {
		return lookup_cb(e, idx);
	} catch (...) {
		return -ENOMEM;
	}
}

static int interp_call_cb(struct wbpf_engine *e, uint32_t idx, uint32_t a, uint32_t b, uint32_t c,
			  int32_t *ret)
{
	try {
		Trap::Ptr trap;
		int err;

		if (!e->thread)
			return -EINVAL;
		err = lookup_cb(e, idx);
		if (err)
			return err;
		e->cb_params[0] = Value::Make(a);
		e->cb_params[1] = Value::Make(b);
		e->cb_params[2] = Value::Make(c);
		if (Failed(e->cb_func->Call(*e->thread, e->cb_params, e->cb_results, &trap))) {
			trap_from(e, trap);
			return WBPF_TRAP;
		}
		*ret = static_cast<int32_t>(e->cb_results[0].Get<u32>());
		return 0;
	} catch (const std::bad_alloc &) {
		return wbpf_vm__trap(e->vm, "out of host memory");
	}
}

static void interp_free(struct wbpf_engine *e)
{
	delete e;
}

extern "C" const struct wbpf_engine_ops wbpf_engine_interp = {
	"interp",	 true,		 interp_load, interp_run_start, interp_memory,
	interp_check_cb, interp_call_cb, interp_free,
};
