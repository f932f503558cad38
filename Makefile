# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# A thin driver over CMake: the README's two commands are `make demo` and
# `make test`. Both install the dependencies first (scripts/install-deps.sh).
# `make bench` runs the benchmarks (bench/run.sh) and prints their table.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps configure build test demo bench install format clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

test: build
	@scripts/run-tests.sh $(BUILD)

demo: build
	@scripts/demo.sh $(BUILD)

bench: build
	@bench/run.sh $(BUILD)

install: build
	@cmake --install $(BUILD)

format:
	@scripts/check-format.sh --fix

clean:
	rm -rf $(BUILD)
