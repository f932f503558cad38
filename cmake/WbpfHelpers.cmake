# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#
# wbpf CMake helpers, in the spirit of libbpf-bootstrap's bpf_object():
#
#   wbpf_vmlinux_h(<out-dir-var>)
#       vmlinux.h dumped from the running kernel's BTF with bpftool (once per
#       build tree); <out-dir-var> receives the directory to add with -I.
#   wbpf_bpf_object(<name> <src.bpf.c> [VMLINUX_DIR <dir>] [INCLUDES <dir>...]
#                   [CFLAGS <flag>...] [DEPENDS <file>...])
#       <src.bpf.c> -> ${CMAKE_CURRENT_BINARY_DIR}/<name>.bpf.o
#       (clang -target bpf -g -O2), target <name>_bpf_o.
#   wbpf_skeleton(<name>)
#       <name>.bpf.o -> <name>.skel.h with wbpf-skel (of the object linked
#       by bpftool gen object, without DWARF), target <name>_skel.
#   wbpf_wasm_module(<name> SOURCES <src.c>... [INCLUDES <dir>...]
#                    [CFLAGS <flag>...] [DEPENDS <file-or-target>...]
#                    [NO_FLOAT_PRINTF])
#       -> ${CMAKE_CURRENT_BINARY_DIR}/<name>.wasm (clang --target=wasm32-wasi
#       --sysroot=/usr, function table exported), target <name>_wasm.
#       Optimised for size (WBPF_WASM_CFLAGS, -Oz: clang also runs binaryen's
#       wasm-opt -Oz on the module when it is installed), without DWARF
#       (WBPF_WASM_LDFLAGS). NO_FLOAT_PRINTF: the program prints no
#       floating-point numbers, so wasi-libc's printf without them is linked
#       (-lc-printscan-no-floating-point, 5 KiB less; a %f then aborts with
#       wasi-libc's message). CFLAGS come last: -O2 there overrides -Oz.
#   wbpf_aot_module(<name> [WASM <file.wasm>] [DEPENDS <file-or-target>...]
#                   [EXCLUDE_FROM_ALL])
#       <name>.wasm (default: the one wbpf_wasm_module(<name>) builds) ->
#       ${CMAKE_CURRENT_BINARY_DIR}/<name>.aot, compiled ahead of time
#       (wasm-bpf --compile: wasm2c + cc), target <name>_aot; run it with
#       `wasm-bpf <name>.aot`. EXCLUDE_FROM_ALL: built only on request.
#
# In the wbpf tree the tools are the project's own targets; from an installed
# wbpf (find_package(wbpf)) they are the imported wbpf:: targets.

include_guard(GLOBAL)

find_program(WBPF_CLANG NAMES clang-14 clang REQUIRED)
find_program(WBPF_BPFTOOL NAMES bpftool PATHS /usr/sbin /sbin REQUIRED)
set(WBPF_WASI_SYSROOT "/usr" CACHE PATH "sysroot holding wasi-libc (wasm32-wasi headers and libs)")
set(WBPF_VMLINUX_BTF "/sys/kernel/btf/vmlinux" CACHE FILEPATH "kernel BTF to dump vmlinux.h from")
# Modules are optimised for size: a smaller module is also read and
# validated faster by the interpreter at every start (docs/performance.md).
# When binaryen is installed, clang runs wasm-opt with the same -O level
# after linking (-Oz: a tenth less code). DWARF is dropped at link: the
# engines do not use it, it would be stale after wasm-opt, and the
# interpreter would read it at every start.
set(WBPF_WASM_CFLAGS -Oz CACHE STRING "optimisation flags for wasm guests")
set(WBPF_WASM_LDFLAGS -Wl,--strip-debug CACHE STRING "link flags for wasm guests")
# wasi-libc's emulations that libbpf-style programs need to build unchanged:
# signal() for the Ctrl-C handler (the host turns SIGINT into -EINTR from
# the poll), and <sys/resource.h>. getpid() is left out on purpose: the
# guest has no host pid, and a fake one would filter silently wrong.
set(WBPF_WASM_EMULATION -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS
	-lwasi-emulated-signal -lwasi-emulated-process-clocks)

if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
	set(_wbpf_arch x86)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64|arm64")
	set(_wbpf_arch arm64)
else()
	set(_wbpf_arch ${CMAKE_SYSTEM_PROCESSOR})
endif()

# The tool to run: the in-tree target when building wbpf itself, else the
# imported one from the installed package.
function(_wbpf_tool out name)
	if(TARGET ${name})
		set(${out} ${name} PARENT_SCOPE)
	elseif(TARGET wbpf::${name})
		set(${out} wbpf::${name} PARENT_SCOPE)
	else()
		message(FATAL_ERROR "wbpf: tool ${name} not found (build wbpf or find_package(wbpf))")
	endif()
endfunction()

function(_wbpf_sdk_dir out)
	if(DEFINED WBPF_SDK_INCLUDE_DIR)
		set(${out} ${WBPF_SDK_INCLUDE_DIR} PARENT_SCOPE)
	else()
		message(FATAL_ERROR "wbpf: WBPF_SDK_INCLUDE_DIR is not set")
	endif()
endfunction()

# _wbpf_split_deps(FILES TARGETS DEP...): the DEPs that name targets and
# the ones that name files (a custom command depends on the two differently)
function(_wbpf_split_deps files_var targets_var)
	set(files)
	set(targets)
	foreach(d ${ARGN})
		if(TARGET ${d})
			list(APPEND targets ${d})
		else()
			list(APPEND files ${d})
		endif()
	endforeach()
	set(${files_var} ${files} PARENT_SCOPE)
	set(${targets_var} ${targets} PARENT_SCOPE)
endfunction()

function(wbpf_vmlinux_h out_var)
	set(dir ${CMAKE_BINARY_DIR}/wbpf-vmlinux)
	if(NOT TARGET wbpf_vmlinux_h)
		add_custom_command(OUTPUT ${dir}/vmlinux.h
			COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
			COMMAND sh -c "'${WBPF_BPFTOOL}' btf dump file '${WBPF_VMLINUX_BTF}' format c > '${dir}/vmlinux.h.tmp'"
			COMMAND ${CMAKE_COMMAND} -E rename ${dir}/vmlinux.h.tmp ${dir}/vmlinux.h
			COMMENT "Generating vmlinux.h from ${WBPF_VMLINUX_BTF}"
			VERBATIM)
		add_custom_target(wbpf_vmlinux_h DEPENDS ${dir}/vmlinux.h)
	endif()
	set(${out_var} ${dir} PARENT_SCOPE)
endfunction()

function(wbpf_bpf_object name src)
	cmake_parse_arguments(A "" "VMLINUX_DIR" "INCLUDES;CFLAGS;DEPENDS" ${ARGN})
	get_filename_component(src ${src} ABSOLUTE)
	set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.bpf.o)
	set(deps ${src} ${A_DEPENDS})
	set(tdeps)
	if(A_VMLINUX_DIR)
		set(vmdir ${A_VMLINUX_DIR})
	else()
		wbpf_vmlinux_h(vmdir)
		list(APPEND deps ${vmdir}/vmlinux.h)
		list(APPEND tdeps wbpf_vmlinux_h)
	endif()
	set(incs)
	foreach(d ${vmdir} ${A_INCLUDES})
		list(APPEND incs -I${d})
	endforeach()
	add_custom_command(OUTPUT ${out}
		COMMAND ${WBPF_CLANG} -target bpf -g -O2 -Wall -D__TARGET_ARCH_${_wbpf_arch}
			${incs} ${A_CFLAGS} -MD -MF ${out}.d -c ${src} -o ${out}
		DEPENDS ${deps}
		DEPFILE ${out}.d
		COMMENT "BPF ${name}.bpf.o"
		VERBATIM)
	add_custom_target(${name}_bpf_o ALL DEPENDS ${out})
	if(tdeps)
		add_dependencies(${name}_bpf_o ${tdeps})
	endif()
endfunction()

function(wbpf_skeleton name)
	_wbpf_tool(skel wbpf-skel)
	set(obj ${CMAKE_CURRENT_BINARY_DIR}/${name}.bpf.o)
	set(linked ${CMAKE_CURRENT_BINARY_DIR}/linked/${name}.bpf.o)
	set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.skel.h)
	# As libbpf-bootstrap: the object the skeleton embeds is the BPF static
	# linker's output (bpftool gen object), which drops the DWARF that -g
	# puts there and keeps BTF: a tenth of the size in every module.
	add_custom_command(OUTPUT ${out}
		COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/linked
		COMMAND ${WBPF_BPFTOOL} gen object ${linked} ${obj}
		COMMAND ${skel} gen ${linked} -o ${out}
		DEPENDS ${obj} ${skel}
		COMMENT "SKEL ${name}.skel.h"
		VERBATIM)
	add_custom_target(${name}_skel ALL DEPENDS ${out})
	add_dependencies(${name}_skel ${name}_bpf_o)
endfunction()

function(wbpf_wasm_module name)
	cmake_parse_arguments(A "NO_FLOAT_PRINTF" "" "SOURCES;INCLUDES;CFLAGS;DEPENDS" ${ARGN})
	_wbpf_sdk_dir(sdk)
	set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm)
	set(libs)
	if(A_NO_FLOAT_PRINTF)
		set(libs -lc-printscan-no-floating-point)
	endif()
	set(srcs)
	foreach(s ${A_SOURCES})
		get_filename_component(s ${s} ABSOLUTE)
		list(APPEND srcs ${s})
	endforeach()
	set(incs -I${CMAKE_CURRENT_BINARY_DIR} -I${sdk})
	foreach(d ${A_INCLUDES})
		list(APPEND incs -I${d})
	endforeach()
	_wbpf_split_deps(file_deps target_deps ${A_DEPENDS})
	add_custom_command(OUTPUT ${out}
		COMMAND ${WBPF_CLANG} --target=wasm32-wasi --sysroot=${WBPF_WASI_SYSROOT}
			${WBPF_WASM_CFLAGS} -Wall -Wextra -Werror ${incs} ${A_CFLAGS}
			-MD -MF ${out}.d -Wl,--export-table ${WBPF_WASM_LDFLAGS} ${srcs} ${libs}
			${WBPF_WASM_EMULATION} -o ${out}
		DEPENDS ${srcs} ${file_deps}
		DEPFILE ${out}.d
		COMMENT "WASM ${name}.wasm"
		VERBATIM)
	add_custom_target(${name}_wasm ALL DEPENDS ${out})
	if(target_deps)
		add_dependencies(${name}_wasm ${target_deps})
	endif()
	# every module of the build, for whoever wants them all (the AOT tests)
	set_property(GLOBAL APPEND PROPERTY WBPF_WASM_MODULE_TARGETS ${name}_wasm)
	set_property(GLOBAL APPEND PROPERTY WBPF_WASM_MODULE_FILES ${out})
endfunction()

function(wbpf_aot_module name)
	cmake_parse_arguments(A "EXCLUDE_FROM_ALL" "WASM" "DEPENDS" ${ARGN})
	_wbpf_tool(host wasm-bpf)
	set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.aot)
	set(deps ${host} ${A_DEPENDS})
	if(A_WASM)
		get_filename_component(wasm ${A_WASM} ABSOLUTE)
	else()
		set(wasm ${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm)
		list(APPEND deps ${name}_wasm)
	endif()
	_wbpf_split_deps(file_deps target_deps ${deps})
	list(APPEND file_deps ${wasm})
	add_custom_command(OUTPUT ${out}
		COMMAND ${host} --compile=${out} ${wasm}
		DEPENDS ${file_deps} ${target_deps}
		COMMENT "AOT ${name}.aot"
		VERBATIM)
	if(A_EXCLUDE_FROM_ALL)
		add_custom_target(${name}_aot DEPENDS ${out})
	else()
		add_custom_target(${name}_aot ALL DEPENDS ${out})
	endif()
	if(target_deps)
		add_dependencies(${name}_aot ${target_deps})
	endif()
endfunction()
