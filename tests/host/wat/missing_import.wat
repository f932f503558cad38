;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; Imports a wasm_bpf function the host does not provide.
(module
  (import "wasm_bpf" "wasm_bpf_no_such_import" (func (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
