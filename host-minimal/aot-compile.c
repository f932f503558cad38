// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * `wasm-bpf --compile`: a module to an .aot file. The steps, in a temporary
 * directory beside the output:
 *
 *   m.wasm     the module's bytes (those that were read and checked)
 *   m.c, m.h   wasm2c -n m m.wasm -o m.c
 *   glue.c     aot-gen.c's import glue, with aot-glue.h and aot-runtime.c
 *   m.so       cc -shared of m.c (compiled with the host's memory cap hook),
 *              glue.c and wasm2c's runtime wasm-rt-impl.c
 *
 * then m.so is renamed to the output. The two big compiles run in parallel.
 * Tool output goes to a log whose first error line is the one-line reason
 * when a step fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "aot-compile.h"
#include "aot-gen.h"
#include "errmsg.h"
#include "wasm-module.h"

extern char **environ;

/* The text of aot-glue.h and aot-runtime.c (aot-sources.c, made by the
 * build from the files themselves). */
extern const char wbpf_aot_src_glue_h[];
extern const char wbpf_aot_src_runtime_c[];

#define DEFAULT_RUNTIME_DIR "/usr/src/wasm2c"

void wbpf_sha256(const void *data, size_t len, uint8_t out[WBPF_SHA256_SIZE])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, WBPF_SHA256_SIZE, out);
}

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

/* Is the command word (a path, or a name looked up in PATH) executable? */
static int in_path(const char *cmd, size_t n)
{
	char word[PATH_MAX], path[PATH_MAX];
	const char *dirs = getenv("PATH"), *d, *colon;

	if (n == 0 || n >= sizeof(word))
		return 0;
	memcpy(word, cmd, n);
	word[n] = 0;
	if (strchr(word, '/'))
		return access(word, X_OK) == 0;
	for (d = dirs ? dirs : ""; *d; d = colon + 1) {
		colon = strchrnul(d, ':');
		if (snprintf(path, sizeof(path), "%.*s/%s", (int)(colon - d), d[0] == ':' ? "." : d,
			     word) < (int)sizeof(path) &&
		    access(path, X_OK) == 0)
			return 1;
		if (!*colon)
			break;
	}
	return 0;
}

int wbpf_aot__tools(struct wbpf_aot_tools *t, char *err, size_t err_sz)
{
	char rt[PATH_MAX];

	t->cc = env_or("CC", "cc");
	t->cflags = env_or("WBPF_AOT_CFLAGS", "-O2");
	t->wasm2c = env_or("WASM2C", "wasm2c");
	t->runtime_dir = env_or("WBPF_WASM2C_RUNTIME", DEFAULT_RUNTIME_DIR);
	if (!in_path(t->cc, strcspn(t->cc, " \t")))
		return wbpf_set_err(err, err_sz, -ENOENT, "no C compiler (%.*s not found in PATH)",
				    (int)strcspn(t->cc, " \t"), t->cc);
	if (!in_path(t->wasm2c, strlen(t->wasm2c)))
		return wbpf_set_err(err, err_sz, -ENOENT, "no wasm2c (%s not found in PATH)",
				    t->wasm2c);
	snprintf(rt, sizeof(rt), "%s/wasm-rt-impl.c", t->runtime_dir);
	if (access(rt, R_OK))
		return wbpf_set_err(err, err_sz, -ENOENT, "no wasm2c runtime (%s: %s)", rt,
				    strerror(errno));
	return 0;
}

struct job {
	char dir[PATH_MAX];
	int dir_fd;
	int log_fd;
};

static int write_file(const struct job *j, const char *name, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;
	int fd;

	fd = openat(j->dir_fd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			n = -errno;
			close(fd);
			return (int)n;
		}
		p += n;
		len -= n;
	}
	return close(fd) ? -errno : 0;
}

/* Starts argv in the job's directory with output to its log; the pid. */
static pid_t spawn(const struct job *j, char *const argv[])
{
	posix_spawn_file_actions_t fa;
	pid_t pid = -1;
	int err;

	if (posix_spawn_file_actions_init(&fa))
		return -1;
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, j->log_fd, 1);
	posix_spawn_file_actions_adddup2(&fa, j->log_fd, 2);
	posix_spawn_file_actions_addchdir_np(&fa, j->dir);
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		errno = err;
		return -1;
	}
	return pid;
}

static int wait_ok(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return 0;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The log's first line naming an error, else its last line. */
static void log_line(const struct job *j, char *out, size_t sz)
{
	char line[512];
	FILE *f;
	int fd;

	out[0] = 0;
	fd = openat(j->dir_fd, "log", O_RDONLY | O_CLOEXEC);
	f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0])
			continue;
		if (strlen(line) >= sz)
			line[sz - 1] = 0;
		strcpy(out, line);
		if (strstr(line, "error"))
			break;
	}
	fclose(f);
}

/*
 * The compiler's command lines ("%1$s": the compiler and its flags, "%2$s":
 * wasm2c's runtime directory). Only wbpf_aot_module is exported. No
 * sibling calls in wasm2c's code: unbounded recursion must exhaust the
 * stack and trap, as in the interpreter, not become a loop that never ends.
 * wasm2c's memory allocation goes through the host's cap (aot-runtime.c).
 */
static const char aot_cc_module[] =
	"exec %1$s -fPIC -fvisibility=hidden -fno-optimize-sibling-calls -D_GNU_SOURCE "
	"-DWASM_RT_SKIP_SIGNAL_RECOVERY=1 -Dwasm_rt_allocate_memory=wbpf_glue_allocate_memory "
	"-c m.c -o m.o";
static const char aot_cc_glue[] =
	"%1$s -fPIC -fvisibility=hidden -D_GNU_SOURCE -DWASM_RT_SKIP_SIGNAL_RECOVERY=1 -I. "
	"-I'%2$s' -c glue.c -o glue.o && exec %1$s -fPIC -fvisibility=hidden "
	"-DWASM_RT_SKIP_SIGNAL_RECOVERY=1 -I'%2$s' -c '%2$s/wasm-rt-impl.c' -o rt.o";
static const char aot_cc_link[] = "exec %1$s -shared -fPIC -o m.so m.o glue.o rt.o -lm";

const char *wbpf_aot__recipe(void)
{
	static char recipe[sizeof(aot_cc_module) + sizeof(aot_cc_glue) + sizeof(aot_cc_link)];

	if (!recipe[0])
		snprintf(recipe, sizeof(recipe), "%s\n%s\n%s", aot_cc_module, aot_cc_glue,
			 aot_cc_link);
	return recipe;
}

/* A compiler command line through the shell, so CC may carry arguments:
 * "%1$s" in fmt is the compiler with its flags. */
static pid_t spawn_cc(const struct job *j, const struct wbpf_aot_tools *t, const char *fmt)
{
	char cc[PATH_MAX], cmd[4 * PATH_MAX];
	char *argv[] = { "/bin/sh", "-c", cmd, NULL };

	snprintf(cc, sizeof(cc), "%s %s", t->cc, t->cflags);
	snprintf(cmd, sizeof(cmd), fmt, cc, t->runtime_dir);
	return spawn(j, argv);
}

static int step_failed(const struct job *j, const char *what, char *err, size_t err_sz)
{
	char line[256];

	log_line(j, line, sizeof(line));
	return wbpf_set_err(err, err_sz, -EIO, "%s failed%s%s", what, line[0] ? ": " : "", line);
}

static char *read_text(const struct job *j, const char *name)
{
	struct stat st;
	char *buf;
	ssize_t n;
	int fd;

	fd = openat(j->dir_fd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !(buf = malloc(st.st_size + 1))) {
		close(fd);
		return NULL;
	}
	n = read(fd, buf, st.st_size);
	close(fd);
	if (n != st.st_size) {
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	return buf;
}

static int gen_glue(const struct job *j, const struct wbpf_wasm_info *info,
		    const uint8_t sha[WBPF_SHA256_SIZE], char *err, size_t err_sz)
{
	char *h = read_text(j, "m.h");
	FILE *f = NULL;
	int fd, ret;

	if (!h)
		return wbpf_set_err(err, err_sz, -EIO, "wasm2c wrote no header");
	fd = openat(j->dir_fd, "glue.c", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0)
		f = fdopen(fd, "w");
	if (!f) {
		ret = wbpf_set_err(err, err_sz, -errno, "glue.c: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		free(h);
		return ret;
	}
	ret = wbpf_aot_gen__glue(f, h, "m.h", info, sha, err, err_sz);
	if (fclose(f) && !ret)
		ret = wbpf_set_err(err, err_sz, -EIO, "glue.c: %s", strerror(errno));
	free(h);
	return ret;
}

static int build(struct job *j, const struct wbpf_aot_tools *t, const void *bytes, size_t len,
		 const struct wbpf_wasm_info *info, const uint8_t sha[WBPF_SHA256_SIZE], char *err,
		 size_t err_sz)
{
	char *w2c_argv[] = {
		(char *)t->wasm2c, "-n", WBPF_AOT_W2C_NAME, "m.wasm", "-o", "m.c", NULL
	};
	pid_t big, small;
	int ret, ok;

	ret = write_file(j, "m.wasm", bytes, len);
	if (!ret)
		ret = write_file(j, "aot-glue.h", wbpf_aot_src_glue_h, strlen(wbpf_aot_src_glue_h));
	if (!ret)
		ret = write_file(j, "aot-runtime.c", wbpf_aot_src_runtime_c,
				 strlen(wbpf_aot_src_runtime_c));
	if (ret)
		return wbpf_set_err(err, err_sz, ret, "%s: %s", j->dir, strerror(-ret));

	big = spawn(j, w2c_argv);
	if (big < 0)
		return wbpf_set_err(err, err_sz, -errno, "%s: %s", t->wasm2c, strerror(errno));
	if (!wait_ok(big))
		return step_failed(j, "wasm2c", err, err_sz);
	ret = gen_glue(j, info, sha, err, err_sz);
	if (ret)
		return ret;

	/* wasm2c's C is the big compile: the rest runs beside it */
	big = spawn_cc(j, t, aot_cc_module);
	small = spawn_cc(j, t, aot_cc_glue);
	ok = big > 0 && wait_ok(big);
	ok = small > 0 && wait_ok(small) && ok;
	if (!ok)
		return step_failed(j, "the C compiler", err, err_sz);
	big = spawn_cc(j, t, aot_cc_link);
	if (big < 0 || !wait_ok(big))
		return step_failed(j, "linking", err, err_sz);
	return 0;
}

static void job_clean(struct job *j)
{
	static const char *const files[] = { "m.wasm",	   "m.c",	    "m.h", "glue.c",
					     "aot-glue.h", "aot-runtime.c", "m.o", "glue.o",
					     "rt.o",	   "m.so",	    "log" };
	size_t i;

	if (j->log_fd >= 0)
		close(j->log_fd);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlinkat(j->dir_fd, files[i], 0);
	close(j->dir_fd);
	rmdir(j->dir);
}

int wbpf_aot__compile(const struct wbpf_aot_tools *t, const void *bytes, size_t len,
		      const struct wbpf_wasm_info *info, const char *out, char *err, size_t err_sz)
{
	uint8_t sha[WBPF_SHA256_SIZE];
	struct job j = { .dir_fd = -1, .log_fd = -1 };
	const char *slash;
	int ret;

	wbpf_sha256(bytes, len, sha);

	slash = strrchr(out, '/');
	if ((size_t)snprintf(j.dir, sizeof(j.dir), "%.*s%s.wbpf-aot-XXXXXX",
			     slash ? (int)(slash - out) : 0, out,
			     slash ? "/" : "") >= sizeof(j.dir))
		return wbpf_set_err(err, err_sz, -ENAMETOOLONG, "%s: path too long", out);
	if (!mkdtemp(j.dir))
		return wbpf_set_err(err, err_sz, -errno,
				    "%s: cannot make a temporary directory: %s", out,
				    strerror(errno));
	j.dir_fd = open(j.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (j.dir_fd < 0) {
		ret = wbpf_set_err(err, err_sz, -errno, "%s: %s", j.dir, strerror(errno));
		rmdir(j.dir);
		return ret;
	}
	j.log_fd = openat(j.dir_fd, "log", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (j.log_fd < 0) {
		ret = wbpf_set_err(err, err_sz, -errno, "log: %s", strerror(errno));
		goto clean;
	}
	ret = build(&j, t, bytes, len, info, sha, err, err_sz);
	if (ret)
		goto clean;
	if (renameat(j.dir_fd, "m.so", AT_FDCWD, out))
		ret = wbpf_set_err(err, err_sz, -errno, "%s: %s", out, strerror(errno));
clean:
	job_clean(&j);
	return ret;
}
