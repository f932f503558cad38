// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * WIT type expressions and their canonical-ABI layout. The rules are those
 * of the component model's CanonicalABI.md: integers and floats are
 * naturally aligned, bool is one byte, a fixed-length list<T, N> (like a
 * tuple of N Ts) has T's alignment and N times T's size.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wit-internal.h"

void wit_str__printf(struct wit_str *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->err)
		return;
	for (;;) {
		size_t room = s->cap - s->len;

		va_start(ap, fmt);
		n = vsnprintf(s->buf ? s->buf + s->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			s->err = -EINVAL;
			return;
		}
		if ((size_t)n < room) {
			s->len += n;
			return;
		}
		size_t cap = s->cap ? s->cap * 2 : 256;
		char *buf;

		while (cap - s->len <= (size_t)n)
			cap *= 2;
		buf = realloc(s->buf, cap);
		if (!buf) {
			s->err = -ENOMEM;
			return;
		}
		s->buf = buf;
		s->cap = cap;
	}
}

void wit_str__free(struct wit_str *s)
{
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

void wit_type__free(struct wit_type *t)
{
	free(t->text);
	t->text = NULL;
}

int wit_type__prim(struct wit_type *t, const char *name, uint32_t size)
{
	t->text = strdup(name);
	if (!t->text)
		return -ENOMEM;
	t->size = size;
	t->align = size;
	return 0;
}

int wit_type__int(struct wit_type *t, uint32_t size, bool is_signed)
{
	char name[8];

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return -EINVAL;
	snprintf(name, sizeof(name), "%c%u", is_signed ? 's' : 'u', size * 8);
	return wit_type__prim(t, name, size);
}

int wit_type__named(struct wit_type *t, const char *label, uint32_t size, uint32_t align)
{
	size_t len = strlen(label);

	t->text = malloc(len + 2);
	if (!t->text)
		return -ENOMEM;
	/* a keyword is written %keyword (WIT.md, "Identifiers") */
	snprintf(t->text, len + 2, "%s%s", wbpf_wit__is_keyword(label) ? "%" : "", label);
	t->size = size;
	t->align = align;
	return 0;
}

int wit_type__list(struct wit_type *t, const struct wit_type *elem, uint32_t n, bool tuples)
{
	struct wit_str s = {};
	uint32_t i;

	if (!n)
		return -EINVAL; /* WIT has no zero-length fixed list */
	if ((uint64_t)elem->size * n > UINT32_MAX)
		return -E2BIG;
	if (tuples) {
		wit_str__printf(&s, "tuple<");
		for (i = 0; i < n; i++)
			wit_str__printf(&s, "%s%s", i ? ", " : "", elem->text);
		wit_str__printf(&s, ">");
	} else {
		wit_str__printf(&s, "list<%s, %u>", elem->text, n);
	}
	if (s.err) {
		wit_str__free(&s);
		return -ENOMEM;
	}
	t->text = s.buf;
	t->size = elem->size * n;
	t->align = elem->align;
	return 0;
}

int wit_type__units(struct wit_type *t, uint32_t size, uint32_t align, bool tuples)
{
	struct wit_type unit;
	uint32_t u = 8;
	int err;

	while (u > 1 && (size % u || (align ? align : 1) % u))
		u /= 2;
	if ((err = wit_type__int(&unit, u, false)))
		return err;
	if (size == u) {
		*t = unit;
		return 0;
	}
	err = wit_type__list(t, &unit, size / u, tuples);
	wit_type__free(&unit);
	return err;
}
