// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The fixed part of every ahead-of-time compiled module. Not built into the
 * host: wasm-bpf carries this text and compiles it into each .aot, included
 * by the glue aot-gen.c writes for the module, after it has included
 * wasm2c's header and defined:
 *
 *   GLUE_INSTANCE_T          wasm2c's instance type
 *   GLUE_INIT_MODULE()       wasm2c's module initialisation
 *   GLUE_INSTANTIATE(w, abi, wasi)  wasm2c's instantiate, arguments in its order
 *   GLUE_START(w)            the _start export
 *   GLUE_FREE(w)             wasm2c's free
 *   GLUE_MEMORY(w)           wasm_rt_memory_t * of memory 0, or NULL
 *   GLUE_TABLE(w)            wasm_rt_funcref_table_t * of table 0, or NULL
 *
 * Traps. wasm2c's code calls wasm_rt_trap(), which jumps to wasm_rt_jmp_buf.
 * Every entry from the host into guest code (instantiate, _start, each
 * callback) saves the jump buffer of the entry it is nested in, sets its
 * own, and puts the outer one back on the way out. So a trap inside a
 * callback returns to that callback's caller in the host, which unwinds
 * through libbpf as usual; no jump ever crosses host frames. A host call
 * that stops the guest (WBPF_TRAP: a trap or proc_exit) returns first, then
 * traps from the guest's side.
 *
 * Memory. wasm2c reserves 8 GiB per memory and makes only its pages
 * accessible (WASM_RT_MEMCHECK_SIGNAL_HANDLER): every wasm32 address plus
 * offset falls inside the reservation, so an access out of bounds faults
 * instead of being checked. wasm2c's own handler (disabled here with
 * WASM_RT_SKIP_SIGNAL_RECOVERY) turns every SIGSEGV of the process into a
 * trap, host bugs included. This one traps only faults raised while guest
 * code runs: inside the reservation (out of bounds) or elsewhere (the
 * native stack's guard page: call stack exhausted). Any other fault finds
 * the handler that was there before, and the host crashes as it would have.
 *
 * One guest per process, run by one thread: the state below is global.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aot-glue.h"
#include "wasm-rt-impl.h"

/* A trap the host asked for: its reason is already in the host's vm. */
#define GLUE_TRAP_HOST 100
/* Host calls need native stack too: they trap when less than this is left. */
#define GLUE_STACK_RESERVE (256u << 10)
/* wasm2c's reservation per memory (wasm-rt-impl.c). */
#define GLUE_RESERVATION 0x200000000ull

struct glue_inst;

/* The import "instances" wasm2c passes to every imported function. */
struct Z_wasm_bpf_instance_t {
	struct glue_inst *g;
};

struct Z_wasi_snapshot_preview1_instance_t {
	struct glue_inst *g;
};

struct glue_inst {
	GLUE_INSTANCE_T w2c;
	struct Z_wasm_bpf_instance_t abi;
	struct Z_wasi_snapshot_preview1_instance_t wasi;
	struct wbpf_aot_host host;
	uint32_t cb_type; /* wasm2c's id of (i32, i32, i32) -> i32 */
};

static volatile sig_atomic_t glue_in_guest;
static wasm_rt_memory_t *volatile glue_mem;
static uintptr_t glue_stack_limit;
static uint32_t glue_max_pages = 65536;
static struct sigaction glue_old_segv, glue_old_bus;
static stack_t glue_old_altstack;
static void *glue_altstack;
static int glue_faults_set;
static int glue_module_ready;

static const char *glue_strerror(int code)
{
	switch (code) {
	case WASM_RT_TRAP_OOB:
		return "out of bounds memory access";
	case WASM_RT_TRAP_INT_OVERFLOW:
		return "integer overflow";
	case WASM_RT_TRAP_DIV_BY_ZERO:
		return "integer divide by zero";
	case WASM_RT_TRAP_INVALID_CONVERSION:
		return "invalid conversion to integer";
	case WASM_RT_TRAP_UNREACHABLE:
		return "unreachable executed";
	case WASM_RT_TRAP_CALL_INDIRECT:
		return "indirect call: undefined table index, uninitialized element or "
		       "signature mismatch";
	case WASM_RT_TRAP_EXHAUSTION:
		return "call stack exhausted";
	case GLUE_TRAP_HOST:
		return "stopped by the host";
	default:
		return "trap";
	}
}

/* Where the last out-of-bounds fault was, for the trap's message. */
static volatile uint64_t glue_fault_at;

static void glue_on_fault(int sig, siginfo_t *si, void *uc)
{
	wasm_rt_memory_t *mem = glue_mem;
	uintptr_t a = (uintptr_t)si->si_addr;

	(void)uc;
	if (glue_in_guest) {
		glue_in_guest = 0;
		if (mem && mem->data && a - (uintptr_t)mem->data < GLUE_RESERVATION) {
			glue_fault_at = a - (uintptr_t)mem->data;
			wasm_rt_trap(WASM_RT_TRAP_OOB);
		}
		wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
	}
	/* Not the guest's: back to what was there; returning re-runs the
	 * faulting instruction under it. */
	sigaction(sig, sig == SIGSEGV ? &glue_old_segv : &glue_old_bus, NULL);
}

static int glue_faults_install(void)
{
	size_t alt = 64u << 10;
	long min = sysconf(_SC_SIGSTKSZ);
	pthread_attr_t attr;
	struct sigaction sa;
	stack_t ss;
	void *lo;
	size_t sz;

	if (glue_faults_set)
		return 0;
	if (pthread_getattr_np(pthread_self(), &attr) == 0) {
		if (pthread_attr_getstack(&attr, &lo, &sz) == 0)
			glue_stack_limit = (uintptr_t)lo + GLUE_STACK_RESERVE;
		pthread_attr_destroy(&attr);
	}
	if (min > 0 && (size_t)min > alt)
		alt = (size_t)min;
	glue_altstack = malloc(alt);
	if (!glue_altstack)
		return -ENOMEM;
	ss.ss_sp = glue_altstack;
	ss.ss_flags = 0;
	ss.ss_size = alt;
	if (sigaltstack(&ss, &glue_old_altstack))
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = glue_on_fault;
	/* SA_NODEFER: the trap leaves the handler by siglongjmp to a buffer
	 * saved without the signal mask (no system call per guest entry) */
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &glue_old_segv) || sigaction(SIGBUS, &sa, &glue_old_bus))
		return -errno;
	glue_faults_set = 1;
	return 0;
}

static void glue_faults_remove(void)
{
	if (!glue_faults_set)
		return;
	sigaction(SIGSEGV, &glue_old_segv, NULL);
	sigaction(SIGBUS, &glue_old_bus, NULL);
	sigaltstack(&glue_old_altstack, NULL);
	free(glue_altstack);
	glue_altstack = NULL;
	glue_faults_set = 0;
}

/* wasm2c's generated code allocates memory through this (the build
 * defines wasm_rt_allocate_memory to it for that file): the host's cap
 * applies from the first instruction, start function included. */
void wbpf_glue_allocate_memory(wasm_rt_memory_t *mem, uint32_t initial, uint32_t max)
{
	wasm_rt_allocate_memory(mem, initial, max < glue_max_pages ? max : glue_max_pages);
}

typedef void (*glue_fn)(struct glue_inst *g, void *arg);

/* Runs fn as guest code: 0, or the trap code after telling the host why. */
static int glue_enter(struct glue_inst *g, glue_fn fn, void *arg)
{
	sig_atomic_t was_in = glue_in_guest;
	jmp_buf outer;
	int code;
	char msg[160];

	memcpy(outer, wasm_rt_jmp_buf, sizeof(outer));
	code = sigsetjmp(wasm_rt_jmp_buf, 0);
	if (code == 0) {
		glue_in_guest = 1;
		fn(g, arg);
	}
	glue_in_guest = was_in;
	memcpy(wasm_rt_jmp_buf, outer, sizeof(outer));
	if (code == WASM_RT_TRAP_OOB && glue_fault_at) {
		snprintf(msg, sizeof(msg), "%s: address %llu is past the end of linear memory",
			 glue_strerror(code), (unsigned long long)glue_fault_at);
		glue_fault_at = 0;
		g->host.trap(g->host.vm, msg);
	} else if (code) {
		g->host.trap(g->host.vm, glue_strerror(code));
	}
	return code;
}

/* Every import: the host runs it; a stop request becomes a trap here. */
static uint64_t glue_call(struct glue_inst *g, uint32_t i, const uint64_t *args)
{
	uint64_t ret = 0;

	if ((uintptr_t)__builtin_frame_address(0) < glue_stack_limit)
		wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
	glue_in_guest = 0;
	if (g->host.dispatch(g->host.vm, g->host.imports[i], args, &ret))
		wasm_rt_trap((wasm_rt_trap_t)GLUE_TRAP_HOST);
	glue_in_guest = 1;
	return ret;
}

static void glue_do_instantiate(struct glue_inst *g, void *arg)
{
	(void)arg;
	GLUE_INSTANTIATE(&g->w2c, &g->abi, &g->wasi);
}

static void glue_free(void *inst)
{
	struct glue_inst *g = inst;

	if (!g)
		return;
	GLUE_FREE(&g->w2c);
	glue_mem = NULL;
	glue_faults_remove();
	/* the runtime's function types: registered again by the next
	 * instance */
	wasm_rt_free();
	glue_module_ready = 0;
	free(g);
}

static void *glue_instantiate(const struct wbpf_aot_host *host, char *err, size_t err_sz)
{
	struct glue_inst *g;
	int ret;

	g = calloc(1, sizeof(*g));
	if (!g) {
		snprintf(err, err_sz, "out of memory");
		return NULL;
	}
	g->host = *host;
	g->abi.g = g;
	g->wasi.g = g;
	glue_max_pages = host->max_memory_pages;
	ret = glue_faults_install();
	if (ret) {
		snprintf(err, err_sz, "cannot install the fault handler: %s", strerror(-ret));
		glue_faults_remove();
		free(g);
		return NULL;
	}
	if (!glue_module_ready) {
		GLUE_INIT_MODULE();
		glue_module_ready = 1;
	}
	g->cb_type = wasm_rt_register_func_type(3, 1, WASM_RT_I32, WASM_RT_I32, WASM_RT_I32,
						WASM_RT_I32);
	glue_mem = GLUE_MEMORY(&g->w2c);
	ret = glue_enter(g, glue_do_instantiate, NULL);
	if (ret) {
		snprintf(err, err_sz, "cannot instantiate: %s", glue_strerror(ret));
		glue_free(g);
		return NULL;
	}
	return g;
}

static void glue_do_start(struct glue_inst *g, void *arg)
{
	(void)arg;
	GLUE_START(&g->w2c);
}

static int glue_run_start(void *inst)
{
	return glue_enter(inst, glue_do_start, NULL) ? WBPF_AOT_TRAP : 0;
}

static uint8_t *glue_memory(void *inst, uint64_t *size)
{
	struct glue_inst *g = inst;
	wasm_rt_memory_t *mem = GLUE_MEMORY(&g->w2c);

	if (!mem || !mem->data || !mem->size) {
		*size = 0;
		return NULL;
	}
	*size = mem->size;
	return mem->data;
}

static wasm_rt_funcref_t *glue_cb(struct glue_inst *g, uint32_t idx)
{
	wasm_rt_funcref_table_t *t = GLUE_TABLE(&g->w2c);

	if (!t || idx >= t->size || !t->data[idx].func || t->data[idx].func_type != g->cb_type)
		return NULL;
	return &t->data[idx];
}

static int glue_check_cb(void *inst, uint32_t idx)
{
	return glue_cb(inst, idx) ? 0 : -EINVAL;
}

struct glue_cb_call {
	wasm_rt_funcref_t fn;
	uint32_t a, b, c;
	int32_t ret;
};

static void glue_do_cb(struct glue_inst *g, void *arg)
{
	struct glue_cb_call *call = arg;

	(void)g;
	call->ret = (int32_t)((u32(*)(void *, u32, u32, u32))call->fn.func)(
		call->fn.module_instance, call->a, call->b, call->c);
}

static int glue_call_cb(void *inst, uint32_t idx, uint32_t a, uint32_t b, uint32_t c, int32_t *ret)
{
	struct glue_inst *g = inst;
	wasm_rt_funcref_t *fn = glue_cb(g, idx);
	struct glue_cb_call call;

	if (!fn)
		return -EINVAL;
	call.fn = *fn;
	call.a = a;
	call.b = b;
	call.c = c;
	call.ret = 0;
	if (glue_enter(g, glue_do_cb, &call))
		return WBPF_AOT_TRAP;
	*ret = call.ret;
	return 0;
}
