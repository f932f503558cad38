// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wit-names.h"

/* The keywords of the WIT lexer (wit-parser, as bundled in
 * @bytecodealliance/jco-transpile 0.15.0), checked one by one against that
 * parser by tests/wit: each of them is rejected as a bare identifier. */
static const char *const wit_keywords[] = {
	"as",	    "async",	     "bool",   "borrow", "char",    "constructor",
	"enum",	    "error-context", "export", "f32",	 "f64",	    "flags",
	"from",	    "func",	     "future", "import", "include", "interface",
	"list",	    "map",	     "own",    "option", "package", "record",
	"resource", "result",	     "s16",    "s32",	 "s64",	    "s8",
	"static",   "stream",	     "string", "tuple",	 "type",    "u16",
	"u32",	    "u64",	     "u8",     "use",	 "variant", "with",
	"world",
};

bool wbpf_wit__is_keyword(const char *label)
{
	size_t i;

	for (i = 0; i < sizeof(wit_keywords) / sizeof(wit_keywords[0]); i++)
		if (!strcmp(label, wit_keywords[i]))
			return true;
	return false;
}

const char *const *wbpf_wit__keywords(size_t *cnt)
{
	*cnt = sizeof(wit_keywords) / sizeof(wit_keywords[0]);
	return wit_keywords;
}

/* A word boundary falls before c[i] inside a run of letters and digits:
 * "fooBar" (lower or digit, then upper) and "XMLParser" (upper, then an
 * upper followed by a lower). */
static bool camel_boundary(const char *c, size_t i)
{
	unsigned char prev = c[i - 1], cur = c[i], next = c[i + 1];

	if (!isupper(cur))
		return false;
	if (islower(prev) || isdigit(prev))
		return true;
	return isupper(prev) && islower(next);
}

static int put(char *buf, size_t sz, size_t *len, char ch)
{
	if (*len + 1 >= sz)
		return -ENAMETOOLONG;
	buf[(*len)++] = ch;
	buf[*len] = '\0';
	return 0;
}

int wbpf_wit__kebab(const char *c, char *buf, size_t sz)
{
	size_t i, len = 0;
	bool in_word = false;
	int err;

	if (!c || !buf || !sz)
		return -EINVAL;
	buf[0] = '\0';
	for (i = 0; c[i]; i++) {
		unsigned char ch = c[i];
		bool starts;

		if (!isalnum(ch) || ch > 127) {
			in_word = false;
			continue;
		}
		starts = !in_word || camel_boundary(c, i);
		in_word = true;
		if (starts && len) {
			/* a fragment cannot start with a digit: glue it on */
			if (!isdigit(ch) && (err = put(buf, sz, &len, '-')))
				return err;
		} else if (starts && isdigit(ch)) {
			if ((err = put(buf, sz, &len, 'x')))
				return err;
		}
		if ((err = put(buf, sz, &len, tolower(ch))))
			return err;
	}
	if (!len && (err = put(buf, sz, &len, 'x')))
		return err;
	return (int)len;
}

/*
 * A small open-addressing hash set of strings. libbpf has a hashmap but
 * does not export it, and nothing else this project links provides one;
 * hsearch(3) is process-global. Scopes can hold every type of vmlinux.
 */
struct wbpf_wit_names {
	char **slots;
	size_t cap; /* power of two */
	size_t cnt;
};

/*
 * Two names clash when they are equal once lowercased with their hyphens
 * dropped: the component model's validator (wasmparser, in the jco-transpile
 * build tests/wit runs) rejects `io-apic` next to `ioapic`, and `foo` next
 * to `FOO`. The set hashes and compares in that form.
 */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (; *s; s++)
		if (*s != '-')
			h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 1099511628211ull;
	return h;
}

static bool same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a == '-')
			a++;
		while (*b == '-')
			b++;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

struct wbpf_wit_names *wbpf_wit_names__new(void)
{
	struct wbpf_wit_names *n = calloc(1, sizeof(*n));

	if (!n)
		return NULL;
	n->cap = 64;
	n->slots = calloc(n->cap, sizeof(*n->slots));
	if (!n->slots) {
		free(n);
		errno = ENOMEM;
		return NULL;
	}
	return n;
}

void wbpf_wit_names__free(struct wbpf_wit_names *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->cap; i++)
		free(n->slots[i]);
	free(n->slots);
	free(n);
}

static size_t find_slot(char *const *slots, size_t cap, const char *s)
{
	size_t i = hash_str(s) & (cap - 1);

	while (slots[i] && !same_name(slots[i], s))
		i = (i + 1) & (cap - 1);
	return i;
}

bool wbpf_wit_names__has(const struct wbpf_wit_names *n, const char *label)
{
	return n->slots[find_slot(n->slots, n->cap, label)] != NULL;
}

static int grow(struct wbpf_wit_names *n)
{
	size_t i, cap = n->cap * 2;
	char **slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (i = 0; i < n->cap; i++)
		if (n->slots[i])
			slots[find_slot(slots, cap, n->slots[i])] = n->slots[i];
	free(n->slots);
	n->slots = slots;
	n->cap = cap;
	return 0;
}

static int insert(struct wbpf_wit_names *n, const char *label, const char **out)
{
	size_t i;
	int err;

	if ((n->cnt + 1) * 2 > n->cap && (err = grow(n)))
		return err;
	i = find_slot(n->slots, n->cap, label);
	if (n->slots[i])
		return -EEXIST;
	n->slots[i] = strdup(label);
	if (!n->slots[i])
		return -ENOMEM;
	n->cnt++;
	if (out)
		*out = n->slots[i];
	return 0;
}

int wbpf_wit_names__reserve(struct wbpf_wit_names *n, const char *label)
{
	return insert(n, label, NULL);
}

int wbpf_wit_names__add(struct wbpf_wit_names *n, const char *c, const char **label)
{
	char base[256], cand[272];
	unsigned int k;
	int len;

	len = wbpf_wit__kebab(c, base, sizeof(base));
	if (len < 0)
		return len;
	if (!wbpf_wit_names__has(n, base))
		return insert(n, base, label);
	for (k = 2; k < 1000000; k++) {
		snprintf(cand, sizeof(cand), "%s%u", base, k);
		if (!wbpf_wit_names__has(n, cand))
			return insert(n, cand, label);
	}
	return -EEXIST;
}
