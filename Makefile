# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# A thin driver over CMake: the README's two commands are `make demo` and
# `make test`. Both install the dependencies first (scripts/install-deps.sh).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps configure build test demo install format clean

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

install: build
	@cmake --install $(BUILD)

format:
	@scripts/check-format.sh --fix

clean:
	rm -rf $(BUILD)
