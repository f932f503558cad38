;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; Memory grows by a page; a store in the new page works, one just past it
;; traps.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 131068) (i32.const 1))
    (i32.store (i32.const 131072) (i32.const 1))))
