# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#
# wbpf.mk: the make rules of a wbpf program tree (the examples, the
# templates and every tree `wbpf new` creates). A tree's Makefile sets APP,
# the program's name (APP.bpf.c, APP.c, APP.h), then includes this file:
#
#   make              .output/APP.bpf.o -> .output/APP.skel.h, APP.c -> APP.wasm
#   make aot          APP.wasm -> APP.aot, compiled ahead of time (wasm-bpf
#                     --compile: wasm2c and $(CC)); run it as wasm-bpf APP.aot
#   make run ARGS=..  wasm-bpf APP.wasm ARGS (as root)
#   make clean
#
# Modules are built for size (WASM_CFLAGS -Oz; clang runs binaryen's
# wasm-opt too when it is installed) without DWARF (WASM_LDFLAGS). A program
# that prints no floating-point numbers may set
#   WASM_LDLIBS := -lc-printscan-no-floating-point
# before the include: wasi-libc's printf without them, 5 KiB less (a %f
# then aborts with wasi-libc's message saying so).
#
# The tools are taken, in this order, from
#   1. WBPF_SKEL, WASM_BPF and WBPF_SDK set on the command line or in the
#      environment;
#   2. a wbpf build tree WBPF_BUILD and its source tree WBPF_SRC: in the wbpf
#      source tree both are found from this file's place (the build tree is
#      WBPF_SRC/build); `wbpf new` writes them into the trees it creates
#      when it runs from a source tree;
#   3. an installed wbpf: wbpf-skel and wasm-bpf on PATH, the SDK's
#      directory from `pkg-config --cflags wbpf`.
# vmlinux.h is dumped from the running kernel's BTF with bpftool.

ifeq ($(APP),)
$(error wbpf.mk: set APP (the program's name) before including wbpf.mk)
endif

OUTPUT ?= .output
CLANG ?= $(firstword $(shell command -v clang-14 clang 2>/dev/null) clang)
BPFTOOL ?= $(firstword $(shell command -v bpftool 2>/dev/null) /usr/sbin/bpftool)
WASI_SYSROOT ?= /usr
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux
BPF_CFLAGS ?= -g -O2 -Wall
WASM_CFLAGS ?= -Oz -Wall
WASM_LDFLAGS ?= -Wl,--strip-debug
WASM_LDLIBS ?=
ARCH ?= $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/' \
	-e 's/ppc64le/powerpc/' -e 's/mips.*/mips/' -e 's/riscv64/riscv/' -e 's/loongarch64/loongarch/')

# wasi-libc's signal() (Ctrl-C handlers) and <sys/resource.h>, as
# wbpf_wasm_module() and `pkg-config --variable=wasi_emulation wbpf`; kept
# when WASM_CFLAGS is set on the command line (wasm-ld finds archive members
# wherever -l stands)
WASI_EMULATION ?= -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS \
	-lwasi-emulated-signal -lwasi-emulated-process-clocks
override WASM_CFLAGS += $(WASI_EMULATION)

# 2. a source tree around this file, and its build tree
_wbpf_mk_dir := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
ifeq ($(WBPF_SRC),)
ifneq ($(wildcard $(_wbpf_mk_dir)/../sdk/libbpf-wasm.h),)
WBPF_SRC := $(abspath $(_wbpf_mk_dir)/..)
endif
endif
ifeq ($(WBPF_BUILD),)
ifneq ($(WBPF_SRC),)
ifneq ($(wildcard $(WBPF_SRC)/build/skelgen/wbpf-skel),)
WBPF_BUILD := $(WBPF_SRC)/build
endif
endif
endif
ifneq ($(WBPF_BUILD),)
WBPF_SKEL ?= $(WBPF_BUILD)/skelgen/wbpf-skel
WASM_BPF ?= $(WBPF_BUILD)/host-minimal/wasm-bpf
endif
ifneq ($(WBPF_SRC),)
WBPF_SDK ?= $(WBPF_SRC)/sdk
endif

# 3. an installed wbpf
ifeq ($(WBPF_SKEL),)
WBPF_SKEL := $(shell command -v wbpf-skel 2>/dev/null)
endif
ifeq ($(WASM_BPF),)
WASM_BPF := $(shell command -v wasm-bpf 2>/dev/null)
endif
ifeq ($(WBPF_SDK),)
WBPF_SDK := $(patsubst -I%,%,$(firstword $(shell pkg-config --cflags-only-I wbpf 2>/dev/null)))
endif

# A missing tool is one clear line, when it is needed (not for `make clean`).
_wbpf_need = @test -n "$(2)" -a -e "$(2)" || { echo "$(APP): $(1) not found$(if $(2), at $(2)): build wbpf (make in its tree) and set WBPF_BUILD=<its build dir>, or install it" >&2; exit 1; }

.PHONY: all aot run clean
.DELETE_ON_ERROR:

all: $(APP).wasm $(EXTRA_TARGETS)

$(OUTPUT):
	@mkdir -p $@

$(OUTPUT)/vmlinux.h: | $(OUTPUT)
	@echo "  GEN     $@"
	@$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $@.tmp
	@mv $@.tmp $@

$(OUTPUT)/$(APP).bpf.o: $(APP).bpf.c $(wildcard $(APP).h) $(OUTPUT)/vmlinux.h
	@echo "  BPF     $@"
	@$(CLANG) -target bpf $(BPF_CFLAGS) -D__TARGET_ARCH_$(ARCH) -I$(OUTPUT) -I. -c $< -o $@

# the skeleton embeds the object linked by bpftool (no DWARF), as
# libbpf-bootstrap's does
$(OUTPUT)/$(APP).skel.h: $(OUTPUT)/$(APP).bpf.o
	$(call _wbpf_need,wbpf-skel,$(WBPF_SKEL))
	@echo "  SKEL    $@"
	@mkdir -p $(OUTPUT)/linked
	@$(BPFTOOL) gen object $(OUTPUT)/linked/$(APP).bpf.o $<
	@$(WBPF_SKEL) gen $(OUTPUT)/linked/$(APP).bpf.o -o $@

$(APP).wasm: $(APP).c $(wildcard $(APP).h) $(OUTPUT)/$(APP).skel.h
	$(call _wbpf_need,the wbpf SDK (libbpf-wasm.h),$(WBPF_SDK))
	@echo "  WASM    $@"
	@$(CLANG) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) -I$(OUTPUT) -I. \
		-I$(WBPF_SDK) -Wl,--export-table $(WASM_LDFLAGS) $< $(WASM_LDLIBS) -o $@

aot: $(APP).aot

$(APP).aot: $(APP).wasm
	$(call _wbpf_need,wasm-bpf,$(WASM_BPF))
	@echo "  AOT     $@"
	@$(WASM_BPF) --compile=$@ $<

run: all
	$(call _wbpf_need,wasm-bpf,$(WASM_BPF))
	$(WASM_BPF) $(APP).wasm $(ARGS)

clean:
	rm -rf $(OUTPUT) $(APP).wasm $(APP).aot $(EXTRA_TARGETS)
