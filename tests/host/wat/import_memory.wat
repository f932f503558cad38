;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; Expects the host to provide its memory; the host provides only functions.
(module
  (import "env" "memory" (memory 1))
  (func (export "_start")))
