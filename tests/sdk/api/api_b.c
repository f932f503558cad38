// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Second translation unit of the API compile check: bcc's bpf_buffer and
 * the original wasm-bpf SDK's calls, through <libbpf-wasm.h> directly. */
#include <libbpf-wasm.h>

int api_b(struct bpf_object *obj);

static int on_event(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	(void)size;
	return 0;
}

static void on_lost(void *ctx, int cpu, __u64 cnt)
{
	(void)ctx;
	(void)cpu;
	(void)cnt;
}

int api_b(struct bpf_object *obj)
{
	struct bpf_map *events = bpf_object__find_map_by_name(obj, "events");
	struct bpf_map *heap = bpf_object__find_map_by_name(obj, "heap");
	struct bpf_buffer *buf, *old;
	int err;

	/* bcc */
	buf = bpf_buffer__new(events, heap);
	if (!buf)
		return -errno;
	err = bpf_buffer__open(buf, on_event, on_lost, NULL);
	while (!err)
		err = bpf_buffer__poll(buf, POLL_TIMEOUT_MS);
	bpf_buffer__free(buf);

	/* the original wasm-bpf SDK */
	old = bpf_buffer__open(events, on_event, NULL);
	if (old)
		bpf_buffer__poll(old, 0);
	bpf_buffer__free(old);
	old = bpf_buffer__new(events);
	bpf_buffer__free(old);
	return err == -EINTR ? 0 : err;
}
