;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; A library (reactor) module: no _start to run.
(module
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add))
