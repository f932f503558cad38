// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf2wit case: every layout feature WIT must carry faithfully, or say it
 * cannot: padding (inner, tail), arrays (nested, of structs), pointers,
 * bool/float, enums (values in comments, an exact WIT enum, signed),
 * bitfields, unions (named, anonymous), anonymous structs (flattened and
 * named), typedefs (naming an anonymous struct, aliasing a named one),
 * keywords and colliding names, a flexible array, and a packed struct
 * with misaligned members.
 */
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef int pid_t;

enum event_kind {
	EV_EXEC = 1,
	EV_EXIT = 2,
	EV_FORK = 16
};
enum __attribute__((packed)) prio_class {
	PRIO_LOW,
	PRIO_MID,
	PRIO_HIGH
};
enum signed_vals {
	SV_NEG = -1,
	SV_ZERO = 0,
	SV_MAX = 0x7fffffff
};

struct inner {
	char c;
	long l;
};

union value {
	int i;
	long l;
	char bytes[12];
};

struct event {
	pid_t pid;
	__u32 type;
	char comm[16];
	enum event_kind kind;
	unsigned int flags : 3, exited : 1;
	unsigned char prio;
	struct inner in;
	struct inner arr[2];
	union value val;
	union {
		__u32 u32;
		float f;
	};
	struct {
		short x, y;
	};
	struct {
		int a;
	} pos;
	const char *name;
	void (*fn)(int);
	_Bool ok;
	double ratio;
	__u64 matrix[2][3];
	enum prio_class pc;
	enum signed_vals sv;
	int foo_bar;
	int fooBar;
	int __pad0;
	char data[];
};

struct __attribute__((packed)) packed_rec {
	char a;
	int b;
	short c;
};

typedef struct {
	int x;
	int y;
} point_t;

typedef struct inner inner_t;

struct event ev;
struct packed_rec pr;
point_t pt;
inner_t it;
