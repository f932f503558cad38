// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Reading a BPF object for wbpf-skel: its bytes (to embed), libbpf's view of
 * its maps and programs (bpf_object__open_mem(), as bpftool's skeleton
 * generator does), and the layout model of its BTF. The model is built from
 * the BTF libbpf has fixed up at open (data section sizes and variable
 * offsets, .kconfig externs laid out), so the data-section structs match the
 * maps the host's libbpf creates.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "skel-internal.h"
#include "wbpf-layout.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

static int read_file(const char *path, void **buf, size_t *sz)
{
	size_t len = 0, cap = 0, n;
	char *data = NULL, *p;
	FILE *f;
	int err;

	f = fopen(path, "rb");
	if (!f)
		return skel_fail(errno, "%s", strerror(errno));
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 64 * 1024;
			p = realloc(data, cap);
			if (!p) {
				free(data);
				fclose(f);
				return skel_fail(ENOMEM, "out of memory");
			}
			data = p;
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	err = ferror(f) ? errno : 0;
	fclose(f);
	if (err) {
		free(data);
		return skel_fail(err ? err : EIO, "read error: %s", strerror(err ? err : EIO));
	}
	*buf = data;
	*sz = len;
	return 0;
}

/* libelf tells an ELF file from anything else; libbpf checks the rest. */
static int check_elf(void *buf, size_t sz)
{
	GElf_Ehdr ehdr;
	Elf *elf;
	int err = 0;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return skel_fail(EINVAL, "libelf: %s", elf_errmsg(-1));
	elf = elf_memory(buf, sz);
	if (!elf || elf_kind(elf) != ELF_K_ELF)
		err = skel_fail(ENOEXEC, "not an ELF file");
	else if (!gelf_getehdr(elf, &ehdr))
		err = skel_fail(ENOEXEC, "not a valid ELF file: %s", elf_errmsg(-1));
	else if (ehdr.e_machine != EM_BPF)
		err = skel_fail(ENOEXEC,
				"not a BPF object (ELF machine %u; build it with clang "
				"-target bpf)",
				(unsigned int)ehdr.e_machine);
	elf_end(elf);
	return err;
}

/* bpftool's sanitize_identifier(), plus a leading '_' before a digit */
static char *sanitize_ident(const char *s)
{
	size_t i, n = strlen(s);
	char *id = malloc(n + 2), *p = id;

	if (!id)
		return NULL;
	if (s[0] >= '0' && s[0] <= '9')
		*p++ = '_';
	for (i = 0; i < n; i++) {
		char c = s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '_';

		*p++ = ok ? c : '_';
	}
	*p = '\0';
	return id;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int strip_suffix(char *s, const char *sfx)
{
	size_t n = strlen(s), m = strlen(sfx);

	if (n > m && strcmp(s + n - m, sfx) == 0) {
		s[n - m] = '\0';
		return 1;
	}
	return 0;
}

/* "dir/prog.bpf.o" -> "prog" */
static char *name_from_path(const char *path)
{
	char *copy = strdup(base_name(path)), *id;

	if (!copy)
		return NULL;
	strip_suffix(copy, ".o");
	strip_suffix(copy, ".bpf");
	id = sanitize_ident(copy[0] ? copy : "prog");
	free(copy);
	return id;
}

/* libbpf's last warning, for the one-line error when it refuses the object */
static __thread char libbpf_last_warn[256];

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	size_t n;

	if (level != LIBBPF_WARN)
		return 0;
	vsnprintf(libbpf_last_warn, sizeof(libbpf_last_warn), fmt, ap);
	if (strncmp(libbpf_last_warn, "libbpf: ", 8) == 0)
		memmove(libbpf_last_warn, libbpf_last_warn + 8, strlen(libbpf_last_warn + 8) + 1);
	n = strlen(libbpf_last_warn);
	while (n && (libbpf_last_warn[n - 1] == '\n' || libbpf_last_warn[n - 1] == '.'))
		libbpf_last_warn[--n] = '\0';
	return 0;
}

/*
 * An internal map's section: libbpf names the map "<obj prefix>.bss" (or
 * ".data.foo" for custom sections) and finds it again by its section name,
 * which the guest SDK uses since the host opens the object under a name of
 * its own. bpftool's get_map_ident() looks for the same suffixes.
 */
static const char *internal_section(const char *map_name)
{
	static const char *const sfxs[] = { ".data", ".rodata", ".bss", ".kconfig" };
	const char *p;
	size_t i;

	for (i = 0; i < sizeof(sfxs) / sizeof(sfxs[0]); i++) {
		p = strstr(map_name, sfxs[i]);
		if (p)
			return p;
	}
	return NULL;
}

static int collect_maps(struct skel_obj *so)
{
	struct bpf_map *map;
	int n = 0;

	bpf_object__for_each_map (map, so->obj)
		n++;
	so->maps = calloc(n ? n : 1, sizeof(*so->maps));
	if (!so->maps)
		return skel_fail(ENOMEM, "out of memory");
	bpf_object__for_each_map (map, so->obj) {
		struct skel_map *m = &so->maps[so->nmaps++];
		const char *name = bpf_map__name(map);
		const char *sec = bpf_map__is_internal(map) ? internal_section(name) : NULL;
		const struct wbpf_type *t;
		int id;

		m->internal = sec != NULL;
		m->name = strdup(sec ? sec : name);
		m->ident = sanitize_ident(sec ? sec + 1 : name);
		if (!m->name || !m->ident)
			return skel_fail(ENOMEM, "out of memory");
		if (!sec)
			continue;
		/* as bpftool: a pointer only for sections libbpf maps into
		 * memory (not those holding only static variables) */
		if (!(bpf_map__map_flags(map) & BPF_F_MMAPABLE))
			continue;
		id = wbpf_model__find(so->model, sec);
		t = id > 0 ? wbpf_model__type(so->model, id) : NULL;
		if (t && t->kind == WBPF_KIND_DATASEC && t->size > 0)
			m->datasec = id;
	}
	return 0;
}

static int collect_progs(struct skel_obj *so)
{
	struct bpf_program *prog;
	int n = 0;

	bpf_object__for_each_program (prog, so->obj)
		n++;
	if (!n)
		return skel_fail(ENOENT, "no BPF programs (no SEC(\"...\") functions in it)");
	so->progs = calloc(n, sizeof(*so->progs));
	if (!so->progs)
		return skel_fail(ENOMEM, "out of memory");
	bpf_object__for_each_program (prog, so->obj) {
		struct skel_prog *p = &so->progs[so->nprogs++];

		p->name = strdup(bpf_program__name(prog));
		p->sec = strdup(bpf_program__section_name(prog));
		p->type = bpf_program__type(prog);
		p->autoload = bpf_program__autoload(prog);
		if (!p->name || !p->sec)
			return skel_fail(ENOMEM, "out of memory");
	}
	return 0;
}

int skel_obj__open(struct skel_obj *so, const char *path, const char *name)
{
	LIBBPF_OPTS(bpf_object_open_opts, oopts);
	struct wbpf_model_opts mopts = { .sz = sizeof(mopts), .source = path };
	libbpf_print_fn_t old_print;
	const struct btf *btf;
	size_t n;
	int err;

	memset(so, 0, sizeof(*so));
	err = read_file(path, &so->elf, &so->elf_sz);
	if (err)
		return err;
	err = check_elf(so->elf, so->elf_sz);
	if (err)
		return err;

	so->name = name ? sanitize_ident(name) : name_from_path(path);
	so->source = strdup(base_name(path));
	if (!so->name || !so->source)
		return skel_fail(ENOMEM, "out of memory");
	n = strlen(so->name) + sizeof("_bpf");
	so->ident = malloc(n);
	if (!so->ident)
		return skel_fail(ENOMEM, "out of memory");
	snprintf(so->ident, n, "%s_bpf", so->name);

	oopts.object_name = so->ident;
	libbpf_last_warn[0] = '\0';
	old_print = libbpf_set_print(capture_print);
	so->obj = bpf_object__open_mem(so->elf, so->elf_sz, &oopts);
	err = so->obj ? 0 : -errno;
	libbpf_set_print(old_print);
	if (err)
		return skel_fail(-err, "libbpf cannot open it: %s",
				 libbpf_last_warn[0] ? libbpf_last_warn : strerror(-err));

	btf = bpf_object__btf(so->obj);
	if (!btf)
		return skel_fail(ENODATA, "no .BTF section (build the BPF object with clang -g)");
	so->model = wbpf_model__new(btf, &mopts);
	if (!so->model)
		return skel_fail(errno ? errno : EINVAL, "%s", wbpf_layout_errstr());

	err = collect_progs(so);
	if (err)
		return err;
	return collect_maps(so);
}

void skel_obj__close(struct skel_obj *so)
{
	int i;

	for (i = 0; i < so->nmaps; i++) {
		free(so->maps[i].name);
		free(so->maps[i].ident);
	}
	for (i = 0; i < so->nprogs; i++) {
		free(so->progs[i].name);
		free(so->progs[i].sec);
	}
	free(so->maps);
	free(so->progs);
	/* the model refers to the object's BTF: free it first */
	wbpf_model__free(so->model);
	bpf_object__close(so->obj);
	free(so->elf);
	free(so->name);
	free(so->ident);
	free(so->source);
	memset(so, 0, sizeof(*so));
}
