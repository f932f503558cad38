;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; Asks for 4 GiB of linear memory. The host caps guests at 1 GiB, so
;; memory.grow fails (-1) and the module exits with 3 (4 if it grew).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    i32.const 65535
    memory.grow
    i32.const -1
    i32.eq
    if
      i32.const 3
      call $exit
    end
    i32.const 4
    call $exit))
