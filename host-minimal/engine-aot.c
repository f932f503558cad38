// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The engine adapter for ahead-of-time compiled modules (.aot files, see
 * aot-glue.h). Thin, like the interpreter's: it checks the file's
 * descriptor with libelf before any of its code is loaded, loads it with
 * dlopen() from the very descriptor it checked (/proc/self/fd), resolves
 * the module's imports against the host's tables exactly as the
 * interpreter does, and hands the instance's entry points to the
 * engine-neutral code.
 */
#include <dlfcn.h>
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wbpf-abi.h>

#include "aot-glue.h"
#include "engine-aot.h"
#include "engine.h"
#include "errmsg.h"
#include "imports.h"
#include "wasm-module.h"

#if defined(__x86_64__)
#define HOST_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define HOST_MACHINE EM_AARCH64
#else
#error "wasm-bpf: ahead-of-time modules: unknown host machine"
#endif

struct wbpf_engine {
	struct wbpf_vm *vm;
	void *dl;
	const struct wbpf_aot_module *mod;
	void *inst;
	const void **imports;
	struct wbpf_aot_host host;
};

/* The note in a section's data: 0 and *out, or -ENOENT. */
static int find_note(Elf_Data *data, struct wbpf_aot_note *out)
{
	size_t off = 0, name_off, desc_off;
	GElf_Nhdr nhdr;

	while ((off = gelf_getnote(data, off, &nhdr, &name_off, &desc_off)) > 0) {
		if (nhdr.n_type == WBPF_AOT_NOTE_TYPE &&
		    nhdr.n_namesz == sizeof(WBPF_AOT_NOTE_OWNER) &&
		    memcmp((char *)data->d_buf + name_off, WBPF_AOT_NOTE_OWNER,
			   sizeof(WBPF_AOT_NOTE_OWNER)) == 0 &&
		    nhdr.n_descsz == sizeof(*out)) {
			memcpy(out, (char *)data->d_buf + desc_off, sizeof(*out));
			return 0;
		}
	}
	return -ENOENT;
}

static int read_note(Elf *elf, struct wbpf_aot_note *note, char *err, size_t err_sz)
{
	Elf_Scn *scn = NULL;
	GElf_Ehdr ehdr;
	GElf_Shdr shdr;
	size_t shstrndx;
	const char *name;

	if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &ehdr))
		return wbpf_set_err(err, err_sz, -ENOEXEC, "not an ELF file");
	if (ehdr.e_ident[EI_CLASS] != ELFCLASS64 || ehdr.e_machine != HOST_MACHINE ||
	    ehdr.e_type != ET_DYN)
		return wbpf_set_err(err, err_sz, -ENOEXEC,
				    "not an ahead-of-time module for this machine (ELF type %u, "
				    "machine %u)",
				    ehdr.e_type, ehdr.e_machine);
	if (elf_getshdrstrndx(elf, &shstrndx))
		return wbpf_set_err(err, err_sz, -ENOEXEC, "a damaged ELF file: %s",
				    elf_errmsg(-1));
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_NOTE)
			continue;
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!name || strcmp(name, WBPF_AOT_NOTE_SECTION) != 0)
			continue;
		if (find_note(elf_getdata(scn, NULL), note) == 0)
			return 0;
	}
	return wbpf_set_err(err, err_sz, -ENOEXEC,
			    "not an ahead-of-time module of wbpf (no " WBPF_AOT_NOTE_SECTION
			    " descriptor): a shared object from elsewhere is never loaded");
}

int wbpf_aot__read_note(const void *bytes, size_t len, struct wbpf_aot_note *note, char *err,
			size_t err_sz)
{
	Elf *elf;
	int ret;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return wbpf_set_err(err, err_sz, -EINVAL, "libelf: %s", elf_errmsg(-1));
	elf = elf_memory((char *)bytes, len);
	if (!elf)
		return wbpf_set_err(err, err_sz, -ENOEXEC, "not an ELF file: %s", elf_errmsg(-1));
	ret = read_note(elf, note, err, err_sz);
	elf_end(elf);
	if (ret)
		return ret;
	if (memcmp(note->magic, WBPF_AOT_MAGIC, sizeof(note->magic)) != 0)
		return wbpf_set_err(err, err_sz, -ENOEXEC,
				    "not an ahead-of-time module of wbpf (bad descriptor)");
	if (note->format != WBPF_AOT_FORMAT)
		return wbpf_set_err(
			err, err_sz, -ENOEXEC,
			"made by another version of wbpf (AOT format %u, this host's is %u): "
			"compile it again with wbpf aot",
			note->format, WBPF_AOT_FORMAT);
	if (note->abi_version != WBPF_ABI_VERSION)
		return wbpf_set_err(
			err, err_sz, -ENOEXEC,
			"compiled for wbpf ABI version %u, this host's is %u: compile it "
			"again with wbpf aot",
			note->abi_version, WBPF_ABI_VERSION);
	return 0;
}

static int aot_dispatch(void *vm, const void *imp, const uint64_t *args, uint64_t *ret)
{
	return wbpf_vm__dispatch(vm, imp, args, ret);
}

static void aot_trap(void *vm, const char *msg)
{
	wbpf_vm__trap(vm, "%s", msg);
}

static void engine_free(struct wbpf_engine *e)
{
	if (!e)
		return;
	if (e->inst)
		e->mod->free(e->inst);
	if (e->dl)
		dlclose(e->dl);
	free(e->imports);
	free(e);
}

/* The module's imports, each resolved and checked as the interpreter
 * checks them. */
static int resolve_imports(struct wbpf_engine *e, char *err, size_t err_sz)
{
	const struct wbpf_aot_module *mod = e->mod;
	const struct wbpf_import *imp;
	uint32_t i;
	int ret;

	e->imports = calloc(mod->nimports + 1, sizeof(*e->imports));
	if (!e->imports)
		return wbpf_set_err(err, err_sz, -ENOMEM, "out of memory");
	for (i = 0; i < mod->nimports; i++) {
		const struct wbpf_aot_import *ai = &mod->imports[i];

		ret = wbpf_import__resolve(ai->module, ai->name, NULL, ai->params, ai->results,
					   &imp, err, err_sz);
		if (ret)
			return ret;
		e->imports[i] = imp;
	}
	return 0;
}

static int aot_load(struct wbpf_vm *vm, const void *bytes, size_t len, struct wbpf_engine **out,
		    char *err, size_t err_sz)
{
	struct wbpf_aot_note note;
	struct wbpf_engine *e;
	char path[64];
	int ret;

	ret = wbpf_aot__read_note(bytes, len, &note, err, err_sz);
	if (ret)
		return ret;
	if (vm->module_fd < 0)
		return wbpf_set_err(err, err_sz, -EBADF, "no file to load the module from");
	e = calloc(1, sizeof(*e));
	if (!e)
		return wbpf_set_err(err, err_sz, -ENOMEM, "out of memory");
	e->vm = vm;
	/* the file whose bytes were checked, not whatever has its name now */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", vm->module_fd);
	e->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!e->dl) {
		ret = wbpf_set_err(err, err_sz, -ENOEXEC, "cannot load the module: %s", dlerror());
		goto fail;
	}
	e->mod = dlsym(e->dl, WBPF_AOT_SYMBOL);
	if (!e->mod || e->mod->format != note.format || e->mod->abi_version != note.abi_version ||
	    memcmp(e->mod->module_sha256, note.module_sha256, sizeof(note.module_sha256)) != 0) {
		ret = wbpf_set_err(err, err_sz, -ENOEXEC,
				   "the module's code does not match its " WBPF_AOT_NOTE_SECTION
				   " descriptor");
		goto fail;
	}
	if (e->mod->memory_pages > WBPF_MAX_MEMORY_PAGES) {
		ret = wbpf_set_err(
			err, err_sz, -ENOMEM,
			"the module needs %u MiB of memory, more than the %u MiB allowed",
			e->mod->memory_pages / 16, WBPF_MAX_MEMORY_PAGES / 16);
		goto fail;
	}
	ret = resolve_imports(e, err, err_sz);
	if (ret)
		goto fail;
	e->host.vm = vm;
	e->host.dispatch = aot_dispatch;
	e->host.imports = e->imports;
	e->host.trap = aot_trap;
	e->host.max_memory_pages = WBPF_MAX_MEMORY_PAGES;
	/* instantiation may run a start function that calls the host */
	*out = e;
	vm->engine = e;
	e->inst = e->mod->instantiate(&e->host, err, err_sz);
	if (!e->inst) {
		if (vm->trapped || vm->exited)
			wbpf_set_err(err, err_sz, -EINVAL, "cannot instantiate: %s", vm->trap_msg);
		vm->engine = NULL;
		*out = NULL;
		ret = -EINVAL;
		goto fail;
	}
	return 0;
fail:
	engine_free(e);
	return ret;
}

static int aot_run_start(struct wbpf_engine *e)
{
	return e->mod->run_start(e->inst) ? WBPF_TRAP : 0;
}

static uint8_t *aot_memory(struct wbpf_engine *e, uint64_t *size)
{
	return e->mod->memory(e->inst, size);
}

static int aot_check_cb(struct wbpf_engine *e, uint32_t idx)
{
	/* as the interpreter, which has no table before its instance */
	if (!e->inst)
		return -EINVAL;
	return e->mod->check_cb(e->inst, idx);
}

static int aot_call_cb(struct wbpf_engine *e, uint32_t idx, uint32_t a, uint32_t b, uint32_t c,
		       int32_t *ret)
{
	int err = e->mod->call_cb(e->inst, idx, a, b, c, ret);

	return err == WBPF_AOT_TRAP ? WBPF_TRAP : err;
}

const struct wbpf_engine_ops wbpf_engine_aot = {
	.name = "aot",
	.per_record = false,
	.load = aot_load,
	.run_start = aot_run_start,
	.memory = aot_memory,
	.check_cb = aot_check_cb,
	.call_cb = aot_call_cb,
	.free = engine_free,
};
