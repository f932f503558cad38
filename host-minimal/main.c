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

#include "aot-compile.h"
#include "aot-select.h"
#include "bpf-state.h"
#include "btf-prefetch.h"
#include "engine-aot.h"
#include "engine.h"
#include "file.h"
#include "signals.h"
#include "vm.h"
#include "wasi.h"
#include "wasm-module.h"

#define TOOL "wasm-bpf"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: " TOOL " [OPTIONS] PROG.wasm|PROG.aot [ARGS...]\n"
		"Run a WebAssembly (wasm32-wasi) module that loads and drives eBPF programs\n"
		"through the wasm_bpf imports, with libbpf, on the running kernel.\n"
		"\n"
		"Options:\n"
		"  -a, --aot             run PROG.wasm as native code: compile it ahead of time\n"
		"                        (wasm2c and cc) on first use into the cache\n"
		"                        $XDG_CACHE_HOME/wbpf; without a compiler, interpret it\n"
		"      --compile[=FILE]  compile PROG.wasm ahead of time into FILE (an .aot\n"
		"                        module), or into the cache without FILE, and exit\n"
		"  -h, --help            print this help and exit\n"
		"  -V, --version         print the version and exit\n"
		"  -v, --verbose         print libbpf's debug log to stderr\n"
		"  -d, --dir DIR[::GUEST]\n"
		"                        let the guest use directory DIR (as GUEST; repeatable);\n"
		"                        without it the guest sees only stdin, stdout, stderr\n"
		"  -e, --env NAME=VALUE  set a variable in the guest's environment (repeatable);\n"
		"                        the host's own environment is not passed on\n"
		"\n"
		"PROG may also be an .aot module (wbpf aot, --compile), run as native code.\n"
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

static bool is_elf(const void *bytes, size_t len)
{
	return len >= 4 && memcmp(bytes, "\177ELF", 4) == 0;
}

/* --compile[=FILE]: 0 or 1, the exit status. */
static int compile_only(const char *path, const void *bytes, size_t len, const char *out)
{
	struct wbpf_wasm_info *info = NULL;
	struct wbpf_aot_file f;
	struct wbpf_aot_tools t;
	char err[1024];
	int ret;

	if (is_elf(bytes, len)) {
		fprintf(stderr, TOOL ": %s: already compiled ahead of time\n", path);
		return 1;
	}
	if (!out) {
		ret = wbpf_aot__from_cache(bytes, len, &f, err, sizeof(err));
		if (ret == 1)
			fprintf(stderr, TOOL ": %s: cannot compile it ahead of time: %s\n", path,
				err);
		else if (ret < 0 || err[0])
			fprintf(stderr, TOOL ": %s: %s\n", path, err);
		if (ret == 0)
			wbpf_aot_file__release(&f);
		return ret ? 1 : 0;
	}
	ret = wbpf_wasm__inspect(bytes, len, &info, err, sizeof(err));
	if (ret) {
		fprintf(stderr, TOOL ": %s: %s\n", path, err);
		return 1;
	}
	ret = wbpf_aot__tools(&t, err, sizeof(err));
	if (!ret)
		ret = wbpf_aot__compile(&t, bytes, len, info, out, err, sizeof(err));
	wbpf_wasm_info__free(info);
	if (ret) {
		fprintf(stderr, TOOL ": %s: cannot compile it ahead of time: %s\n", path, err);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "dir", required_argument, NULL, 'd' },
		{ "env", required_argument, NULL, 'e' },
		{ "aot", no_argument, NULL, 'a' },
		{ "compile", optional_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	char **dirs = calloc(argc, sizeof(char *)), **envs = calloc(argc, sizeof(char *));
	int ndirs = 0, nenvs = 0, verbose = 0, c, err, status = 1;
	bool vm_ready = false, aot = false, compile = false;
	const char *path = NULL, *bad_dir, *compile_out = NULL;
	struct wbpf_aot_file aot_file = { .fd = -1 };
	const struct wbpf_engine_ops *ops = &wbpf_engine_interp;
	struct wbpf_aot_note note;
	void *bytes = NULL;
	char errbuf[1024];
	struct wbpf_vm vm;
	int fd = -1;
	size_t len;

	if (!dirs || !envs) {
		fprintf(stderr, TOOL ": out of memory\n");
		goto out;
	}
	/* '+': stop at PROG.wasm, so the guest's own options pass through */
	while ((c = getopt_long(argc, argv, "+hVvad:e:", opts, NULL)) != -1) {
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
		case 'a':
			aot = true;
			break;
		case 'c':
			compile = true;
			compile_out = optarg;
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
	fd = open(path, O_RDONLY | O_CLOEXEC);
	bytes = fd >= 0 ? wbpf_file__read_fd(fd, &len) : NULL;
	if (!bytes) {
		fprintf(stderr, TOOL ": %s: %s\n", path, strerror(errno));
		goto out;
	}
	if (compile) {
		status = compile_only(path, bytes, len, compile_out);
		goto out;
	}
	if (is_elf(bytes, len)) {
		/* an .aot module: its descriptor is checked before any of it runs */
		if (wbpf_aot__read_note(bytes, len, &note, errbuf, sizeof(errbuf)) ||
		    wbpf_aot__check_sibling(path, &note, errbuf, sizeof(errbuf))) {
			fprintf(stderr, TOOL ": %s: %s\n", path, errbuf);
			goto out;
		}
		ops = &wbpf_engine_aot;
	} else if (aot) {
		err = wbpf_aot__from_cache(bytes, len, &aot_file, errbuf, sizeof(errbuf));
		if (err < 0) {
			fprintf(stderr, TOOL ": %s: %s\n", path, errbuf);
			goto out;
		}
		if (err == 1) {
			fprintf(stderr, TOOL ": %s: %s: running it in the interpreter\n", path,
				errbuf);
		} else {
			if (errbuf[0])
				fprintf(stderr, TOOL ": %s: %s\n", path, errbuf);
			free(bytes);
			close(fd);
			bytes = aot_file.bytes;
			len = aot_file.len;
			fd = aot_file.fd;
			aot_file.bytes = NULL;
			aot_file.fd = -1;
			ops = &wbpf_engine_aot;
		}
	}

	err = wbpf_vm__init(&vm, path);
	if (err) {
		fprintf(stderr, TOOL ": %s: %s\n", path, strerror(-err));
		goto out;
	}
	vm_ready = true;
	vm.ops = ops;
	vm.module_fd = fd;
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

	/* the kernel's BTF for the guest's first load, parsed meanwhile */
	wbpf_btf_prefetch__start(bytes, len);
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
	wbpf_btf_prefetch__stop();
	if (fd >= 0)
		close(fd);
	free(bytes);
	free(dirs);
	free(envs);
	return status;
}
