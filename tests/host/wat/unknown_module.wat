;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; Imports from a module the host does not have.
(module
  (import "env" "do_something" (func))
  (memory (export "memory") 1)
  (func (export "_start")))
