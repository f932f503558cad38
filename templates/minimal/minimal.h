/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* minimal: data shared by minimal.bpf.c and minimal.c. */
#ifndef __MINIMAL_H
#define __MINIMAL_H

#define TASK_COMM_LEN 16

#endif /* __MINIMAL_H */
