// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wasm-bpf: run a wasm32-wasi module that drives eBPF programs through the
 * `wasm_bpf` imports, against the real kernel.
 *
 *	wasm-bpf [options] prog.wasm [args...]
 *
 * Exit status: the guest's (proc_exit or main's return); 134 when it traps;
 * 128 + signal when the host has to stop it after SIGINT/SIGTERM; 1 when the
 * host cannot run it at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bpf-state.h"
#include "engine.h"
#include "signals.h"
#include "vm.h"
#include "wasi.h"

#define TOOL "wasm-bpf"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: " TOOL " [OPTIONS] PROG.wasm [ARGS...]\n"
		"Run a WebAssembly (wasm32-wasi) module that loads and drives eBPF programs\n"
		"through the wasm_bpf imports, with libbpf, on the running kernel.\n"
		"\n"
		"Options:\n"
		"  -h, --help            print this help and exit\n"
		"  -V, --version         print the version and exit\n"
		"  -v, --verbose         print libbpf's debug log to stderr\n"
		"  -d, --dir DIR[::GUEST]\n"
		"                        let the guest use directory DIR (as GUEST; repeatable);\n"
		"                        without it the guest sees only stdin, stdout, stderr\n"
		"  -e, --env NAME=VALUE  set a variable in the guest's environment (repeatable);\n"
		"                        the host's own environment is not passed on\n"
		"\n"
		"ARGS are passed to the guest after its argv[0], PROG.wasm. The exit status is\n"
		"the guest's; 134 if it traps; 128+N if the host must stop it after signal N.\n"
		"Needs root (CAP_BPF, CAP_PERFMON) as soon as the guest loads BPF objects.\n");
}

static void print_note(struct wbpf_vm *vm, const char *msg)
{
	fprintf(stderr, TOOL ": %s: %s\n", vm->wasm_path, msg);
}

/* libbpf's messages under -v, as libbpf itself prints them */
static void print_log(struct wbpf_vm *vm, const char *msg)
{
	(void)vm;
	fputs(msg, stderr);
}

/* The whole file, or NULL with errno set. */
static void *read_file(const char *path, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap), *nb;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	ssize_t r;
	int err;

	if (fd < 0 || !buf)
		goto fail;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	for (;;) {
		if (n == cap) {
			nb = realloc(buf, cap * 2);
			if (!nb)
				goto fail;
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	*len = n;
	return buf;
fail:
	err = errno;
	if (fd >= 0)
		close(fd);
	free(buf);
	errno = err;
	return NULL;
}

static bool is_aot_path(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && strcmp(path + n - 4, ".aot") == 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },	 { "version", no_argument, NULL, 'V' },
		{ "verbose", no_argument, NULL, 'v' },	 { "dir", required_argument, NULL, 'd' },
		{ "env", required_argument, NULL, 'e' }, { NULL, 0, NULL, 0 },
	};
	char **dirs = calloc(argc, sizeof(char *)), **envs = calloc(argc, sizeof(char *));
	int ndirs = 0, nenvs = 0, verbose = 0, c, err, status = 1;
	bool vm_ready = false;
	const char *path = NULL, *bad_dir;
	void *bytes = NULL;
	char errbuf[512];
	struct wbpf_vm vm;
	size_t len;

	if (!dirs || !envs) {
		fprintf(stderr, TOOL ": out of memory\n");
		goto out;
	}
	/* '+': stop at PROG.wasm, so the guest's own options pass through */
	while ((c = getopt_long(argc, argv, "+hVvd:e:", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			status = 0;
			goto out;
		case 'V':
			printf(TOOL " (wbpf) %s\n", WBPF_VERSION);
			status = 0;
			goto out;
		case 'v':
			verbose++;
			break;
		case 'd':
			dirs[ndirs++] = optarg;
			break;
		case 'e':
			if (!strchr(optarg, '=') || optarg[0] == '=') {
				fprintf(stderr, TOOL ": --env %s: expected NAME=VALUE\n", optarg);
				goto out;
			}
			envs[nenvs++] = optarg;
			break;
		default:
			fprintf(stderr, "Try '" TOOL " --help' for more information.\n");
			goto out;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, TOOL ": no module given\n");
		fprintf(stderr, "Try '" TOOL " --help' for more information.\n");
		goto out;
	}
	path = argv[optind];
	/* Room for ahead-of-time compiled modules (issue 8): another engine
	 * adapter behind the same engine.h, chosen here by file. */
	if (is_aot_path(path)) {
		fprintf(stderr,
			TOOL ": %s: ahead-of-time modules are not supported by this build\n", path);
		goto out;
	}
	bytes = read_file(path, &len);
	if (!bytes) {
		fprintf(stderr, TOOL ": %s: %s\n", path, strerror(errno));
		goto out;
	}

	err = wbpf_vm__init(&vm, path);
	if (err) {
		fprintf(stderr, TOOL ": %s: %s\n", path, strerror(-err));
		goto out;
	}
	vm_ready = true;
	vm.verbose = verbose;
	vm.note = print_note;
	vm.log = print_log;
	vm.wasi = wbpf_wasi__new(argc - optind, argv + optind, nenvs, envs, ndirs, dirs, &bad_dir);
	if (!vm.wasi) {
		if (bad_dir)
			fprintf(stderr, TOOL ": --dir %s: %s\n", bad_dir, strerror(errno));
		else
			fprintf(stderr, TOOL ": %s: %s\n", path, strerror(errno));
		goto out;
	}
	wbpf_bpf__install_print(&vm);
	err = wbpf_signal__install();
	if (err) {
		fprintf(stderr, TOOL ": cannot install signal handlers: %s\n", strerror(-err));
		goto out;
	}

	err = vm.ops->load(&vm, bytes, len, &vm.engine, errbuf, sizeof(errbuf));
	free(bytes);
	bytes = NULL;
	if (err) {
		fprintf(stderr, TOOL ": %s: %s\n", path, errbuf);
		goto out;
	}

	err = wbpf_watchdog__start(&vm, WBPF_GRACE_MS);
	if (err) {
		fprintf(stderr, TOOL ": cannot start the watchdog: %s\n", strerror(-err));
		goto out;
	}
	err = vm.ops->run_start(vm.engine);
	wbpf_watchdog__stop();

	if (vm.exited) {
		status = vm.exit_code;
	} else if (err) {
		fprintf(stderr, TOOL ": %s: trap: %s\n", path, vm.trap_msg);
		status = WBPF_EXIT_TRAP;
	} else {
		status = 0;
	}
out:
	if (vm_ready)
		wbpf_vm__cleanup(&vm);
	free(bytes);
	free(dirs);
	free(envs);
	return status;
}
