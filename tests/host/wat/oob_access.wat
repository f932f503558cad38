;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; A load past the end of linear memory.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    i32.const 65535
    i32.load
    drop))
