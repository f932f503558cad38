// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Autoload off keeps a program out of the kernel; set_max_entries before
 * load reaches the kernel map; detaching one link leaves the other
 * counting; libbpf's messages and the SDK's own reach libbpf_set_print()'s
 * callback; what the host cannot do fails with ENOTSUP, a message and
 * libbpf_get_error(); __elf_bytes() gives the ELF object although the
 * skeleton embeds it compressed.
 *
 * usage: lifecycle.wasm TRIGGER
 *   after "ready" the driver checks the kernel (bpftool), then runs the
 *   trigger once; the guest detaches sdk_lc_a ("detached") and the driver
 *   runs it twice more; the guest prints the counts.
 */
#include "guest.h"
#include "sdk_lifecycle.skel.h"

static int n_debug, n_sdk;

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (level == LIBBPF_DEBUG)
		n_debug++;
	if (strstr(buf, "libbpf-wasm: "))
		n_sdk++;
	if (level != LIBBPF_DEBUG)
		printf("print[%d]: %s", level, buf);
	return 0;
}

/* Adler-32 (RFC 1950), for the driver to compare with the object file */
static unsigned long adler32(const unsigned char *p, size_t n)
{
	unsigned long a = 1, b = 0;

	while (n--) {
		a = (a + *p++) % 65521;
		b = (b + a) % 65521;
	}
	return b << 16 | a;
}

/* bpftool's __elf_bytes(): the ELF, the same bytes on each call */
static void elf_bytes(void)
{
	const unsigned char *elf, *again;
	struct bpf_object *obj;
	size_t sz = 0, sz2 = 0;

	elf = sdk_lifecycle_bpf__elf_bytes(&sz);
	CHECK(elf != NULL, "__elf_bytes: %s", errname(errno));
	if (!elf)
		return;
	again = sdk_lifecycle_bpf__elf_bytes(&sz2);
	CHECK(again == elf && sz2 == sz, "a second __elf_bytes() call gives the same bytes");
	printf("elf_bytes size=%zu magic=%s adler32=%lu\n", sz,
	       sz > 4 && !memcmp(elf,
				 "\x7f"
				 "ELF",
				 4) ?
		       "ELF" :
		       "other",
	       adler32(elf, sz));
	/* libbpf (the host's) reads it as an object */
	obj = bpf_object__open_mem(elf, sz, NULL);
	CHECK(obj != NULL, "bpf_object__open_mem(__elf_bytes()): %s", errname(errno));
	bpf_object__close(obj);
}

static int wait_for(volatile unsigned long long *v, unsigned long long want, int ms)
{
	long long deadline = now_ms() + ms;

	while (*v < want && now_ms() < deadline)
		sleep_ms(20);
	return *v >= want;
}

int main(int argc, char **argv)
{
	struct sdk_lifecycle_bpf *skel;
	struct bpf_link *link;
	libbpf_print_fn_t old;
	__u64 value = 0;
	__u32 key = 0;
	int err, fd;

	if (argc != 2) {
		fprintf(stderr, "usage: lifecycle TRIGGER\n");
		return 2;
	}
	old = libbpf_set_print(print_fn);
	CHECK(old != NULL, "libbpf_set_print() returns the default printer");
	skel = sdk_lifecycle_bpf__open();
	if (!skel) {
		printf("open failed: %s\n", errname(errno));
		return 1;
	}
	set_trigger(skel->rodata->targ_comm, argv[1]);
	elf_bytes();

	CHECK(bpf_program__autoload(skel->progs.sdk_lc_off), "autoload is on by default");
	err = bpf_program__set_autoload(skel->progs.sdk_lc_off, false);
	CHECK(err == 0, "set_autoload: %s", errname(err));
	CHECK(!bpf_program__autoload(skel->progs.sdk_lc_off), "autoload off");
	printf("max_entries_before=%u\n", bpf_map__max_entries(skel->maps.sdk_lc_map));
	err = bpf_map__set_max_entries(skel->maps.sdk_lc_map, 4242);
	CHECK(err == 0, "set_max_entries: %s", errname(err));

	err = sdk_lifecycle_bpf__load(skel);
	if (err) {
		printf("load failed: %s\n", errname(err));
		sdk_lifecycle_bpf__destroy(skel);
		return 1;
	}
	printf("debug_msgs=%s\n", n_debug > 0 ? "yes" : "no");
	printf("max_entries=%u\n", bpf_map__max_entries(skel->maps.sdk_lc_map));
	err = bpf_map__set_max_entries(skel->maps.sdk_lc_map, 7);
	printf("set_max_entries_after_load=%s\n", errname(err));
	err = bpf_program__set_autoload(skel->progs.sdk_lc_a, false);
	printf("set_autoload_after_load=%s\n", errname(err));
	fd = bpf_program__fd(skel->progs.sdk_lc_off);
	printf("off_fd=%s\n", fd < 0 ? errname(fd) : "valid");
	fd = bpf_program__fd(skel->progs.sdk_lc_a);
	printf("a_fd=%s\n", fd < 0 ? errname(fd) : "valid");

	err = sdk_lifecycle_bpf__attach(skel);
	if (err) {
		printf("attach failed: %s\n", errname(err));
		sdk_lifecycle_bpf__destroy(skel);
		return 1;
	}
	printf("links a=%s b=%s off=%s\n", skel->links.sdk_lc_a ? "yes" : "no",
	       skel->links.sdk_lc_b ? "yes" : "no", skel->links.sdk_lc_off ? "yes" : "no");
	/* what the host cannot do: NULL, errno ENOTSUP, a message */
	link = bpf_program__attach_xdp(skel->progs.sdk_lc_b, 1);
	err = (int)libbpf_get_error(link);
	printf("attach_xdp=%s get_error=%s sdk_msgs=%d\n", link ? "link" : "NULL", errname(err),
	       n_sdk);
	libbpf_set_print(NULL);
	link = bpf_program__attach_xdp(skel->progs.sdk_lc_b, 1);
	printf("silenced sdk_msgs=%d errno=%s\n", n_sdk, errname(errno));
	printf("ready\n");

	if (!wait_for(&skel->bss->count_b, 1, 15000)) {
		printf("timeout waiting for the first trigger\n");
		sdk_lifecycle_bpf__destroy(skel);
		return 1;
	}
	printf("first a=%llu b=%llu\n", (unsigned long long)skel->bss->count_a,
	       (unsigned long long)skel->bss->count_b);
	err = bpf_link__destroy(skel->links.sdk_lc_a);
	skel->links.sdk_lc_a = NULL;
	printf("detached sdk_lc_a err=%s\n", errname(err));

	wait_for(&skel->bss->count_b, 3, 15000);
	err = bpf_map_lookup_elem(bpf_map__fd(skel->maps.sdk_lc_map), &key, &value);
	printf("done a=%llu b=%llu off=%llu map=%llu lookup=%s\n",
	       (unsigned long long)skel->bss->count_a, (unsigned long long)skel->bss->count_b,
	       (unsigned long long)skel->bss->count_off, (unsigned long long)value, errname(err));
	sdk_lifecycle_bpf__destroy(skel);
	return guest_failures ? 1 : 0;
}
