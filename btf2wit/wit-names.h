/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * C identifiers -> WIT identifiers, deterministically.
 *
 * A WIT identifier is a kebab-case label: fragments joined by single '-',
 * each fragment all-lowercase ([a-z][a-z0-9]*) or all-uppercase; a label
 * that spells a WIT keyword is written with a leading '%'.
 *
 * The mapping (docs/wit.md has the table):
 *   - every character that is not [A-Za-z0-9] separates words, so leading,
 *     trailing and repeated underscores vanish ("__u32" -> "u32",
 *     "a__b_" -> "a-b");
 *   - camelCase and acronym boundaries separate words ("fooBar" ->
 *     "foo-bar", "XMLParser" -> "xml-parser"); every word is lowercased;
 *   - a word starting with a digit is glued to the word before it
 *     ("ipv4_2" -> "ipv42"), since a WIT fragment cannot start with a digit;
 *     a label whose first word starts with a digit gets an "x" in front;
 *   - a name with no letters or digits at all maps to "x";
 *   - collisions within one scope are resolved by wbpf_wit_names__add(),
 *     which appends 2, 3, ... to the last fragment, in the order names are
 *     added ("foo-bar", then "foo-bar2"). Names collide when they are equal
 *     once lowercased without hyphens, as the component model's validator
 *     sees them ("io-apic" and "ioapic").
 */
#ifndef __WBPF_WIT_NAMES_H
#define __WBPF_WIT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* Kebab-case form of C identifier `c` into buf (NUL-terminated), without a
 * '%' escape. Returns its length, or -ENAMETOOLONG when buf is too small,
 * -EINVAL when c is NULL. */
int wbpf_wit__kebab(const char *c, char *buf, size_t sz);

/* Whether `label` (no '%') is a WIT keyword and must be written as %label. */
bool wbpf_wit__is_keyword(const char *label);

/* The keyword list itself (for tests that check it against a WIT parser). */
const char *const *wbpf_wit__keywords(size_t *cnt);

/* A scope of WIT names (one interface's types, one record's fields, ...). */
struct wbpf_wit_names;

struct wbpf_wit_names *wbpf_wit_names__new(void);
void wbpf_wit_names__free(struct wbpf_wit_names *n);

/* Whether `label`, or a name equal to it without hyphens and case, is
 * already taken in this scope. */
bool wbpf_wit_names__has(const struct wbpf_wit_names *n, const char *label);

/* Reserve `label` (kebab-case, no '%') as it is; -EEXIST when taken. */
int wbpf_wit_names__reserve(struct wbpf_wit_names *n, const char *label);

/* Map C name `c` with wbpf_wit__kebab(), make it unique in this scope with a
 * numeric suffix, reserve it and return it in *label (owned by the scope,
 * valid until wbpf_wit_names__free()). 0 or -errno. */
int wbpf_wit_names__add(struct wbpf_wit_names *n, const char *c, const char **label);

#endif /* __WBPF_WIT_NAMES_H */
