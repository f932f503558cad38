// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Runs a program for the benchmarks and measures it from outside:
 *
 *   bench-exec rss OUT -- CMD [ARGS...]
 *       runs CMD (standard streams inherited); when it ends, writes
 *       "rss_kb=N status=S" (its peak resident set, from wait4) to OUT;
 *       exits with its status
 *   bench-exec startup RUNS TRIGGER -- CMD [ARGS...]
 *       RUNS times: starts CMD with its standard output on a pipe and
 *       measures, from just before the fork, the time until it prints its
 *       header line (a libbpf-bootstrap style tool prints it once its
 *       programs are attached: "TIME ..."), then runs TRIGGER (a program
 *       whose exec the tool reports) and measures until the line naming it
 *       ("EXEC ... TRIGGER-NAME"); then stops CMD with SIGINT. Prints
 *       "startup attached_ms=MEDIAN first_event_ms=MEDIAN rss_kb=MAX runs=RUNS"
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int run_rss(const char *out, char **cmd)
{
	struct rusage ru;
	int status;
	pid_t pid;
	FILE *f;

	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		execvp(cmd[0], cmd);
		perror(cmd[0]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return 1;
	f = fopen(out, "w");
	if (f) {
		fprintf(f, "rss_kb=%ld status=%d\n", ru.ru_maxrss,
			WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		fclose(f);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* Reads the child's output until a line holding `want` (at line start if
 * at_start), or the deadline; 0 when found. */
static int wait_line(int fd, char *buf, size_t *len, size_t cap, const char *want, int at_start,
		     double deadline)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char *line, *nl;
	ssize_t n;

	for (;;) {
		line = buf;
		while ((nl = memchr(line, '\n', *len - (line - buf)))) {
			*nl = 0;
			if (at_start ? strncmp(line, want, strlen(want)) == 0 :
				       !!strstr(line, want)) {
				*len -= nl + 1 - buf;
				memmove(buf, nl + 1, *len);
				return 0;
			}
			line = nl + 1;
		}
		*len -= line - buf;
		memmove(buf, line, *len);
		if (now_ms() > deadline || poll(&p, 1, 100) < 0)
			return -1;
		if (!(p.revents & (POLLIN | POLLHUP)))
			continue;
		if (*len == cap)
			*len = 0; /* a line longer than the buffer: drop it */
		n = read(fd, buf + *len, cap - *len);
		if (n <= 0)
			return -1;
		*len += n;
	}
}

static int run_startup(int runs, const char *trigger, char **cmd)
{
	double attached[64], event[64], t0;
	const char *name = strrchr(trigger, '/') ? strrchr(trigger, '/') + 1 : trigger;
	long rss = 0;
	char buf[8192];
	struct rusage ru;
	int i, fds[2], status, ok = 0;
	size_t len;
	pid_t pid, tp;

	if (runs < 1 || runs > 64)
		return 2;
	for (i = 0; i < runs; i++) {
		if (pipe(fds))
			return 1;
		t0 = now_ms();
		pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			dup2(fds[1], 1);
			close(fds[0]);
			close(fds[1]);
			execvp(cmd[0], cmd);
			perror(cmd[0]);
			_exit(127);
		}
		close(fds[1]);
		len = 0;
		if (wait_line(fds[0], buf, &len, sizeof(buf), "TIME", 1, t0 + 20000) == 0) {
			attached[i] = now_ms() - t0;
			tp = fork();
			if (tp == 0) {
				execl(trigger, name, (char *)NULL);
				_exit(127);
			}
			waitpid(tp, NULL, 0);
			if (wait_line(fds[0], buf, &len, sizeof(buf), name, 0, t0 + 20000) == 0) {
				event[i] = now_ms() - t0;
				ok++;
			} else {
				event[i] = -1;
			}
		} else {
			attached[i] = event[i] = -1;
		}
		kill(pid, SIGINT);
		close(fds[0]);
		if (wait4(pid, &status, 0, &ru) == pid && ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
	}
	if (ok != runs) {
		fprintf(stderr, "bench-exec: %s: %d of %d runs showed the header and the event\n",
			cmd[0], ok, runs);
		return 1;
	}
	qsort(attached, runs, sizeof(double), cmp_double);
	qsort(event, runs, sizeof(double), cmp_double);
	printf("startup attached_ms=%.2f first_event_ms=%.2f rss_kb=%ld runs=%d\n",
	       attached[runs / 2], event[runs / 2], rss, runs);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 4 && strcmp(argv[1], "rss") == 0 && strcmp(argv[3], "--") == 0)
		return run_rss(argv[2], argv + 4);
	if (argc > 5 && strcmp(argv[1], "startup") == 0 && strcmp(argv[4], "--") == 0)
		return run_startup(atoi(argv[2]), argv[3], argv + 5);
	fprintf(stderr, "usage: bench-exec rss OUT -- CMD [ARGS...]\n"
			"       bench-exec startup RUNS TRIGGER -- CMD [ARGS...]\n");
	return 2;
}
