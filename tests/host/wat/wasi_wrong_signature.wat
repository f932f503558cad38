;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; fd_write takes four i32; this module declares three.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
