;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; wasm_load_bpf_object returns i64 (a handle); this module expects i32.
(module
  (import "wasm_bpf" "wasm_load_bpf_object" (func (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
