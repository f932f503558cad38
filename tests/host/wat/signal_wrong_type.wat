;; SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
;; A command module whose signal export (wbpf_signal) has another type
;; than (i32) -> (): the host must refuse it, not call it with one argument.
(module
  (memory (export "memory") 1)
  (func (export "_start"))
  (func (export "wbpf_signal") (param i32 i32)))
