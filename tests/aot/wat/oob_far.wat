;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; The farthest address a wasm32 load can name: 0xffffffff + 0xfffffff0,
;; just under 8 GiB past the start of linear memory.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (i32.load offset=0xfffffff0 (i32.const 0xffffffff)))))
