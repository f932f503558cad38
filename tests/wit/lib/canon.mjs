// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
//
// Canonical-ABI size and alignment of component-model value types, written
// from the rules of the component model's CanonicalABI.md (alignment(),
// elem_size(), and the field placement of store/load for records), with no
// code shared with btf2wit. A type is one of:
//   { kind: 'prim', name: 'u8' | ... | 'f64' | 'bool' | 'char' | 'string' }
//   { kind: 'list', elem, len }        len undefined for list<T>
//   { kind: 'record', fields: [{ name, type }] }
//   { kind: 'tuple', types: [type] }
//   { kind: 'enum', cases: [name] }
//   { kind: 'flags', labels: [name] }
//   { kind: 'variant', cases: [{ name, type | null }] }
//   { kind: 'option', type } / { kind: 'result', ok, err }

const PRIM = {
	bool: [1, 1],
	s8: [1, 1],
	u8: [1, 1],
	s16: [2, 2],
	u16: [2, 2],
	s32: [4, 4],
	u32: [4, 4],
	s64: [8, 8],
	u64: [8, 8],
	f32: [4, 4],
	f64: [8, 8],
	char: [4, 4],
	string: [4, 8], // [alignment, size]: pointer + length
};

export function alignTo(x, a) {
	return Math.ceil(x / a) * a;
}

function discriminantSize(n) {
	if (n <= 0) throw new Error('variant with no cases');
	// match math.ceil(math.log2(n)/8): 0|1 -> u8, 2 -> u16, 3 -> u32
	const bytes = Math.ceil(Math.log2(n) / 8);
	return bytes <= 1 ? 1 : bytes === 2 ? 2 : 4;
}

function variantCases(t) {
	switch (t.kind) {
	case 'enum':
		return t.cases.map(() => null);
	case 'option':
		return [null, t.type];
	case 'result':
		return [t.ok ?? null, t.err ?? null];
	default:
		return t.cases.map((c) => c.type);
	}
}

export function alignment(t) {
	switch (t.kind) {
	case 'prim':
		return PRIM[t.name][0];
	case 'list':
		return t.len !== undefined ? alignment(t.elem) : 4;
	case 'record':
		return t.fields.reduce((a, f) => Math.max(a, alignment(f.type)), 1);
	case 'tuple':
		return t.types.reduce((a, x) => Math.max(a, alignment(x)), 1);
	case 'flags': {
		const n = t.labels.length;
		return n <= 8 ? 1 : n <= 16 ? 2 : 4;
	}
	case 'enum':
	case 'option':
	case 'result':
	case 'variant': {
		const cases = variantCases(t);
		let a = discriminantSize(cases.length);
		for (const c of cases) if (c) a = Math.max(a, alignment(c));
		return a;
	}
	default:
		throw new Error(`alignment of unknown type ${t.kind}`);
	}
}

// Offsets of a record's (or tuple's) fields, in order.
export function fieldOffsets(types) {
	const offs = [];
	let s = 0;
	for (const t of types) {
		s = alignTo(s, alignment(t));
		offs.push(s);
		s += elemSize(t);
	}
	return offs;
}

export function elemSize(t) {
	switch (t.kind) {
	case 'prim':
		return PRIM[t.name][1];
	case 'list':
		return t.len !== undefined ? t.len * elemSize(t.elem) : 8;
	case 'record':
	case 'tuple': {
		const types = t.kind === 'record' ? t.fields.map((f) => f.type) : t.types;
		let s = 0;
		for (const x of types) s = alignTo(s, alignment(x)) + elemSize(x);
		return alignTo(s, alignment(t));
	}
	case 'flags': {
		const n = t.labels.length;
		return n <= 8 ? 1 : n <= 16 ? 2 : 4;
	}
	case 'enum':
	case 'option':
	case 'result':
	case 'variant': {
		const cases = variantCases(t);
		let s = discriminantSize(cases.length);
		let maxAlign = 1;
		let maxSize = 0;
		for (const c of cases) {
			if (!c) continue;
			maxAlign = Math.max(maxAlign, alignment(c));
			maxSize = Math.max(maxSize, elemSize(c));
		}
		s = alignTo(s, maxAlign) + maxSize;
		return alignTo(s, alignment(t));
	}
	default:
		throw new Error(`size of unknown type ${t.kind}`);
	}
}

// Values worked out by hand from CanonicalABI.md; `wit-check selftest`
// fails when the functions above disagree with any of them.
export function selftest() {
	const p = (name) => ({ kind: 'prim', name });
	const rec = (...types) => ({ kind: 'record', fields: types.map((type, i) => ({ name: `f${i}`, type })) });
	const cases = [
		[p('u8'), 1, 1],
		[p('u64'), 8, 8],
		[p('char'), 4, 4],
		[p('string'), 8, 4],
		[{ kind: 'list', elem: p('u16'), len: 3 }, 6, 2],
		[{ kind: 'list', elem: p('u16') }, 8, 4],
		[rec(p('u8'), p('u32')), 8, 4],
		[rec(p('u8'), p('u64'), p('u8')), 24, 8],
		[rec(p('u8'), { kind: 'list', elem: p('u8'), len: 3 }, p('u32')), 8, 4],
		[{ kind: 'tuple', types: [p('u16'), p('u8')] }, 4, 2],
		[{ kind: 'enum', cases: ['a', 'b'] }, 1, 1],
		[{ kind: 'enum', cases: Array.from({ length: 300 }, (_, i) => `c${i}`) }, 2, 2],
		[{ kind: 'flags', labels: Array.from({ length: 9 }, (_, i) => `f${i}`) }, 2, 2],
		[{ kind: 'option', type: p('u32') }, 8, 4],
		[{ kind: 'list', elem: rec(p('u32'), p('u8')), len: 2 }, 16, 4],
	];
	const failures = [];
	for (const [t, size, align] of cases) {
		const got = [elemSize(t), alignment(t)];
		if (got[0] !== size || got[1] !== align)
			failures.push(`${JSON.stringify(t).slice(0, 80)}: size/align ${got} expected ${size},${align}`);
	}
	const offs = fieldOffsets([p('u8'), p('u16'), p('u8'), p('u64')]);
	if (offs.join() !== '0,2,4,8') failures.push(`field offsets ${offs} expected 0,2,4,8`);
	return failures;
}
