/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Slots of the `hits` array of targets.bpf.c. */
#ifndef __TARGETS_H
#define __TARGETS_H

enum target_slot {
	TGT_XDP,
	TGT_TC,
	TGT_SOCKET,
	TGT_CGROUP,
	TGT_UPROBE,
	TGT_URETPROBE,
	TGT_TP,
	TGT_RAW_TP,
	TGT_SLOTS,
};

#endif /* __TARGETS_H */
