// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Compile check of the SDK's API surface, as libbpf-tools code uses it, in
 * two translation units linked together (the SDK's shared state is one
 * weak definition). Built with -Wall -Wextra -Werror; never run.
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

int api_b(struct bpf_object *obj);

static int on_rb(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	return (int)size;
}

static void on_pb(void *ctx, int cpu, void *data, __u32 size)
{
	(void)ctx;
	(void)cpu;
	(void)data;
	(void)size;
}

static void on_lost(void *ctx, int cpu, __u64 cnt)
{
	(void)ctx;
	(void)cpu;
	(void)cnt;
}

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

int main(void)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "api");
	LIBBPF_OPTS(bpf_uprobe_opts, uopts, .func_name = "main", .retprobe = false);
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct ring_buffer *rb;
	struct perf_buffer *pb;
	struct bpf_link *link;
	struct bpf_map *map;
	char buf[64];
	__u32 key = 0, next;
	__u64 val;
	int fd, err;

	libbpf_set_strict_mode(LIBBPF_STRICT_ALL);
	libbpf_set_print(print_fn);
	obj = bpf_object__open_file("prog.bpf.o", &opts);
	err = libbpf_get_error(obj);
	if (err) {
		libbpf_strerror((int)err, buf, sizeof(buf));
		fprintf(stderr, "%s: %s\n", bpf_object__name(obj), buf);
		return 1;
	}
	bpf_object__for_each_program (prog, obj) {
		printf("%s %s %d\n", bpf_program__name(prog), bpf_program__section_name(prog),
		       bpf_program__type(prog));
		bpf_program__set_autoload(prog, bpf_program__autoload(prog));
		bpf_program__set_autoattach(prog, true);
	}
	bpf_object__for_each_map (map, obj) {
		printf("%s %d %u %u %u %u %d\n", bpf_map__name(map), bpf_map__type(map),
		       bpf_map__key_size(map), bpf_map__value_size(map), bpf_map__max_entries(map),
		       bpf_map__map_flags(map), bpf_map__is_internal(map));
		bpf_map__set_max_entries(map, 1024);
	}
	err = bpf_object__load(obj);
	if (err)
		return 1;
	prog = bpf_object__find_program_by_name(obj, "handle");
	link = bpf_program__attach(prog);
	bpf_link__destroy(link);
	link = bpf_program__attach_uprobe_opts(prog, -1, "/bin/bash", 0, &uopts);
	bpf_link__detach(link);
	bpf_link__destroy(link);
	link = bpf_program__attach_uprobe(prog, true, -1, "/bin/bash", 0x1000);
	bpf_link__destroy(link);
	bpf_link__destroy(bpf_program__attach_tracepoint(prog, "sched", "sched_process_exec"));
	bpf_link__destroy(bpf_program__attach_raw_tracepoint(prog, "sched_switch"));
	bpf_link__destroy(bpf_program__attach_xdp(prog, 1));
	bpf_link__destroy(bpf_program__attach_cgroup(prog, 3));
	bpf_link__destroy(bpf_program__attach_target(prog, "lo"));
	bpf_set_prog_attach_target(prog, "lo");
	printf("%d\n", bpf_program__fd(prog));

	map = bpf_object__find_map_by_name(obj, "events");
	fd = bpf_map__fd(map);
	rb = ring_buffer__new(fd, on_rb, NULL, NULL);
	ring_buffer__add(rb, fd, on_rb, NULL);
	ring_buffer__poll(rb, 100);
	ring_buffer__consume(rb);
	ring_buffer__free(rb);
	pb = perf_buffer__new(fd, 8, on_pb, on_lost, NULL, NULL);
	perf_buffer__poll(pb, 100);
	perf_buffer__consume(pb);
	perf_buffer__free(pb);

	bpf_map_update_elem(fd, &key, &val, BPF_ANY);
	bpf_map_lookup_elem(fd, &key, &val);
	bpf_map_lookup_elem_flags(fd, &key, &val, BPF_F_LOCK);
	bpf_map_get_next_key(fd, NULL, &next);
	bpf_map_delete_elem(fd, &key);
	bpf_map_lookup_and_delete_elem(fd, &key, &val);
	bpf_map__update_elem(map, &key, sizeof(key), &val, sizeof(val), BPF_NOEXIST);
	bpf_map__lookup_elem(map, &key, sizeof(key), &val, sizeof(val), 0);
	bpf_map__get_next_key(map, NULL, &next, sizeof(next));
	bpf_map__lookup_and_delete_elem(map, &key, sizeof(key), &val, sizeof(val), 0);
	bpf_map__delete_elem(map, &key, sizeof(key), 0);
	printf("%d cpus\n", libbpf_num_possible_cpus());

	err = api_b(obj);
	bpf_object__close(obj);
	return err;
}
