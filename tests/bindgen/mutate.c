// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * mutate: the layout core on damaged BTF. The .BTF of each object given is
 * damaged a few bytes at a time (a fixed seed: the same runs every time) and
 * handed to wbpf_model__new() and the C printer. Every run must end in a
 * model that prints, or in NULL with an errno and a one-line message --
 * never a crash, a hang or a message spanning lines.
 *
 * usage: mutate RUNS OBJECT...
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "wbpf-cemit.h"
#include "wbpf-layout.h"

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list args)
{
	(void)level;
	(void)fmt;
	(void)args;
	return 0;
}

int main(int argc, char **argv)
{
	int runs, a, r, parsed = 0, modeled = 0, refused = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: mutate RUNS OBJECT...\n");
		return 2;
	}
	libbpf_set_print(quiet);
	runs = atoi(argv[1]);
	for (a = 2; a < argc; a++) {
		struct btf *orig = btf__parse_elf(argv[a], NULL);
		const void *raw;
		uint32_t size;
		unsigned char *buf;

		if (!orig) {
			fprintf(stderr, "mutate: %s: %s\n", argv[a], strerror(errno));
			return 1;
		}
		raw = btf__raw_data(orig, &size);
		buf = malloc(size);
		if (!raw || !buf)
			return 1;
		for (r = 0; r < runs; r++) {
			struct wbpf_model_opts mo = { .sz = sizeof(mo) };
			struct wbpf_cemit_opts eo = { .sz = sizeof(eo) };
			struct wbpf_model *m;
			struct wbpf_cemit *e;
			struct btf *btf;
			uint32_t *ids;
			char *out = NULL;
			size_t len = 0;
			int k, n, flips = 1 + next_rand() % 6;

			memcpy(buf, raw, size);
			/* the 24-byte header mostly intact, or libbpf refuses
			 * everything and nothing of ours runs */
			for (k = 0; k < flips; k++)
				buf[24 + next_rand() % (size - 24)] = next_rand();
			btf = btf__new(buf, size);
			if (!btf)
				continue;
			parsed++;
			m = wbpf_model__new(btf, &mo);
			if (!m) {
				const char *msg = wbpf_layout_errstr();

				if (errno <= 0 || !*msg || strchr(msg, '\n')) {
					fprintf(stderr,
						"mutate: %s run %d: errno %d, message '%s'\n",
						argv[a], r, errno, msg);
					return 1;
				}
				refused++;
				btf__free(btf);
				continue;
			}
			modeled++;
			eo.file = open_memstream(&out, &len);
			e = wbpf_cemit__new(m, &eo);
			n = wbpf_model__order(m, NULL, 0, &ids);
			k = e && n >= 0 ? wbpf_cemit__emit_types(e, ids, n) : -1;
			if (k) {
				FILE *f = fopen("mutate-failed.btf", "wb");

				if (f) {
					fwrite(buf, 1, size, f);
					fclose(f);
				}
				fprintf(stderr,
					"mutate: %s run %d: a model that does not print (%d, %d); "
					"the BTF is in mutate-failed.btf\n",
					argv[a], r, n, k);
				return 1;
			}
			fclose(eo.file);
			free(out);
			free(ids);
			wbpf_cemit__free(e);
			wbpf_model__free(m);
			btf__free(btf);
		}
		free(buf);
		btf__free(orig);
	}
	printf("ok: %d damaged BTFs parsed by libbpf: %d refused with one line, %d modeled and "
	       "printed\n",
	       parsed, refused, modeled);
	return parsed > 0 && refused > 0 && modeled > 0 ? 0 : 1;
}
