;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; Unbounded recursion: the interpreter's call stack runs out, the guest
;; traps, the host does not crash.
(module
  (memory (export "memory") 1)
  (func $f (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    call $f)
  (func (export "_start")
    i32.const 0
    call $f
    drop))
