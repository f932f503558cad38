/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Wire formats of the `wasm_bpf` host ABI (see wasm-bpf-abi.def and
 * docs/abi.md). Included by the guest SDK (wasm32) and by the host (x86_64):
 * fixed-width types only, explicit padding, and asserts on every size and
 * offset so both sides agree or fail to compile.
 */
#ifndef __WBPF_ABI_H
#define __WBPF_ABI_H

#include <stddef.h>
#include <stdint.h>

/* Bumped whenever an import is added to wasm-bpf-abi.def or what an import
 * accepts grows (version 2: WBPF_BUFFER_F_BATCH; version 3: compressed
 * objects and wasm_bpf_inflate; version 4: wasm_bpf_set_signal_fn). */
#define WBPF_ABI_VERSION 4

/* Module name of every import in wasm-bpf-abi.def. */
#define WBPF_IMPORT_MODULE "wasm_bpf"

/* Filled by wasm_bpf_map_info(). */
struct wbpf_map_info {
	uint32_t type;	      /* enum bpf_map_type */
	uint32_t key_size;    /* bytes */
	uint32_t value_size;  /* bytes, per CPU for per-CPU maps */
	uint32_t max_entries; /* as it will be (before load) or is (after) */
	uint32_t map_flags;   /* BPF_F_* */
	int32_t fd;	      /* -1 before load */
	uint32_t ncpus;	      /* possible CPUs, for per-CPU value sizes */
	uint32_t __pad0;
};
_Static_assert(sizeof(struct wbpf_map_info) == 32, "wbpf_map_info size");
_Static_assert(offsetof(struct wbpf_map_info, fd) == 20, "wbpf_map_info.fd");
_Static_assert(offsetof(struct wbpf_map_info, ncpus) == 24, "wbpf_map_info.ncpus");

/* Flags of wasm_bpf_buffer_new(). */
enum {
	/* perf buffers: prefix every delivered record with struct
	 * wbpf_perf_record, and deliver lost-sample notices as records of
	 * type WBPF_PERF_LOST with no payload. Without it, perf samples are
	 * delivered bare, like ring buffer records. */
	WBPF_BUFFER_F_PERF_META = 1u << 0,
	/* (ABI version 2) deliver records in batches: each call of the
	 * callback, fn(ctx, data, size), gets `size` bytes of whole records
	 * back to back, each a struct wbpf_batch_rec followed by the record's
	 * bytes (as it would be delivered alone), the next one at the next
	 * multiple of 8. The callback returns how many bytes of the batch it
	 * consumed, whole records: `size` when it took them all; less ends the
	 * poll and the records after stay for the next poll (none is lost or
	 * delivered twice). A negative return ends the poll with that value
	 * and consumes nothing of the batch. The poll returns the number of
	 * records consumed. */
	WBPF_BUFFER_F_BATCH = 1u << 1,
	/* (ABI version 2, with WBPF_BUFFER_F_BATCH) ctx is the address of a
	 * struct wbpf_batch_ctx in guest memory: the host may call its
	 * record function once per record, record_fn(record_ctx, data, size),
	 * instead of fn once per batch, whichever its engine runs faster
	 * (wabt's interpreter calls from the host faster than it runs the
	 * loop of a batch). A record function returning < 0 ends the poll
	 * with that value; that record counts as taken, as in libbpf. */
	WBPF_BUFFER_F_RECORD_FN = 1u << 2,
};

/* What ctx points to with WBPF_BUFFER_F_RECORD_FN. */
struct wbpf_batch_ctx {
	int32_t record_fn;   /* function-table index, (i32, i32, i32) -> i32 */
	uint32_t record_ctx; /* its first argument */
};
_Static_assert(sizeof(struct wbpf_batch_ctx) == 8, "wbpf_batch_ctx size");

/* A record's header in a batch (WBPF_BUFFER_F_BATCH). */
struct wbpf_batch_rec {
	uint32_t len;	     /* bits 0-29: bytes of the record that follow; bit 30
		       * (WBPF_BATCH_DISCARDED): the producer discarded it,
		       * skip it (it is still counted in the bytes consumed) */
	uint32_t __reserved; /* unspecified */
};
_Static_assert(sizeof(struct wbpf_batch_rec) == 8, "wbpf_batch_rec size");

#define WBPF_BATCH_LEN_MASK  0x3fffffffu
#define WBPF_BATCH_DISCARDED 0x40000000u
/* The bytes a record of len bytes takes in a batch, header included. */
#define WBPF_BATCH_REC_SIZE(len) ((sizeof(struct wbpf_batch_rec) + (len) + 7) & ~(size_t)7)

enum {
	WBPF_PERF_SAMPLE = 0,
	WBPF_PERF_LOST = 1,
};

struct wbpf_perf_record {
	uint32_t type; /* WBPF_PERF_SAMPLE or WBPF_PERF_LOST */
	uint32_t cpu;
	uint64_t lost; /* WBPF_PERF_LOST: samples lost on this CPU */
		       /* WBPF_PERF_SAMPLE: the sample's bytes follow */
};
_Static_assert(sizeof(struct wbpf_perf_record) == 16, "wbpf_perf_record size");
_Static_assert(offsetof(struct wbpf_perf_record, lost) == 8, "wbpf_perf_record.lost");

/* Kernel command numbers accepted by wasm_bpf_map_operate(). */
enum {
	WBPF_MAP_LOOKUP_ELEM = 1,
	WBPF_MAP_UPDATE_ELEM = 2,
	WBPF_MAP_DELETE_ELEM = 3,
	WBPF_MAP_GET_NEXT_KEY = 4,
	WBPF_MAP_LOOKUP_AND_DELETE_ELEM = 21,
};

#endif /* __WBPF_ABI_H */
