// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wbpf_skel__gen(): read the object, print its skeleton.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "skel-internal.h"
#include "wbpf-skel.h"

static __thread char skel_errstr[512];

int skel_fail(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(skel_errstr, sizeof(skel_errstr), fmt, ap);
	va_end(ap);
	return -(err ? err : EINVAL);
}

const char *wbpf_skel_errstr(void)
{
	return skel_errstr;
}

int wbpf_skel__gen(const char *path, FILE *out, const struct wbpf_skel_opts *opts)
{
	const char *name = NULL;
	bool compress = true;
	struct skel_obj so;
	int err;

	if (!path || !out)
		return skel_fail(EINVAL, "no object or output given");
	if (opts && opts->sz >= offsetof(struct wbpf_skel_opts, name) + sizeof(opts->name))
		name = opts->name;
	if (opts &&
	    opts->sz >= offsetof(struct wbpf_skel_opts, no_compress) + sizeof(opts->no_compress))
		compress = !opts->no_compress;
	err = skel_obj__open(&so, path, name);
	if (!err)
		err = skel_emit(&so, compress, out);
	skel_obj__close(&so);
	return err;
}
