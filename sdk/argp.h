/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * <argp.h> for wasm32 guests.
 *
 * libbpf-bootstrap and bcc's libbpf-tools parse their command lines with
 * glibc's argp, which wasi-libc does not have (and no wasm32 build of it is
 * packaged), so the SDK carries this header-only version of the part those
 * tools use: option tables with short and long names, required and optional
 * arguments, aliases, hidden and doc entries, child parsers, the
 * ARGP_KEY_* protocol (INIT, ARG, ARGS, NO_ARGS, END, SUCCESS, ERROR, FINI),
 * --help / --usage / --version, argp_usage(), argp_error(),
 * argp_state_help() and argp_help(). Options may come before or after
 * arguments, as with glibc; "--" ends the options. Messages and exit
 * statuses (64 for usage errors) follow glibc's; help is laid out in
 * glibc's columns. tests/sdk compares its parsing with glibc's.
 *
 * Native code with the SDK's directory on its include path gets the C
 * library's <argp.h> (unless WBPF_ARGP_NATIVE_TEST is defined, as the test
 * that compares the two does).
 */
#if !defined(__wasm__) && !defined(WBPF_ARGP_NATIVE_TEST)
#include_next <argp.h>
#else
#ifndef __WBPF_ARGP_H
#define __WBPF_ARGP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef __error_t_defined
#define __error_t_defined 1
typedef int error_t;
#endif

struct argp_option {
	const char *name; /* long option name, or NULL */
	int key;	  /* short option character, or another unique key */
	const char *arg;  /* argument name, NULL when the option takes none */
	int flags;	  /* OPTION_* */
	const char *doc;
	int group;
};

#define OPTION_ARG_OPTIONAL 0x1
#define OPTION_HIDDEN	    0x2
#define OPTION_ALIAS	    0x4
#define OPTION_DOC	    0x8
#define OPTION_NO_USAGE	    0x10

#define ARGP_ERR_UNKNOWN E2BIG

#define ARGP_KEY_ARG	 0
#define ARGP_KEY_ARGS	 0x1000006
#define ARGP_KEY_END	 0x1000001
#define ARGP_KEY_NO_ARGS 0x1000002
#define ARGP_KEY_INIT	 0x1000003
#define ARGP_KEY_FINI	 0x1000007
#define ARGP_KEY_SUCCESS 0x1000004
#define ARGP_KEY_ERROR	 0x1000005

#define ARGP_PARSE_ARGV0 0x01
#define ARGP_NO_ERRS	 0x02
#define ARGP_NO_ARGS	 0x04
#define ARGP_IN_ORDER	 0x08
#define ARGP_NO_HELP	 0x10
#define ARGP_NO_EXIT	 0x20
#define ARGP_LONG_ONLY	 0x40
#define ARGP_SILENT	 (ARGP_NO_EXIT | ARGP_NO_ERRS | ARGP_NO_HELP)

#define ARGP_HELP_USAGE	      0x01
#define ARGP_HELP_SHORT_USAGE 0x02
#define ARGP_HELP_SEE	      0x04
#define ARGP_HELP_LONG	      0x08
#define ARGP_HELP_PRE_DOC     0x10
#define ARGP_HELP_POST_DOC    0x20
#define ARGP_HELP_DOC	      (ARGP_HELP_PRE_DOC | ARGP_HELP_POST_DOC)
#define ARGP_HELP_BUG_ADDR    0x40
#define ARGP_HELP_LONG_ONLY   0x80
#define ARGP_HELP_EXIT_ERR    0x100
#define ARGP_HELP_EXIT_OK     0x200
#define ARGP_HELP_STD_ERR     (ARGP_HELP_SEE | ARGP_HELP_EXIT_ERR)
#define ARGP_HELP_STD_USAGE   (ARGP_HELP_SHORT_USAGE | ARGP_HELP_SEE | ARGP_HELP_EXIT_ERR)
#define ARGP_HELP_STD_HELP                                                            \
	(ARGP_HELP_SHORT_USAGE | ARGP_HELP_LONG | ARGP_HELP_EXIT_OK | ARGP_HELP_DOC | \
	 ARGP_HELP_BUG_ADDR)

struct argp_state;
struct argp_child;

typedef error_t (*argp_parser_t)(int key, char *arg, struct argp_state *state);

struct argp {
	const struct argp_option *options;
	argp_parser_t parser;
	const char *args_doc;
	const char *doc; /* text before "\v" comes before the options, the rest after */
	const struct argp_child *children;
	char *(*help_filter)(int key, const char *text, void *input); /* not used */
	const char *argp_domain;
};

struct argp_child {
	const struct argp *argp;
	int flags;
	const char *header;
	int group;
};

struct argp_state {
	const struct argp *root_argp;
	int argc;
	char **argv;
	int next;
	unsigned flags;
	unsigned arg_num;
	int quoted;
	void *input;
	void **child_inputs;
	void *hook;
	char *name;
	FILE *err_stream;
	FILE *out_stream;
	void *pstate;
};

/* defined by the program, or not at all */
extern const char *argp_program_version __attribute__((weak));
extern const char *argp_program_bug_address __attribute__((weak));
extern void (*argp_program_version_hook)(FILE *stream, struct argp_state *state)
	__attribute__((weak));

/* the exit status of usage errors (sysexits' EX_USAGE, as glibc) */
#define WBPF_ARGP_ERR_EXIT    64

/* keys of the built-in options, outside the range programs use */
#define WBPF_ARGP_KEY_HELP    -3
#define WBPF_ARGP_KEY_USAGE   -4
#define WBPF_ARGP_KEY_VERSION -5

/* ---- the option tables of an argp and its children ------------------------ */

/* The parsers in order (root first, then children depth-first) with their
 * options; at most this many parsers. */
#define WBPF_ARGP_MAX_PARSERS 16

struct wbpf_argp_walk {
	const struct argp *argps[WBPF_ARGP_MAX_PARSERS];
	void *inputs[WBPF_ARGP_MAX_PARSERS];
	void *child_inputs[WBPF_ARGP_MAX_PARSERS][WBPF_ARGP_MAX_PARSERS];
	int parent[WBPF_ARGP_MAX_PARSERS];
	int child_index[WBPF_ARGP_MAX_PARSERS];
	int n;
};

static inline void wbpf_argp_collect(struct wbpf_argp_walk *w, const struct argp *argp, int parent,
				     int index)
{
	const struct argp_child *c;
	int me, i;

	if (!argp || w->n >= WBPF_ARGP_MAX_PARSERS)
		return;
	me = w->n++;
	w->argps[me] = argp;
	w->parent[me] = parent;
	w->child_index[me] = index;
	for (c = argp->children, i = 0; c && c->argp; c++, i++)
		wbpf_argp_collect(w, c->argp, me, i);
}

static inline int wbpf_argp_opt_end(const struct argp_option *o)
{
	return !o->name && !o->key && !o->doc && !o->flags;
}

static inline int wbpf_argp_is_short(int key)
{
	return key > ' ' && key < 127;
}

static inline const char *wbpf_argp_basename(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;

	return s ? s + 1 : (path ? path : "");
}

/* ---- help ---------------------------------------------------------------------- */

static inline int wbpf_argp_has_version(void)
{
	return (&argp_program_version && argp_program_version) ||
	       (&argp_program_version_hook && argp_program_version_hook);
}

/* glibc's layout: text wrapped at column 79, option docs at column 29,
 * usage continuation lines indented by 12 */
#define WBPF_ARGP_RMARGIN     79
#define WBPF_ARGP_DOC_COL     29
#define WBPF_ARGP_USAGE_IND   12

/* Print `n` bytes of text, word-wrapped, from column *col; new lines start
 * at column `indent`. */
static inline void wbpf_argp_wrap(FILE *f, const char *text, size_t n, int *col, int indent)
{
	const char *end = text + n, *w, *e;

	while (text < end) {
		if (*text == '\n') {
			fputc('\n', f);
			*col = 0;
			text++;
			if (text < end && *text != '\n')
				*col = fprintf(f, "%*s", indent, "");
			continue;
		}
		for (w = text; w < end && *w == ' '; w++)
			;
		for (e = w; e < end && *e != ' ' && *e != '\n'; e++)
			;
		if (*col > indent && *col + (w - text) + (e - w) > WBPF_ARGP_RMARGIN) {
			*col = fprintf(f, "\n%*s", indent, "") - 1;
			text = w;
		}
		*col += fprintf(f, "%.*s", (int)(e - text), text);
		text = e;
	}
}

/* doc text before (pre) or after (!pre) the "\v", ending with a newline */
static inline int wbpf_argp_print_doc(FILE *f, const char *doc, int pre)
{
	const char *v, *t;
	size_t n;
	int col = 0;

	if (!doc)
		return 0;
	v = strchr(doc, '\v');
	t = pre ? doc : (v ? v + 1 : NULL);
	if (!t)
		return 0;
	n = pre && v ? (size_t)(v - doc) : strlen(t);
	if (!n)
		return 0;
	wbpf_argp_wrap(f, t, n, &col, 0);
	if (col)
		fputc('\n', f);
	return 1;
}

/* One help or usage entry: an option with the aliases that follow it. */
struct wbpf_argp_entry {
	const struct argp_option *opt; /* NULL: a child's header */
	const char *header;	       /* the child's header */
	int n;			       /* options in the entry (the option and its aliases) */
	int group;		       /* sort group: the option's, or the one before it */
	int seq;		       /* table order, for a stable sort */
};

static inline int wbpf_argp_entry_short(const struct wbpf_argp_entry *e)
{
	int i;

	if (!e->opt)
		return 0;
	for (i = 0; i < e->n; i++) {
		if (!(e->opt[i].flags & OPTION_HIDDEN) && wbpf_argp_is_short(e->opt[i].key))
			return e->opt[i].key;
	}
	return 0;
}

static inline const char *wbpf_argp_entry_long(const struct wbpf_argp_entry *e)
{
	int i;

	if (!e->opt)
		return NULL;
	for (i = 0; i < e->n; i++) {
		if (!(e->opt[i].flags & OPTION_HIDDEN) && e->opt[i].name)
			return e->opt[i].name;
	}
	return NULL;
}

/* The entry's argument (of its last option that names one; NULL if none)
 * and whether it is optional. */
static inline const char *wbpf_argp_entry_arg(const struct wbpf_argp_entry *e, int *optional)
{
	const struct argp_option *a;
	const char *arg = NULL;

	*optional = 0;
	for (a = e->opt; a < e->opt + e->n; a++) {
		if (a->arg) {
			arg = a->arg;
			*optional = a->flags & OPTION_ARG_OPTIONAL;
		}
	}
	return arg;
}

/* glibc's order: by group (0, 1, ..., then -2, -1), then by first short
 * option or long name, ignoring case, lower case first */
static inline int wbpf_argp_entry_cmp(const void *pa, const void *pb)
{
	const struct wbpf_argp_entry *a = pa, *b = pb;
	int s1 = wbpf_argp_entry_short(a), s2 = wbpf_argp_entry_short(b);
	const char *l1 = wbpf_argp_entry_long(a), *l2 = wbpf_argp_entry_long(b);
	int c1, c2, d;

	if (a->group != b->group) {
		if ((a->group < 0) != (b->group < 0))
			return a->group < 0 ? 1 : -1;
		return a->group - b->group;
	}
	/* a child's header comes first in its group */
	if (!a->opt || !b->opt)
		return !a->opt && b->opt ? -1 : (a->opt && !b->opt ? 1 : a->seq - b->seq);
	if ((a->opt->flags & OPTION_DOC) || (b->opt->flags & OPTION_DOC) ||
	    (!a->opt->name && !wbpf_argp_is_short(a->opt->key)) ||
	    (!b->opt->name && !wbpf_argp_is_short(b->opt->key)))
		return a->seq - b->seq;
	if (!s1 && !s2 && l1 && l2) {
		d = strcasecmp(l1, l2);
		return d ? d : a->seq - b->seq;
	}
	c1 = s1 ? s1 : (l1 ? (unsigned char)*l1 : 0);
	c2 = s2 ? s2 : (l2 ? (unsigned char)*l2 : 0);
	d = (c1 >= 'A' && c1 <= 'Z' ? c1 + 32 : c1) - (c2 >= 'A' && c2 <= 'Z' ? c2 + 32 : c2);
	if (!d)
		d = c2 - c1;
	return d ? d : a->seq - b->seq;
}

static const struct argp_option wbpf_argp_builtin_opts[] = {
	{ "help", '?', NULL, 0, "Give this help list", -1 },
	{ "usage", WBPF_ARGP_KEY_USAGE, NULL, 0, "Give a short usage message", 0 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

static const struct argp_option wbpf_argp_version_opts[] = {
	{ "version", 'V', NULL, 0, "Print program version", -1 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

/* Add the entries of one option table; returns the new count. */
static inline int wbpf_argp_add_entries(struct wbpf_argp_entry *es, int n, int max,
					const struct argp_option *opts, int *group)
{
	const struct argp_option *o;

	for (o = opts; o && !wbpf_argp_opt_end(o) && n < max;) {
		struct wbpf_argp_entry *e = &es[n];

		e->opt = o;
		e->n = 1;
		while (!wbpf_argp_opt_end(o + e->n) && (o[e->n].flags & OPTION_ALIAS))
			e->n++;
		if (o->group)
			*group = o->group;
		else if (!o->name && !wbpf_argp_is_short(o->key) && !(o->flags & OPTION_DOC))
			(*group)++; /* a header starts the next group */
		e->group = *group;
		e->seq = n;
		o += e->n;
		if (!(e->opt->flags & OPTION_HIDDEN))
			n++;
	}
	return n;
}

/* All entries of the parsers and the built-in options, sorted; malloc'ed. */
static inline int wbpf_argp_entries(const struct argp *argp, unsigned parse_flags,
				    struct wbpf_argp_entry **out)
{
	struct wbpf_argp_walk w = { .n = 0 };
	struct wbpf_argp_entry *es;
	const struct argp_option *o;
	int i, n = 0, max = 4, group;

	wbpf_argp_collect(&w, argp, -1, 0);
	for (i = 0; i < w.n; i++) {
		for (o = w.argps[i]->options; o && !wbpf_argp_opt_end(o); o++)
			max++;
	}
	max += w.n;
	es = calloc(max, sizeof(*es));
	if (!es)
		return -1;
	for (i = 0, group = 0; i < w.n; i++) {
		if (w.parent[i] >= 0) {
			/* a child's options form a group of their own */
			const struct argp_child *c =
				&w.argps[w.parent[i]]->children[w.child_index[i]];

			group = c->group ? c->group : group + 1;
			if (c->header) {
				es[n].header = c->header;
				es[n].group = group;
				es[n].seq = n;
				n++;
			}
		}
		n = wbpf_argp_add_entries(es, n, max, w.argps[i]->options, &group);
	}
	if (!(parse_flags & ARGP_NO_HELP)) {
		group = -1;
		n = wbpf_argp_add_entries(es, n, max, wbpf_argp_builtin_opts, &group);
		if (wbpf_argp_has_version()) {
			group = -1;
			n = wbpf_argp_add_entries(es, n, max, wbpf_argp_version_opts, &group);
		}
	}
	/* An insertion sort, not qsort(): a program has tens of options, and
	 * qsort() (wasi-libc's smoothsort) is 2 KiB of every module that uses
	 * argp. The order is total (ties go by table order), so it is the
	 * same. */
	for (i = 1; i < n; i++) {
		struct wbpf_argp_entry e = es[i];
		int j = i;

		for (; j > 0 && wbpf_argp_entry_cmp(&es[j - 1], &e) > 0; j--)
			es[j] = es[j - 1];
		es[j] = e;
	}
	*out = es;
	return n;
}

/* "  -d, --duration=MS          doc" */
static inline void wbpf_argp_print_entry(FILE *f, const struct wbpf_argp_entry *e)
{
	const struct argp_option *o = e->opt, *a;
	const char *arg;
	int optional, col = 0, first = 1, has_long = 0;

	if (!o) {
		fprintf(f, "\n %s\n", e->header);
		return;
	}
	if (o->flags & OPTION_DOC) {
		if (o->name)
			fprintf(f, "  %s", o->name);
		if (o->doc)
			fprintf(f, "%*s%s", o->name ? 4 : 0, "", o->doc);
		fprintf(f, "\n");
		return;
	}
	if (!o->name && !wbpf_argp_is_short(o->key)) {
		if (o->doc && o->doc[0])
			fprintf(f, " %s\n", o->doc);
		return;
	}
	arg = wbpf_argp_entry_arg(e, &optional);
	for (a = o; a < o + e->n; a++)
		has_long |= a->name && !(a->flags & OPTION_HIDDEN);
	col += fprintf(f, "  ");
	for (a = o; a < o + e->n; a++) {
		if ((a->flags & OPTION_HIDDEN) || !wbpf_argp_is_short(a->key))
			continue;
		col += fprintf(f, "%s-%c", first ? "" : ", ", a->key);
		first = 0;
		if (arg && !has_long)
			col += fprintf(f, optional ? "[%s]" : " %s", arg);
	}
	for (a = o; a < o + e->n; a++) {
		if ((a->flags & OPTION_HIDDEN) || !a->name)
			continue;
		if (first)
			col += fprintf(f, "    ");
		col += fprintf(f, "%s--%s", first ? "" : ", ", a->name);
		first = 0;
		if (arg)
			col += fprintf(f, optional ? "[=%s]" : "=%s", arg);
	}
	if (o->doc && o->doc[0]) {
		if (col > WBPF_ARGP_DOC_COL - 2) {
			fprintf(f, "\n");
			col = 0;
		}
		col += fprintf(f, "%*s", WBPF_ARGP_DOC_COL - col, "");
		wbpf_argp_wrap(f, o->doc, strlen(o->doc), &col, WBPF_ARGP_DOC_COL);
	}
	fprintf(f, "\n");
}

/* one "[...]" item of the full usage line, wrapped as glibc does */
static inline void wbpf_argp_usage_item(FILE *f, int *col, const char *fmt, const char *a,
					const char *b)
{
	char item[256];
	int n = snprintf(item, sizeof(item), fmt, a, b ? b : "");

	if (*col + 1 + n > WBPF_ARGP_RMARGIN) {
		fprintf(f, "\n%*s", WBPF_ARGP_USAGE_IND, "");
		*col = WBPF_ARGP_USAGE_IND;
	} else {
		*col += fprintf(f, " ");
	}
	*col += fprintf(f, "%s", item);
}

/* "Usage: NAME [-nv?V] [-c[N]] [-d MS] [--count[=N]] ... ARGS" */
static inline void wbpf_argp_full_usage(FILE *f, const struct wbpf_argp_entry *es, int n,
					const char *name, const char *args_doc)
{
	char flags[128], key[2] = { 0, 0 };
	const struct argp_option *a;
	int i, k = 0, col;

	col = fprintf(f, "Usage: %s", name);
	for (i = 0; i < n; i++) {
		const char *arg;
		int optional;

		if (!es[i].opt)
			continue;
		arg = wbpf_argp_entry_arg(&es[i], &optional);
		for (a = es[i].opt; a < es[i].opt + es[i].n && !arg; a++) {
			if (!(a->flags & (OPTION_HIDDEN | OPTION_DOC | OPTION_NO_USAGE)) &&
			    wbpf_argp_is_short(a->key) && k < (int)sizeof(flags) - 1)
				flags[k++] = (char)a->key;
		}
	}
	flags[k] = '\0';
	if (k)
		wbpf_argp_usage_item(f, &col, "[-%s%s]", flags, NULL);
	for (i = 0; i < n; i++) {
		const char *arg;
		int optional;

		if (!es[i].opt)
			continue;
		arg = wbpf_argp_entry_arg(&es[i], &optional);
		for (a = es[i].opt; a < es[i].opt + es[i].n && arg; a++) {
			if ((a->flags & (OPTION_HIDDEN | OPTION_DOC | OPTION_NO_USAGE)) ||
			    !wbpf_argp_is_short(a->key))
				continue;
			key[0] = (char)a->key;
			wbpf_argp_usage_item(f, &col, optional ? "[-%s[%s]]" : "[-%s %s]", key,
					     arg);
		}
	}
	for (i = 0; i < n; i++) {
		const char *arg;
		int optional;

		if (!es[i].opt)
			continue;
		arg = wbpf_argp_entry_arg(&es[i], &optional);
		for (a = es[i].opt; a < es[i].opt + es[i].n; a++) {
			if ((a->flags & (OPTION_HIDDEN | OPTION_DOC | OPTION_NO_USAGE)) || !a->name)
				continue;
			if (!arg)
				wbpf_argp_usage_item(f, &col, "[--%s%s]", a->name, NULL);
			else
				wbpf_argp_usage_item(f, &col,
						     optional ? "[--%s[=%s]]" : "[--%s=%s]",
						     a->name, arg);
		}
	}
	if (args_doc && *args_doc)
		wbpf_argp_usage_item(f, &col, "%s%s", args_doc, NULL);
	fprintf(f, "\n");
}

static inline void wbpf_argp_help(const struct argp *argp, FILE *f, unsigned flags,
				  const char *name, unsigned parse_flags)
{
	struct wbpf_argp_walk w = { .n = 0 };
	struct wbpf_argp_entry *es = NULL;
	const char *ad, *nl;
	int i, n, any_args = 0;

	if (!f)
		return;
	wbpf_argp_collect(&w, argp, -1, 0);
	n = wbpf_argp_entries(argp, parse_flags, &es);
	if (n < 0)
		return;
	if (flags & ARGP_HELP_USAGE) {
		wbpf_argp_full_usage(f, es, n, name, argp ? argp->args_doc : NULL);
	} else if (flags & ARGP_HELP_SHORT_USAGE) {
		ad = argp ? argp->args_doc : NULL;
		fprintf(f, "Usage: %s [OPTION...]", name);
		for (; ad && *ad; ad = nl + 1) {
			nl = strchr(ad, '\n');
			if (!nl) {
				fprintf(f, " %s", ad);
				break;
			}
			fprintf(f, " %.*s\n  or:  %s [OPTION...]", (int)(nl - ad), ad, name);
		}
		fprintf(f, "\n");
	}
	if (flags & ARGP_HELP_PRE_DOC)
		for (i = 0; i < w.n; i++)
			wbpf_argp_print_doc(f, w.argps[i]->doc, 1);
	if (flags & ARGP_HELP_SEE)
		fprintf(f, "Try `%s --help' or `%s --usage' for more information.\n", name, name);
	if (flags & ARGP_HELP_LONG) {
		fprintf(f, "\n");
		for (i = 0; i < n; i++) {
			const struct argp_option *a;

			/* a blank line between groups */
			if (i && es[i].group != es[i - 1].group)
				fprintf(f, "\n");
			wbpf_argp_print_entry(f, &es[i]);
			for (a = es[i].opt; a && a < es[i].opt + es[i].n; a++)
				any_args |= a->arg != NULL;
		}
		if (any_args)
			fprintf(f, "\nMandatory or optional arguments to long options are also "
				   "mandatory or optional\nfor any corresponding short options.\n");
	}
	if (flags & ARGP_HELP_POST_DOC) {
		for (i = 0; i < w.n; i++) {
			const char *doc = w.argps[i]->doc;

			if (doc && strchr(doc, '\v') && strchr(doc, '\v')[1]) {
				fprintf(f, "\n");
				wbpf_argp_print_doc(f, doc, 0);
			}
		}
	}
	if ((flags & ARGP_HELP_BUG_ADDR) && &argp_program_bug_address && argp_program_bug_address)
		fprintf(f, "\nReport bugs to %s.\n", argp_program_bug_address);
	free(es);
}

static inline void argp_help(const struct argp *argp, FILE *stream, unsigned flags, char *name)
{
	wbpf_argp_help(argp, stream, flags, name ? name : "", 0);
}

static inline void argp_state_help(const struct argp_state *state, FILE *stream, unsigned flags)
{
	if (state && (state->flags & ARGP_NO_ERRS))
		stream = NULL;
	if (stream)
		wbpf_argp_help(state ? state->root_argp : NULL, stream, flags,
			       state ? state->name : "", state ? state->flags : 0);
	if (!state || !(state->flags & ARGP_NO_EXIT)) {
		if (flags & ARGP_HELP_EXIT_ERR)
			exit(WBPF_ARGP_ERR_EXIT);
		if (flags & ARGP_HELP_EXIT_OK)
			exit(0);
	}
}

static inline void argp_usage(const struct argp_state *state)
{
	argp_state_help(state, state ? state->err_stream : stderr, ARGP_HELP_STD_USAGE);
}

static inline void argp_error(const struct argp_state *state, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void argp_error(const struct argp_state *state, const char *fmt, ...)
{
	FILE *f = state ? state->err_stream : stderr;
	va_list ap;

	if (f && !(state && (state->flags & ARGP_NO_ERRS))) {
		fprintf(f, "%s: ", state ? state->name : "");
		va_start(ap, fmt);
		vfprintf(f, fmt, ap);
		va_end(ap);
		fprintf(f, "\n");
		argp_state_help(state, f, ARGP_HELP_STD_ERR);
	}
}

/* ---- parsing ------------------------------------------------------------------ */

struct wbpf_argp_parse {
	struct argp_state state;
	struct wbpf_argp_walk walk;
	char **args; /* non-option arguments, in order */
	int nargs;
};

/* Call parser i with `key`; the state's input is that parser's. */
static inline error_t wbpf_argp_call(struct wbpf_argp_parse *p, int i, int key, char *arg)
{
	struct argp_state *s = &p->state;
	error_t err;

	if (!p->walk.argps[i]->parser)
		return ARGP_ERR_UNKNOWN;
	s->input = p->walk.inputs[i];
	s->child_inputs = p->walk.child_inputs[i];
	err = p->walk.argps[i]->parser(key, arg, s);
	p->walk.inputs[i] = s->input;
	return err;
}

/* A special key to every parser, ARGP_ERR_UNKNOWN meaning "not interested". */
static inline error_t wbpf_argp_call_all(struct wbpf_argp_parse *p, int key, int reverse)
{
	error_t err;
	int k, i;

	for (k = 0; k < p->walk.n; k++) {
		i = reverse ? p->walk.n - 1 - k : k;
		err = wbpf_argp_call(p, i, key, NULL);
		if (err && err != ARGP_ERR_UNKNOWN)
			return err;
		/* a parent's INIT may have given inputs to its children */
		if (key == ARGP_KEY_INIT) {
			int c;

			for (c = i + 1; c < p->walk.n; c++) {
				if (p->walk.parent[c] == i)
					p->walk.inputs[c] =
						p->walk.child_inputs[i][p->walk.child_index[c]];
			}
		}
	}
	return 0;
}

static inline const struct argp_option *wbpf_argp_find(struct wbpf_argp_parse *p, int key,
						       const char *name, size_t name_len,
						       int *owner, int *ambiguous)
{
	const struct argp_option *found = NULL, *o, *base = NULL;
	int i, exact = 0;

	*ambiguous = 0;
	for (i = 0; i < p->walk.n; i++) {
		for (o = p->walk.argps[i]->options; o && !wbpf_argp_opt_end(o); o++) {
			if (!(o->flags & OPTION_ALIAS))
				base = o;
			if (o->flags & OPTION_DOC)
				continue;
			if (!name) {
				if (o->key == key) {
					*owner = i;
					return (o->flags & OPTION_ALIAS) && base ? base : o;
				}
				continue;
			}
			if (!o->name || strncmp(o->name, name, name_len) != 0)
				continue;
			if (strlen(o->name) == name_len) {
				if (!exact)
					*ambiguous = 0;
				exact = 1;
				found = (o->flags & OPTION_ALIAS) && base ? base : o;
				*owner = i;
			} else if (!exact) {
				const struct argp_option *t =
					(o->flags & OPTION_ALIAS) && base ? base : o;

				if (found && found != t)
					*ambiguous = 1;
				found = t;
				*owner = i;
			}
		}
	}
	return found;
}

static inline error_t wbpf_argp_fail(struct wbpf_argp_parse *p, const char *fmt, const char *what)
{
	if (!(p->state.flags & ARGP_NO_ERRS)) {
		/* getopt's messages name the program as argv[0] */
		fprintf(p->state.err_stream, "%s: ", p->state.argv[0]);
		fprintf(p->state.err_stream, fmt, what);
		fprintf(p->state.err_stream, "\n");
		argp_state_help(&p->state, p->state.err_stream, ARGP_HELP_STD_ERR);
	}
	return EINVAL;
}

static inline void wbpf_argp_version(struct wbpf_argp_parse *p)
{
	if (&argp_program_version_hook && argp_program_version_hook)
		argp_program_version_hook(p->state.out_stream, &p->state);
	else
		fprintf(p->state.out_stream, "%s\n", argp_program_version);
	if (!(p->state.flags & ARGP_NO_EXIT))
		exit(0);
}

/* One option with its argument (NULL if none) to its parser. */
static inline error_t wbpf_argp_option(struct wbpf_argp_parse *p, int owner,
				       const struct argp_option *o, char *arg)
{
	error_t err;

	err = wbpf_argp_call(p, owner, o->key, arg);
	if (err == ARGP_ERR_UNKNOWN) {
		char what[64];

		if (wbpf_argp_is_short(o->key))
			snprintf(what, sizeof(what), "-%c", o->key);
		else
			snprintf(what, sizeof(what), "--%s", o->name ? o->name : "?");
		return wbpf_argp_fail(p, "unrecognized option '%s'", what);
	}
	return err;
}

/* A built-in option (--help, --usage, --version); 1 when `key` was one. */
static inline int wbpf_argp_builtin(struct wbpf_argp_parse *p, int key)
{
	if (p->state.flags & ARGP_NO_HELP)
		return 0;
	if (key == WBPF_ARGP_KEY_HELP) {
		argp_state_help(&p->state, p->state.out_stream, ARGP_HELP_STD_HELP);
		return 1;
	}
	if (key == WBPF_ARGP_KEY_USAGE) {
		argp_state_help(&p->state, p->state.out_stream,
				ARGP_HELP_USAGE | ARGP_HELP_EXIT_OK);
		return 1;
	}
	if (key == WBPF_ARGP_KEY_VERSION && wbpf_argp_has_version()) {
		wbpf_argp_version(p);
		return 1;
	}
	return 0;
}

/* getopt's message, with the candidates */
static inline error_t wbpf_argp_ambiguous(struct wbpf_argp_parse *p, const char *tok, size_t len,
					  const char *arg)
{
	const struct argp_option *o;
	FILE *f = p->state.err_stream;
	int i;

	if (p->state.flags & ARGP_NO_ERRS)
		return EINVAL;
	fprintf(f, "%s: option '%s' is ambiguous; possibilities:", p->state.argv[0], arg);
	for (i = 0; i < p->walk.n; i++) {
		for (o = p->walk.argps[i]->options; o && !wbpf_argp_opt_end(o); o++) {
			if (o->name && !(o->flags & OPTION_DOC) && !strncmp(o->name, tok, len))
				fprintf(f, " '--%s'", o->name);
		}
	}
	fprintf(f, "\n");
	argp_state_help(&p->state, f, ARGP_HELP_STD_ERR);
	return EINVAL;
}

static inline error_t wbpf_argp_long(struct wbpf_argp_parse *p, int *i)
{
	char *tok = p->state.argv[*i] + 2, *eq = strchr(tok, '=');
	size_t len = eq ? (size_t)(eq - tok) : strlen(tok);
	const struct argp_option *o;
	int owner = 0, ambiguous;

	o = wbpf_argp_find(p, 0, tok, len, &owner, &ambiguous);
	if (!o && !(p->state.flags & ARGP_NO_HELP)) {
		static const char *const names[] = { "help", "usage", "version" };
		static const int keys[] = { WBPF_ARGP_KEY_HELP, WBPF_ARGP_KEY_USAGE,
					    WBPF_ARGP_KEY_VERSION };
		int k, hit = -1, hits = 0;

		for (k = 0; k < 3; k++) {
			if (k == 2 && !wbpf_argp_has_version())
				continue;
			if (strncmp(names[k], tok, len) == 0) {
				if (strlen(names[k]) == len) {
					hit = k;
					hits = 1;
					break;
				}
				hit = k;
				hits++;
			}
		}
		if (hits == 1 && len && !eq && wbpf_argp_builtin(p, keys[hit]))
			return 0;
	}
	if (ambiguous)
		return wbpf_argp_ambiguous(p, tok, len, p->state.argv[*i]);
	if (!o)
		return wbpf_argp_fail(p, "unrecognized option '%s'", p->state.argv[*i]);
	if (!o->arg) {
		if (eq)
			return wbpf_argp_fail(p, "option '--%s' doesn't allow an argument",
					      o->name);
		return wbpf_argp_option(p, owner, o, NULL);
	}
	if (eq)
		return wbpf_argp_option(p, owner, o, eq + 1);
	if (o->flags & OPTION_ARG_OPTIONAL)
		return wbpf_argp_option(p, owner, o, NULL);
	if (*i + 1 >= p->state.argc)
		return wbpf_argp_fail(p, "option '%s' requires an argument", p->state.argv[*i]);
	(*i)++;
	return wbpf_argp_option(p, owner, o, p->state.argv[*i]);
}

static inline error_t wbpf_argp_short(struct wbpf_argp_parse *p, int *i)
{
	char *tok = p->state.argv[*i] + 1;
	const struct argp_option *o;
	int owner = 0, ambiguous;
	char what[2] = { 0, 0 };

	for (; *tok; tok++) {
		o = wbpf_argp_find(p, *tok, NULL, 0, &owner, &ambiguous);
		if (!o) {
			if (*tok == '?' && wbpf_argp_builtin(p, WBPF_ARGP_KEY_HELP))
				return 0;
			if (*tok == 'V' && wbpf_argp_builtin(p, WBPF_ARGP_KEY_VERSION))
				return 0;
			what[0] = *tok;
			return wbpf_argp_fail(p, "invalid option -- '%s'", what);
		}
		if (!o->arg) {
			error_t err = wbpf_argp_option(p, owner, o, NULL);

			if (err)
				return err;
			continue;
		}
		if (tok[1])
			return wbpf_argp_option(p, owner, o, tok + 1);
		if (o->flags & OPTION_ARG_OPTIONAL)
			return wbpf_argp_option(p, owner, o, NULL);
		if (*i + 1 >= p->state.argc) {
			what[0] = *tok;
			return wbpf_argp_fail(p, "option requires an argument -- '%s'", what);
		}
		(*i)++;
		return wbpf_argp_option(p, owner, o, p->state.argv[*i]);
	}
	return 0;
}

/* The non-option arguments rest[0..nrest): ARGP_KEY_ARG with rest[0] to
 * each parser; if none takes it, ARGP_KEY_ARGS with the arguments at
 * state->argv[state->next..]. *used is how many were consumed. */
static inline error_t wbpf_argp_arg(struct wbpf_argp_parse *p, char **rest, int nrest, int *used)
{
	struct argp_state *s = &p->state;
	char **saved_argv = s->argv;
	int saved_argc = s->argc, k;
	error_t err = ARGP_ERR_UNKNOWN;

	*used = 1;
	for (k = 0; k < p->walk.n && err == ARGP_ERR_UNKNOWN; k++)
		err = wbpf_argp_call(p, k, ARGP_KEY_ARG, rest[0]);
	if (err != ARGP_ERR_UNKNOWN) {
		if (!err)
			s->arg_num++;
		return err;
	}
	s->argv = rest;
	s->argc = nrest;
	for (k = 0; k < p->walk.n && err == ARGP_ERR_UNKNOWN; k++) {
		s->next = 0;
		err = wbpf_argp_call(p, k, ARGP_KEY_ARGS, NULL);
	}
	*used = s->next > 0 ? s->next : nrest;
	s->argv = saved_argv;
	s->argc = saved_argc;
	s->next = saved_argc;
	if (err == ARGP_ERR_UNKNOWN) {
		if (!(s->flags & ARGP_NO_ERRS)) {
			fprintf(s->err_stream, "%s: too many arguments\n", s->name);
			argp_state_help(s, s->err_stream, ARGP_HELP_STD_ERR);
		}
		return EINVAL;
	}
	if (!err)
		s->arg_num += *used;
	return err;
}

/* The arguments collected so far, in order. */
static inline error_t wbpf_argp_args(struct wbpf_argp_parse *p)
{
	error_t err = 0;
	int i = 0, used;

	while (!err && i < p->nargs) {
		err = wbpf_argp_arg(p, p->args + i, p->nargs - i, &used);
		i += used;
	}
	p->nargs = 0;
	return err;
}

static inline error_t argp_parse(const struct argp *argp, int argc, char **argv, unsigned flags,
				 int *arg_index, void *input)
{
	struct wbpf_argp_parse p;
	int i, first, only_args = 0, seen_args = 0;
	error_t err = 0;

	memset(&p, 0, sizeof(p));
	wbpf_argp_collect(&p.walk, argp, -1, 0);
	p.walk.inputs[0] = input;
	p.state.root_argp = argp;
	p.state.argc = argc;
	p.state.argv = argv;
	p.state.flags = flags;
	p.state.err_stream = stderr;
	p.state.out_stream = stdout;
	p.state.name = (char *)wbpf_argp_basename(argc > 0 ? argv[0] : NULL);
	p.args = calloc(argc > 0 ? argc : 1, sizeof(char *));
	if (!p.args)
		return ENOMEM;

	err = wbpf_argp_call_all(&p, ARGP_KEY_INIT, 0);
	first = (flags & ARGP_PARSE_ARGV0) ? 0 : 1;
	for (i = first; !err && i < argc; i++) {
		char *a = argv[i];

		p.state.next = i + 1;
		if (only_args || a[0] != '-' || !a[1]) {
			p.args[p.nargs++] = a;
			seen_args = 1;
			if (flags & ARGP_IN_ORDER)
				err = wbpf_argp_args(&p);
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			p.state.quoted = i + 1;
			continue;
		}
		err = a[1] == '-' ? wbpf_argp_long(&p, &i) : wbpf_argp_short(&p, &i);
	}
	p.state.next = argc;
	if (!err && (flags & ARGP_NO_ARGS) && p.nargs) {
		err = EINVAL;
		if (!(flags & ARGP_NO_ERRS)) {
			fprintf(stderr, "%s: too many arguments\n", p.state.name);
			argp_state_help(&p.state, stderr, ARGP_HELP_STD_ERR);
		}
	}
	if (!err)
		err = wbpf_argp_args(&p);
	if (!err && !seen_args)
		err = wbpf_argp_call_all(&p, ARGP_KEY_NO_ARGS, 0);
	if (!err)
		err = wbpf_argp_call_all(&p, ARGP_KEY_END, 1);
	if (!err)
		err = wbpf_argp_call_all(&p, ARGP_KEY_SUCCESS, 0);
	else
		wbpf_argp_call_all(&p, ARGP_KEY_ERROR, 0);
	wbpf_argp_call_all(&p, ARGP_KEY_FINI, 1);
	if (arg_index)
		*arg_index = argc;
	free(p.args);
	return err;
}

#endif /* __WBPF_ARGP_H */
#endif /* __wasm__ || WBPF_ARGP_NATIVE_TEST */
