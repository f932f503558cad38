// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A hostile guest with a real, loaded object (tests/host/bpf/hostev.bpf.c):
 * unterminated strings, pointers past the end of memory, unknown commands,
 * bad and mistyped function-table entries, and calls from inside a callback
 * that would pull the buffer out from under libbpf. Every call gets its
 * error code; run-hostile-bpf.sh runs it under ASan/UBSan too.
 *
 * Compressed objects (wbpf ABI 3): a good one opens and inflates to the
 * object's bytes; a corrupt, truncated or overlong one, or one inflating
 * past the host's limit (an 80 MiB "zip bomb" of 80 KiB), is an error
 * with one line on stderr, and the host goes on.
 *
 *   hostile_bpf checks MAGIC      everything above, events made by the harness
 *   hostile_bpf trap MAGIC        a callback that traps
 *   hostile_bpf exit MAGIC        a callback that calls exit(42)
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bomb_z.bpf.h"
#include "hostev.bpf.h"
#include "hostev.h"
#include "hostev_z.bpf.h"
#include "test-abi.h"

static int64_t obj;
static uint64_t ro_magic;
static int64_t buf;
static int rb_fd;
static char data[256];
static const char *mode;
static int cb_calls;

static uint32_t mem_size(void)
{
	return (uint32_t)__builtin_wasm_memory_size(0) * 65536u;
}

/* A string with no NUL before the end of linear memory. */
static char *unterminated(void)
{
	char *p = (char *)(uintptr_t)(mem_size() - 6);

	memcpy(p, "rbrbrb", 6);
	return p;
}

static int wrong_type(int a, int b)
{
	return a + b;
}

static int on_event_nested(void *ctx, void *d, size_t size)
{
	int64_t other;

	(void)ctx;
	(void)d;
	(void)size;
	if (cb_calls++)
		return 0;
	/* calls that would free or re-enter what libbpf is iterating */
	CHECK_EQ(wasm_bpf_buffer_poll_id(obj, buf, data, sizeof(data), 0), -EBUSY,
		 "poll the same buffer from its callback");
	CHECK_EQ(wasm_bpf_buffer_consume(obj, buf, data, sizeof(data)), -EBUSY,
		 "consume the same buffer from its callback");
	CHECK_EQ(wasm_bpf_buffer_free(obj, buf), -EBUSY, "free the buffer from its callback");
	CHECK_EQ(wasm_close_bpf_object(obj), -EBUSY, "close the object from its callback");
	CHECK_EQ(wasm_bpf_buffer_add(obj, buf, rb_fd, 1, 0), -EBUSY,
		 "add a ring from its callback");
	/* ordinary calls work from a callback */
	other = wasm_bpf_map_fd_by_name(obj, "seqs");
	CHECK(other >= 0, "a map fd from inside a callback (%lld)", (long long)other);
	return 0;
}

static int on_event_stop(void *ctx, void *d, size_t size)
{
	(void)ctx;
	(void)d;
	(void)size;
	return -77;
}

static int on_event_trap(void *ctx, void *d, size_t size)
{
	(void)ctx;
	(void)d;
	(void)size;
	printf("in the callback, about to trap\n");
	__builtin_trap();
}

static int on_event_exit(void *ctx, void *d, size_t size)
{
	(void)ctx;
	(void)d;
	(void)size;
	printf("in the callback, about to exit(42)\n");
	exit(42);
}

static int setup(uint64_t magic)
{
	obj = wasm_bpf_object_open(hostev_bpf_o, hostev_bpf_o_len);
	if (obj <= 0)
		return -1;
	CHECK_EQ(wasm_bpf_map_mirror(obj, ".rodata", &ro_magic, sizeof(ro_magic)), 0, "mirror");
	ro_magic = magic;
	CHECK_EQ(wasm_bpf_object_load(obj), 0, "load");
	CHECK(wasm_bpf_program_attach(obj, "hostev_getpgid", "") > 0, "attach");
	rb_fd = wasm_bpf_map_fd_by_name(obj, "rb");
	return rb_fd < 0;
}

static void strings_and_pointers(void)
{
	char *far = (char *)0xfffffff0u, *end = (char *)(uintptr_t)(mem_size() - 4);
	struct wbpf_map_info info;
	uint32_t key = 1;
	uint64_t v;
	int hfd = wasm_bpf_map_fd_by_name(obj, "seqs"), pfd = wasm_bpf_map_fd_by_name(obj, "pcpu");

	CHECK_EQ(wasm_bpf_map_fd_by_name(obj, unterminated()), -EFAULT,
		 "a map name with no NUL before the end of memory");
	CHECK_EQ(wasm_bpf_map_fd_by_name(obj, far), -EFAULT, "a map name past memory");
	CHECK_EQ(wasm_bpf_map_fd_by_name(obj, NULL), -EINVAL, "a NULL map name");
	CHECK_EQ(wasm_bpf_map_fd_by_name(obj, "no_such_map"), -ENOENT, "an unknown map");
	CHECK_EQ(wasm_attach_bpf_program(obj, unterminated(), NULL), -EFAULT,
		 "a program name with no NUL");
	CHECK_EQ(wasm_attach_bpf_program(obj, "hostev_getpgid", unterminated()), -EFAULT,
		 "an attach target with no NUL");
	CHECK_EQ(wasm_attach_bpf_program(obj, "no_such_prog", NULL), -ENOENT, "an unknown program");
	CHECK_EQ(wasm_bpf_program_fd_by_name(obj, far), -EFAULT, "program fd, name past memory");
	CHECK(wasm_bpf_program_fd_by_name(obj, "hostev_getpgid") >= 0, "program fd by name");

	CHECK_EQ(wasm_bpf_map_operate(hfd, 99, &key, &v, NULL, 0), -EINVAL, "an unknown command");
	CHECK_EQ(wasm_bpf_map_operate(hfd, 0 /* MAP_CREATE */, &key, &v, NULL, 0), -EINVAL,
		 "BPF_MAP_CREATE is not a map operation");
	CHECK_EQ(wasm_bpf_map_operate(hfd, 5 /* PROG_LOAD */, &key, &v, NULL, 0), -EINVAL,
		 "BPF_PROG_LOAD is not a map operation");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_LOOKUP_ELEM, far, &v, NULL, 0), -EFAULT,
		 "a key past memory");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_LOOKUP_ELEM, &key, end, NULL, 0), -EFAULT,
		 "an 8-byte value 4 bytes before the end");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_LOOKUP_ELEM, &key, NULL, NULL, 0), -EFAULT,
		 "lookup with a NULL value");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_UPDATE_ELEM, end + 2, &v, NULL, 0), -EFAULT,
		 "a 4-byte key 2 bytes before the end");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_GET_NEXT_KEY, &key, NULL, NULL, 0), -EFAULT,
		 "get_next_key with a NULL next_key");
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_GET_NEXT_KEY, &key, NULL, far, 0), -EFAULT,
		 "get_next_key with next_key past memory");
	CHECK_EQ(wasm_bpf_map_operate(pfd, WBPF_MAP_LOOKUP_ELEM, &key,
				      (void *)(uintptr_t)(mem_size() - 8), NULL, 0),
		 -EFAULT, "a per-CPU value needs 8 x ncpus bytes, not 8");
	key = 0xffffff;
	CHECK_EQ(wasm_bpf_map_operate(hfd, WBPF_MAP_LOOKUP_ELEM, &key, &v, NULL, 0), -ENOENT,
		 "a missing key");

	CHECK_EQ(wasm_bpf_map_info(obj, "seqs", &info, 8), -EINVAL, "map_info with a short buffer");
	CHECK_EQ(wasm_bpf_map_info(obj, "seqs", far, sizeof(info)), -EFAULT,
		 "map_info past memory");
	CHECK_EQ(wasm_bpf_map_mirror(obj, ".rodata", &v, 4), -EINVAL, "a mirror of the wrong size");
	CHECK_EQ(wasm_bpf_map_mirror(obj, "seqs", &v, 8), -EINVAL,
		 "a mirror of a map not global data");
	CHECK_EQ(wasm_bpf_map_mirror(obj, ".rodata", far, 8), -EFAULT, "a mirror past memory");
	CHECK_EQ(wasm_bpf_program_set_autoload(obj, "hostev_getpgid", 0), -EBUSY,
		 "autoload after load");
	CHECK_EQ(wasm_bpf_map_set_max_entries(obj, "seqs", 5), -EBUSY, "max_entries after load");
	CHECK_EQ(wasm_bpf_program_set_attach_target(obj, "hostev_getpgid", 1, NULL), -EBUSY,
		 "attach target after load");
	CHECK_EQ(wasm_bpf_link_destroy(obj, 12345), -EBADF, "an unknown link");
	CHECK_EQ(wasm_bpf_log_read(far, 64), -ENOENT, "no captured log");
}

static void compressed_objects(void)
{
	static unsigned char bad[sizeof(hostev_z_bpf_o) + 8];
	static unsigned char elf[sizeof(hostev_bpf_o) + 64];
	struct wbpf_map_info info;
	int64_t h;

	/* a good one */
	h = wasm_bpf_object_open(hostev_z_bpf_o, hostev_z_bpf_o_len);
	CHECK(h > 0, "open a compressed object (%lld)", (long long)h);
	CHECK_EQ(wasm_bpf_map_info(h, "seqs", &info, sizeof(info)), 0,
		 "a map of the inflated object");
	CHECK_EQ(info.value_size, 8, "its value size");
	CHECK_EQ(wasm_close_bpf_object(h), 0, "close it");
	CHECK_EQ(wasm_bpf_inflate(hostev_z_bpf_o, hostev_z_bpf_o_len, elf, sizeof(elf)),
		 (int)hostev_bpf_o_len, "wasm_bpf_inflate gives the object's size");
	CHECK(memcmp(elf, hostev_bpf_o, hostev_bpf_o_len) == 0,
	      "wasm_bpf_inflate gives the object's bytes");
	CHECK_EQ(wasm_bpf_inflate(hostev_z_bpf_o, hostev_z_bpf_o_len, elf, hostev_bpf_o_len - 1),
		 -ENOBUFS, "inflate into one byte too few");
	CHECK_EQ(wasm_bpf_inflate(hostev_bpf_o, hostev_bpf_o_len, elf, sizeof(elf)), -EINVAL,
		 "inflate an ELF (not compressed)");
	CHECK_EQ(wasm_bpf_inflate(hostev_z_bpf_o, hostev_z_bpf_o_len, (void *)0xfffffff0u, 4096),
		 -EFAULT, "inflate past memory");
	memcpy(bad, hostev_z_bpf_o, hostev_z_bpf_o_len);
	CHECK_EQ(wasm_bpf_inflate(bad, hostev_z_bpf_o_len, bad + 16, 4096), -EINVAL,
		 "inflate onto its own input");

	/* corrupt, truncated, overlong; garbage in the middle of a stream may
	 * inflate to any length before zlib notices (the bytes differ with the
	 * build's paths), so the corruptions here fail at a fixed place: the
	 * first block's type set to the reserved 3, and the Adler-32 trailer */
	memset(bad + hostev_z_bpf_o_len / 2, 0xa5, 64);
	CHECK_EQ(wasm_bpf_object_open(bad, hostev_z_bpf_o_len), -EINVAL,
		 "open a corrupt compressed object");
	memcpy(bad, hostev_z_bpf_o, hostev_z_bpf_o_len);
	bad[2] |= 0x06;
	CHECK_EQ(wasm_bpf_inflate(bad, hostev_z_bpf_o_len, elf, sizeof(elf)), -EINVAL,
		 "inflate a stream whose first block has the reserved type");
	memcpy(bad, hostev_z_bpf_o, hostev_z_bpf_o_len);
	bad[hostev_z_bpf_o_len - 1] ^= 0xff;
	CHECK_EQ(wasm_bpf_inflate(bad, hostev_z_bpf_o_len, elf, sizeof(elf)), -EINVAL,
		 "inflate a stream with a wrong checksum");
	CHECK_EQ(wasm_bpf_object_open(hostev_z_bpf_o, hostev_z_bpf_o_len / 2), -EINVAL,
		 "open a truncated compressed object");
	memcpy(bad, hostev_z_bpf_o, hostev_z_bpf_o_len);
	memcpy(bad + hostev_z_bpf_o_len, "trailing", 8);
	CHECK_EQ(wasm_bpf_object_open(bad, sizeof(bad)), -EINVAL,
		 "open a compressed object followed by more bytes");

	/* a zip bomb: refused at the limit, through both opens */
	CHECK_EQ(wasm_bpf_object_open(bomb_z_bpf_o, bomb_z_bpf_o_len), -E2BIG,
		 "open 80 MiB of zeros compressed to 80 KiB");
	CHECK_EQ(wasm_load_bpf_object(bomb_z_bpf_o, bomb_z_bpf_o_len), 0,
		 "the original open of the same");
}

static void table_entries(void)
{
	int32_t good = (int32_t)(uintptr_t)on_event_nested;

	CHECK_EQ(wasm_bpf_buffer_new(obj, rb_fd, 100000, 0, 0, 0), -EINVAL,
		 "a table index past the table");
	CHECK_EQ(wasm_bpf_buffer_new(obj, rb_fd, 0, 0, 0, 0), -EINVAL, "table entry 0 (NULL)");
	CHECK_EQ(wasm_bpf_buffer_new(obj, rb_fd, -1, 0, 0, 0), -EINVAL, "table index -1");
	CHECK_EQ(wasm_bpf_buffer_new(obj, rb_fd, (int32_t)(uintptr_t)wrong_type, 0, 0, 0), -EINVAL,
		 "a table entry of the wrong type");
	CHECK_EQ(wasm_bpf_buffer_poll(obj, rb_fd, (int32_t)(uintptr_t)wrong_type, 0, data,
				      sizeof(data), 0),
		 -EINVAL, "the original poll with a mistyped callback");
	CHECK_EQ(wasm_bpf_buffer_new(obj, wasm_bpf_map_fd_by_name(obj, "seqs"), good, 0, 0, 0),
		 -EINVAL, "a buffer over a hash map");
	CHECK_EQ(wasm_bpf_buffer_new(obj, 1, good, 0, 0, 0), -EBADF, "a buffer over stdout");
	CHECK_EQ(wasm_bpf_buffer_new(obj, rb_fd, good, 0, 0x80, 0), -EINVAL,
		 "unknown buffer flags");
	CHECK_EQ(wasm_bpf_buffer_new(obj, rb_fd, good, 0, WBPF_BUFFER_F_PERF_META, 0), -EINVAL,
		 "perf headers on a ring buffer");
	CHECK_EQ(wasm_bpf_buffer_new(obj, wasm_bpf_map_fd_by_name(obj, "pb"), good, 0, 0, 3),
		 -EINVAL, "perf pages not a power of two");
	buf = wasm_bpf_buffer_new(obj, rb_fd, good, 0, 0, 0);
	CHECK(buf > 0, "a buffer (id %lld)", (long long)buf);
	CHECK_EQ(wasm_bpf_buffer_poll_id(obj, buf, (void *)0xfffffff0u, 64, 0), -EFAULT,
		 "poll into a buffer past memory");
	CHECK_EQ(wasm_bpf_buffer_poll_id(obj, buf, data, -1, 0), -EINVAL,
		 "poll with a negative size");
	CHECK_EQ(wasm_bpf_buffer_poll_id(obj, buf + 100, data, sizeof(data), 0), -EBADF,
		 "poll an unknown buffer");
}

static void wait_and_poll(int64_t b, int expect_min)
{
	time_t end = time(NULL) + 20;
	int r = 0, total = 0;

	while (total < expect_min && time(NULL) < end) {
		r = wasm_bpf_buffer_poll_id(obj, b, data, sizeof(data), 100);
		if (r < 0)
			break;
		total += r;
	}
	CHECK(total >= expect_min, "records delivered (%d)", total);
}

int main(int argc, char **argv)
{
	int64_t b2;
	time_t end;
	int r = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 3)
		return 100;
	mode = argv[1];
	if (setup(strtoull(argv[2], NULL, 0)))
		return 1;
	if (strcmp(mode, "trap") == 0 || strcmp(mode, "exit") == 0) {
		int32_t fn = (int32_t)(uintptr_t)(strcmp(mode, "trap") == 0 ? on_event_trap :
									      on_event_exit);

		buf = wasm_bpf_buffer_new(obj, rb_fd, fn, 0, 0, 0);
		printf("ready\n");
		end = time(NULL) + 20;
		while (time(NULL) < end)
			wasm_bpf_buffer_poll_id(obj, buf, data, sizeof(data), 100);
		printf("the callback never ran\n");
		return 1;
	}
	strings_and_pointers();
	compressed_objects();
	table_entries();
	printf("ready\n");
	/* nested calls from a callback */
	wait_and_poll(buf, 1);
	CHECK(cb_calls >= 1, "the callback ran (%d)", cb_calls);
	/* a callback returning < 0 ends the poll with that value */
	b2 = wasm_bpf_buffer_new(obj, rb_fd, (int32_t)(uintptr_t)on_event_stop, 0, 0, 0);
	CHECK(b2 > 0, "a second buffer on the same ring");
	end = time(NULL) + 20;
	while (r == 0 && time(NULL) < end)
		r = wasm_bpf_buffer_poll_id(obj, b2, data, sizeof(data), 100);
	CHECK_EQ(r, -77, "a callback returning -77 ends the poll with -77");
	CHECK_EQ(wasm_close_bpf_object(obj), 0, "close");
	printf("hostile_bpf: %d failures\n", test_failures);
	return test_failures;
}
