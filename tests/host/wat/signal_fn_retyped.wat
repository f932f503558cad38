;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; A guest that registers a good signal function (table entry 1), then puts
;; a function of another type in that entry (table.set, which C never does),
;; prints "ready" and keeps calling the host. At SIGINT the host must not
;; call the entry with the wrong arguments: it says so in one line, and the
;; watchdog stops the guest. Exit 3: the registration itself failed.
(module
  (import "wasm_bpf" "wasm_bpf_set_signal_fn" (func $set (param i32 i32) (result i32)))
  (import "wasm_bpf" "wasm_bpf_abi_version" (func $version (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  ;; an iovec { buf = 16, len = 6 } at 0, "ready\n" at 16
  (data (i32.const 0) "\10\00\00\00\06\00\00\00")
  (data (i32.const 16) "ready\n")
  (table $t (export "__indirect_function_table") 2 funcref)
  (elem (i32.const 1) func $signal_fn)
  (elem declare func $wrong)
  (func $signal_fn (param i32 i32 i32) (result i32)
    unreachable)
  (func $wrong (param i32))
  (func (export "_start")
    (if (call $set (i32.const 1) (i32.const 0))
      (then (call $exit (i32.const 3))))
    (table.set $t (i32.const 1) (ref.func $wrong))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (loop $forever
      (drop (call $version))
      (br $forever))))
