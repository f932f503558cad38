// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A module built the way eunomia-bpf/wasm-bpf's SDK builds them: its own
 * declarations of the six original imports (module "wasm_bpf", the same
 * names and C types, so the same core-wasm types), its skeleton habits
 * (.rodata patched in the embedded ELF before wasm_load_bpf_object, an empty
 * char[128] attach target) and its bpf_buffer__poll() with a 4096-byte
 * buffer on the stack. On the original runtime the first poll only created
 * the buffer and delivered nothing; here every record arrives.
 *
 *   original_test records N MAGIC   (run by run-hostev.sh)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hostev.bpf.h"
#include "hostev.h"

/* ---- as the original libbpf-wasm.h declares them ------------------------ */
#define IMPORT_MODULE "wasm_bpf"
#define ATTR(name)    __attribute__((import_module(IMPORT_MODULE), import_name(name)))
typedef uint64_t bpf_object_skel;
ATTR("wasm_bpf_map_fd_by_name")
int wasm_bpf_map_fd_by_name(bpf_object_skel obj, const char *name);
ATTR("wasm_close_bpf_object")
int wasm_close_bpf_object(bpf_object_skel obj);
ATTR("wasm_load_bpf_object")
bpf_object_skel wasm_load_bpf_object(const void *obj_buf, int obj_buf_sz);
ATTR("wasm_attach_bpf_program")
int wasm_attach_bpf_program(bpf_object_skel obj, const char *name, const char *attach_target);
ATTR("wasm_bpf_buffer_poll")
int wasm_bpf_buffer_poll(bpf_object_skel program, int fd, int32_t sample_func, uint32_t ctx,
			 char *data, int max_size, int timeout_ms);
ATTR("wasm_bpf_map_operate")
int wasm_bpf_map_operate(int fd, int cmd, void *key, void *value, void *next_key, uint64_t flags);

#define POLL_TIMEOUT_MS 100
typedef int (*bpf_buffer_sample_fn)(void *ctx, void *data, size_t size);

struct bpf_buffer {
	bpf_object_skel obj;
	int fd;
	void *ctx;
	bpf_buffer_sample_fn sample_fn;
};

static int bpf_buffer__poll(struct bpf_buffer *buffer, int timeout_ms)
{
	char event_buffer[4096];

	if (timeout_ms <= 0)
		timeout_ms = POLL_TIMEOUT_MS;
	return wasm_bpf_buffer_poll(buffer->obj, buffer->fd, (int32_t)buffer->sample_fn,
				    (uint32_t)buffer->ctx, event_buffer, 4096, timeout_ms);
}
/* ------------------------------------------------------------------------- */

static int failures;

#define CHECK_EQ(actual, expected, what)                                        \
	do {                                                                    \
		long long _a = (long long)(actual), _e = (long long)(expected); \
		printf("%s: %s = %lld", _a == _e ? "ok" : "FAIL", what, _a);    \
		if (_a != _e) {                                                 \
			printf(", expected %lld", _e);                          \
			failures++;                                             \
		}                                                               \
		printf("\n");                                                   \
	} while (0)

/* The skeleton's way to set .rodata: write into the ELF image. */
static int patch_rodata(uint8_t *elf, uint64_t magic)
{
	uint64_t shoff;
	uint16_t shentsize, shnum, shstrndx;
	const uint8_t *strs;
	int i;

	memcpy(&shoff, elf + 0x28, 8);
	memcpy(&shentsize, elf + 0x3a, 2);
	memcpy(&shnum, elf + 0x3c, 2);
	memcpy(&shstrndx, elf + 0x3e, 2);
	{
		uint64_t stroff;

		memcpy(&stroff, elf + shoff + (uint64_t)shstrndx * shentsize + 0x18, 8);
		strs = elf + stroff;
	}
	for (i = 0; i < shnum; i++) {
		const uint8_t *sh = elf + shoff + (uint64_t)i * shentsize;
		uint32_t name;
		uint64_t off;

		memcpy(&name, sh, 4);
		if (strcmp((const char *)strs + name, ".rodata") != 0)
			continue;
		memcpy(&off, sh + 0x18, 8);
		memcpy(elf + off, &magic, 8);
		return 0;
	}
	return -1;
}

struct counts {
	int n, bad, order, next;
	uint64_t magic;
};

static int handle_event(void *ctx, void *data, size_t size)
{
	struct counts *c = ctx;
	struct hostev_event *e = data;

	if (size != sizeof(*e) || e->magic != c->magic) {
		c->bad++;
		return 0;
	}
	if ((int)e->seq != c->next)
		c->order++;
	c->next = e->seq + 1;
	c->n++;
	return 0;
}

int main(int argc, char **argv)
{
	char attach_target[128] = { 0 };
	struct counts c = { 0 };
	struct bpf_buffer rb;
	bpf_object_skel obj;
	uint8_t *elf;
	uint32_t key, next;
	uint64_t value;
	time_t end;
	int n, err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 4)
		return 100;
	n = atoi(argv[2]);
	c.magic = strtoull(argv[3], NULL, 0);
	elf = malloc(hostev_bpf_o_len);
	memcpy(elf, hostev_bpf_o, hostev_bpf_o_len);
	CHECK_EQ(patch_rodata(elf, c.magic), 0, "patch .rodata in the ELF image");

	obj = wasm_load_bpf_object(elf, hostev_bpf_o_len);
	CHECK_EQ(obj != 0, 1, "wasm_load_bpf_object gives a handle");
	CHECK_EQ(obj < 1000, 1, "a small id, not a host address");
	CHECK_EQ(wasm_attach_bpf_program(obj, "hostev_getpgid", attach_target), 0,
		 "attach with an empty target (auto-attach by SEC name)");
	rb.obj = obj;
	rb.fd = wasm_bpf_map_fd_by_name(obj, "rb");
	rb.ctx = &c;
	rb.sample_fn = handle_event;
	CHECK_EQ(rb.fd >= 0, 1, "map fd of rb");
	printf("ready\n");

	end = time(NULL) + 30;
	while (c.n < n && time(NULL) < end) {
		err = bpf_buffer__poll(&rb, 100);
		if (err < 0) {
			CHECK_EQ(err, 0, "poll");
			break;
		}
	}
	CHECK_EQ(c.n, n, "records delivered, from the first poll on");
	CHECK_EQ(c.bad, 0, "records with a wrong size or magic");
	CHECK_EQ(c.order, 0, "records out of order");

	key = 3;
	CHECK_EQ(wasm_bpf_map_operate(wasm_bpf_map_fd_by_name(obj, "seqs"), 1, &key, &value, NULL,
				      0),
		 0, "BPF_MAP_LOOKUP_ELEM (1)");
	CHECK_EQ(value, 4, "value of key 3");
	CHECK_EQ(
		wasm_bpf_map_operate(wasm_bpf_map_fd_by_name(obj, "seqs"), 4, NULL, NULL, &next, 0),
		0, "BPF_MAP_GET_NEXT_KEY (4) from a NULL key");
	CHECK_EQ(next < (uint32_t)n, 1, "a first key");
	CHECK_EQ(wasm_close_bpf_object(obj), 0, "wasm_close_bpf_object");
	free(elf);
	return failures;
}
