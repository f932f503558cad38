// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* wbpf_output__write(): shared by wbpf-bindgen, wbpf-skel and btf2wit. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wbpf-output.h"

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

static int write_in_place(const char *path, const void *buf, size_t len)
{
	int fd, err;

	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = write_all(fd, buf, len);
	if (close(fd) && !err)
		err = -errno;
	return err;
}

int wbpf_output__write(const char *path, const void *buf, size_t len)
{
	struct stat st;
	mode_t um;
	char *tmp;
	int fd, err;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_in_place(path, buf, len);

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = -errno;
		free(tmp);
		return err;
	}
	/* mkstemp() creates 0600; give the file the mode open() would */
	um = umask(0);
	umask(um);
	err = write_all(fd, buf, len);
	if (!err && fchmod(fd, 0666 & ~um))
		err = -errno;
	if (close(fd) && !err)
		err = -errno;
	if (!err && rename(tmp, path))
		err = -errno;
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}
