;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; _start runs into `unreachable`.
(module
  (memory (export "memory") 1)
  (func (export "_start") unreachable))
