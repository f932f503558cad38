// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * print-sections: the data sections of a BPF object printed with the C
 * printer's API the way wbpf-skel uses it -- the types the sections use,
 * then each DATASEC as `struct <obj>_bpf__<section>` under a name chosen
 * here -- for the golden test of DATASEC printing.
 *
 * usage: print-sections OBJECT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wbpf-cemit.h"
#include "wbpf-layout.h"

/* "<stem>_bpf__<section without dots>": .bss -> prog_bpf__bss */
static void section_name(char *buf, size_t sz, const char *obj, const char *sec)
{
	const char *b = strrchr(obj, '/');
	size_t n, i = 0;

	b = b ? b + 1 : obj;
	n = strcspn(b, ".");
	i = snprintf(buf, sz, "%.*s_bpf_", (int)n, b);
	for (; *sec && i + 1 < sz; sec++)
		buf[i++] = (*sec >= 'a' && *sec <= 'z') || (*sec >= 'A' && *sec <= 'Z') ||
					   (*sec >= '0' && *sec <= '9') ?
				   *sec :
				   '_';
	buf[i] = 0;
}

int main(int argc, char **argv)
{
	struct wbpf_model_opts mo = { .sz = sizeof(mo) };
	struct wbpf_cemit_opts eo = { .sz = sizeof(eo), .file = stdout, .type_guards = true };
	uint32_t id, cnt, *roots = NULL, *ids;
	struct wbpf_cemit *e;
	struct wbpf_model *m;
	int i, n, nroots = 0, err = 0;
	char name[256];

	if (argc != 2) {
		fprintf(stderr, "usage: print-sections OBJECT\n");
		return 2;
	}
	m = wbpf_model__open(argv[1], &mo);
	if (!m) {
		fprintf(stderr, "print-sections: %s: %s\n", argv[1], wbpf_layout_errstr());
		return 1;
	}
	cnt = wbpf_model__type_cnt(m);
	roots = calloc(cnt, sizeof(*roots));
	for (id = 1; roots && id < cnt; id++) {
		const struct wbpf_type *t = wbpf_model__type(m, id);

		if (t->id == id && t->kind == WBPF_KIND_DATASEC && t->nmembers)
			roots[nroots++] = id;
	}
	/* one order for all sections: each type the sections use once */
	n = wbpf_model__order(m, roots, nroots, &ids);
	e = wbpf_cemit__new(m, &eo);
	if (!roots || n < 0 || !e) {
		fprintf(stderr, "print-sections: %s: cannot order the types\n", argv[1]);
		return 1;
	}
	wbpf_cemit__emit_prologue(e, "print-sections",
				  strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1],
				  "__SECTIONS_H");
	for (i = 0; i < n && !err; i++) {
		const struct wbpf_type *t = wbpf_model__type(m, ids[i]);

		if (t->kind != WBPF_KIND_DATASEC) {
			err = wbpf_cemit__emit_types(e, &ids[i], 1);
			continue;
		}
		section_name(name, sizeof(name), argv[1], t->name);
		printf("/* %s */\n", t->name);
		err = wbpf_cemit__emit_def(e, ids[i], name);
		err = err ?: wbpf_cemit__emit_asserts(e, ids[i], name);
		printf("\n");
	}
	wbpf_cemit__emit_epilogue(e, "__SECTIONS_H");
	wbpf_cemit__free(e);
	wbpf_model__free(m);
	free(ids);
	free(roots);
	if (err) {
		fprintf(stderr, "print-sections: %s: printing failed (%d)\n", argv[1], err);
		return 1;
	}
	return 0;
}
