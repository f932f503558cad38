/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The one-line reason the module reader, the engines and the AOT compiler,
 * cache and selector leave in their caller's buffer (err, err_sz) beside
 * the -errno they return. Library code never prints: the CLI prints this.
 */
#ifndef __WBPF_ERRMSG_H
#define __WBPF_ERRMSG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

static inline int wbpf_set_err(char *err, size_t err_sz, int ret, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* fmt's text into err (cut to err_sz); returns ret, for
 * `return wbpf_set_err(err, err_sz, -EINVAL, "...")`. */
static inline int wbpf_set_err(char *err, size_t err_sz, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, err_sz, fmt, ap);
	va_end(ap);
	return ret;
}

#endif /* __WBPF_ERRMSG_H */
