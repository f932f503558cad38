// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
//
// Layout of BTF types as bpftool reports them (`bpftool -j btf dump file
// X`), independent of wbpf's layout core: sizes from BTF, alignment by
// libbpf's btf__align_of() rules (natural alignment, 1 for packed types).

import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MODIFIERS = new Set(['TYPEDEF', 'CONST', 'VOLATILE', 'RESTRICT', 'TYPE_TAG']);

function bpftool() {
	for (const p of ['/usr/sbin/bpftool', '/sbin/bpftool', '/usr/bin/bpftool']) {
		try {
			execFileSync(p, ['version'], { stdio: 'ignore' });
			return p;
		} catch {
			// try the next one
		}
	}
	return 'bpftool';
}

export class Btf {
	constructor(types) {
		this.byId = new Map(types.map((t) => [t.id, t]));
		this.types = types;
		this.byName = new Map();
		for (const t of types) {
			if (!this.byName.has(t.name)) this.byName.set(t.name, []);
			this.byName.get(t.name).push(t);
		}
	}

	// A BPF ELF object is first put through libbpf's static linker
	// (`bpftool gen object`), which gives data sections their sizes and
	// variable offsets as the loader will; raw BTF is read as it is.
	static load(path) {
		const tool = bpftool();
		let file = path;
		let dir = null;
		const magic = Buffer.alloc(4);
		const fd = openSync(path, 'r');
		readSync(fd, magic, 0, 4, 0);
		closeSync(fd);
		if (magic.toString('latin1') === '\x7fELF') {
			dir = mkdtempSync(join(tmpdir(), 'wit-check-'));
			file = join(dir, 'linked.o');
			execFileSync(tool, ['gen', 'object', file, path], { stdio: ['ignore', 'ignore', 'pipe'] });
		}
		try {
			const out = execFileSync(tool, ['-j', 'btf', 'dump', 'file', file], { maxBuffer: 1 << 30 });
			return new Btf(JSON.parse(out).types);
		} finally {
			if (dir) rmSync(dir, { recursive: true, force: true });
		}
	}

	type(id) {
		const t = this.byId.get(id);
		if (!t) throw new Error(`BTF has no type id ${id}`);
		return t;
	}

	resolve(id) {
		let t = this.type(id);
		while (MODIFIERS.has(t.kind)) t = this.type(t.type_id);
		return t;
	}

	size(id) {
		const t = this.resolve(id);
		switch (t.kind) {
		case 'PTR':
			return 8;
		case 'ARRAY':
			return t.nr_elems * this.size(t.type_id);
		case 'VAR':
			return this.size(t.type_id);
		case 'DATASEC':
			return t.size || Math.max(0, ...t.vars.map((v) => v.offset + v.size));
		default:
			return t.size;
		}
	}

	// libbpf btf__align_of(): ints, enums, floats min(size, 8); pointers 8;
	// arrays their element's; structs/unions the largest member alignment,
	// or 1 when a member sits off its alignment or the size is not a
	// multiple of it (packed).
	align(id) {
		const t = this.resolve(id);
		switch (t.kind) {
		case 'INT':
		case 'ENUM':
		case 'ENUM64':
		case 'FLOAT':
			return Math.min(8, t.size);
		case 'PTR':
			return 8;
		case 'ARRAY':
			return this.align(t.type_id);
		case 'STRUCT':
		case 'UNION': {
			let max = 1;
			for (const m of t.members) {
				const a = this.align(m.type_id);
				if (!m.bitfield_size && m.bits_offset % (8 * a)) return 1;
				max = Math.max(max, a);
			}
			return t.size % max ? 1 : max;
		}
		case 'DATASEC':
			return t.vars.reduce((a, v) => Math.max(a, this.align(v.type_id)), 1);
		case 'VAR':
			return this.align(t.type_id);
		default:
			throw new Error(`no alignment for BTF kind ${t.kind}`);
		}
	}

	// Every type named "struct foo", "union foo", "enum foo", or a typedef
	// or section name (BTF may hold a name more than once).
	find(cname) {
		const m = /^(struct|union|enum) (\w+)$/.exec(cname);
		if (m) {
			const kinds = { struct: ['STRUCT'], union: ['UNION'], enum: ['ENUM', 'ENUM64'] }[m[1]];
			return (this.byName.get(m[2]) ?? []).filter((t) => kinds.includes(t.kind));
		}
		const named = this.byName.get(cname) ?? [];
		const typedefs = named.filter((t) => t.kind === 'TYPEDEF');
		return typedefs.length ? typedefs : named.filter((t) => t.kind === 'DATASEC');
	}

	// The types a C path names: "struct foo", "foo_t", ".bss", or one of
	// those followed by .member.member... through anonymous members' types.
	findPath(path) {
		const parts = path.split('.');
		for (let k = parts.length; k >= 1; k--) {
			const out = [];
			for (const base of this.find(parts.slice(0, k).join('.'))) {
				let t = base;
				for (const member of parts.slice(k)) {
					const m = t && this.members(t.id).find((x) => x.name === member);
					t = m ? this.resolve(m.type) : null;
					while (t && t.kind === 'ARRAY') t = this.resolve(t.type_id);
				}
				if (t) out.push(t);
			}
			if (out.length) return out;
		}
		return [];
	}

	// Members of a struct/union/section with absolute bit offsets, members
	// of anonymous structs flattened into their parent (as C reaches them).
	members(id, base = 0) {
		const t = this.resolve(id);
		if (t.kind === 'DATASEC') {
			return t.vars.map((v) => {
				const vt = this.type(v.type_id);
				return {
					name: vt.name,
					bitOff: v.offset * 8,
					size: v.size,
					type: vt.type_id,
					static: vt.linkage === 'static',
				};
			});
		}
		if (t.kind !== 'STRUCT' && t.kind !== 'UNION')
			throw new Error(`${t.kind} ${t.name} has no members`);
		const out = [];
		for (const m of t.members) {
			const rt = this.resolve(m.type_id);
			const bitOff = base + m.bits_offset;
			if (m.name === '(anon)' && rt.kind === 'STRUCT' && t.kind === 'STRUCT') {
				out.push(...this.members(rt.id, bitOff));
				continue;
			}
			out.push({
				name: m.name === '(anon)' ? null : m.name,
				bitOff,
				bitSize: m.bitfield_size ?? 0,
				size: m.bitfield_size ? 0 : this.size(m.type_id),
				type: m.type_id,
				union: rt.kind === 'UNION',
			});
		}
		return out;
	}
}
