// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Map element calls against the kernel: update, iteration from the first
 * key (NULL), lookup_and_delete, size checks of bpf_map__*_elem, per-CPU
 * values written by the guest and counted by the kernel on each CPU.
 *
 * usage: maps.wasm TRIGGER N
 *   after "ready" the driver runs the trigger N times in all, pinned to
 *   CPUs; the guest prints the per-CPU counts once they add up to N.
 */
#include "guest.h"
#include "sdk_maps.skel.h"

struct sdk_val {
	__u64 a;
	__u32 b;
	__u32 pad;
};

static int cmp_u32(const void *a, const void *b)
{
	__u32 x = *(const __u32 *)a, y = *(const __u32 *)b;

	return x < y ? -1 : x > y;
}

static void check_hash(struct sdk_maps_bpf *skel)
{
	static const __u32 keys[] = { 5, 3, 9, 1 };
	int fd = bpf_map__fd(skel->maps.sdk_mp_hash);
	__u32 key, next, seen[8];
	struct sdk_val v;
	int i, n = 0, err;
	__u64 small;

	for (i = 0; i < 4; i++) {
		v.a = keys[i] * 1000ull;
		v.b = keys[i] + 1;
		v.pad = 0;
		err = bpf_map_update_elem(fd, &keys[i], &v, BPF_NOEXIST);
		CHECK(err == 0, "update %u: %s", keys[i], errname(err));
	}
	v.a = 0;
	err = bpf_map_update_elem(fd, &keys[0], &v, BPF_NOEXIST);
	printf("update_noexist_again=%s\n", errname(err));

	/* iterate from the first key */
	err = bpf_map_get_next_key(fd, NULL, &key);
	while (!err && n < 8) {
		seen[n++] = key;
		err = bpf_map_get_next_key(fd, &key, &next);
		key = next;
	}
	printf("iter_end=%s\n", errname(err));
	qsort(seen, n, sizeof(seen[0]), cmp_u32);
	printf("keys=");
	for (i = 0; i < n; i++)
		printf("%s%u", i ? "," : "", seen[i]);
	printf("\n");

	/* the libbpf 1.0 calls with their size checks */
	key = 9;
	err = bpf_map__lookup_elem(skel->maps.sdk_mp_hash, &key, sizeof(key), &v, sizeof(v), 0);
	printf("lookup9=%s a=%llu b=%u\n", errname(err), (unsigned long long)v.a, v.b);
	err = bpf_map__lookup_elem(skel->maps.sdk_mp_hash, &key, sizeof(key), &small, sizeof(small),
				   0);
	printf("lookup_bad_value_size=%s\n", errname(err));
	err = bpf_map__lookup_elem(skel->maps.sdk_mp_hash, &small, sizeof(small), &v, sizeof(v), 0);
	printf("lookup_bad_key_size=%s\n", errname(err));
	err = bpf_map__get_next_key(skel->maps.sdk_mp_hash, NULL, &next, sizeof(next));
	printf("map_first_key=%s\n", errname(err));
	key = 3;
	err = bpf_map__lookup_and_delete_elem(skel->maps.sdk_mp_hash, &key, sizeof(key), &v,
					      sizeof(v), 0);
	printf("lookup_and_delete3=%s a=%llu\n", errname(err), (unsigned long long)v.a);
	err = bpf_map_lookup_elem(fd, &key, &v);
	printf("lookup3_after=%s\n", errname(err));
	key = 1;
	err = bpf_map__delete_elem(skel->maps.sdk_mp_hash, &key, sizeof(key), 0);
	printf("delete1=%s\n", errname(err));
	err = bpf_map_delete_elem(fd, &key);
	printf("delete1_again=%s\n", errname(err));
}

static void check_percpu_hash(struct sdk_maps_bpf *skel, int ncpus)
{
	/* a 4-byte value takes an 8-byte slot per possible CPU */
	__u64 *vals = calloc(ncpus, sizeof(__u64)), *back = calloc(ncpus, sizeof(__u64));
	__u32 key = 7;
	int i, err;

	for (i = 0; i < ncpus; i++)
		vals[i] = 100 + i;
	err = bpf_map__update_elem(skel->maps.sdk_mp_phash, &key, sizeof(key), vals,
				   ncpus * sizeof(__u64), 0);
	printf("phash_update=%s\n", errname(err));
	err = bpf_map__lookup_elem(skel->maps.sdk_mp_phash, &key, sizeof(key), back,
				   ncpus * sizeof(__u64), 0);
	printf("phash_lookup=%s", errname(err));
	for (i = 0; i < ncpus; i++)
		printf(" cpu%d=%u", i, (unsigned int)back[i]);
	printf("\n");
	err = bpf_map__lookup_elem(skel->maps.sdk_mp_phash, &key, sizeof(key), back, sizeof(__u32),
				   0);
	printf("phash_lookup_one_slot=%s\n", errname(err));
	free(vals);
	free(back);
}

int main(int argc, char **argv)
{
	struct sdk_maps_bpf *skel;
	__u64 *vals, sum = 0;
	__u32 key = 0;
	long long deadline;
	int i, n, err, ncpus;

	if (argc != 3) {
		fprintf(stderr, "usage: maps TRIGGER N\n");
		return 2;
	}
	n = atoi(argv[2]);
	skel = sdk_maps_bpf__open();
	if (!skel) {
		printf("open failed: %s\n", errname(errno));
		return 1;
	}
	set_trigger(skel->rodata->targ_comm, argv[1]);
	err = sdk_maps_bpf__load(skel);
	if (!err)
		err = sdk_maps_bpf__attach(skel);
	if (err) {
		printf("load/attach failed: %s\n", errname(err));
		sdk_maps_bpf__destroy(skel);
		return 1;
	}
	ncpus = libbpf_num_possible_cpus();
	printf("ncpus=%d value_size=%u\n", ncpus, bpf_map__value_size(skel->maps.sdk_mp_phash));
	check_hash(skel);
	check_percpu_hash(skel, ncpus);
	printf("ready\n");

	vals = calloc(ncpus, sizeof(__u64));
	deadline = now_ms() + 15000;
	while (now_ms() < deadline && sum < (__u64)n) {
		sleep_ms(20);
		err = bpf_map_lookup_elem(bpf_map__fd(skel->maps.sdk_mp_pcpu), &key, vals);
		CHECK(err == 0, "pcpu lookup: %s", errname(err));
		for (sum = 0, i = 0; i < ncpus; i++)
			sum += vals[i];
	}
	printf("pcpu");
	for (i = 0; i < ncpus; i++)
		printf(" cpu%d=%llu", i, (unsigned long long)vals[i]);
	printf(" sum=%llu\n", (unsigned long long)sum);
	free(vals);
	sdk_maps_bpf__destroy(skel);
	return guest_failures ? 1 : 0;
}
