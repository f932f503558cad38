// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
//
// The type structure of a WIT package as the real parser resolved it: the
// WIT goes through wasm-tools (bundled in @bytecodealliance/jco-transpile)
// componentEmbed + componentNew, the component is printed as WAT, and the
// type definitions of the exported interface's shim component are read back
// from that text into the shapes of canon.mjs.

import { componentEmbed, componentNew, print } from '@bytecodealliance/jco-transpile/wasm-tools';

function errText(e) {
	return String(e?.payload ?? e?.message ?? e).trim();
}

// Parse WIT source with the real parser; returns { core, component } WAT
// texts or throws an Error with the parser's message.
export async function compileWit(source) {
	let core;
	let comp;
	try {
		core = await componentEmbed({ witSource: source, dummy: true });
		comp = await componentNew(core);
	} catch (e) {
		throw new Error(errText(e));
	}
	return { core: await print(core), component: await print(comp) };
}

// S-expressions; index comments "(;N;)" are kept as { index: N } since they
// number the type definitions.
export function parseSexp(text) {
	let i = 0;
	const n = text.length;
	function skip() {
		for (;;) {
			while (i < n && /\s/.test(text[i])) i++;
			if (text.startsWith(';;', i)) {
				while (i < n && text[i] !== '\n') i++;
			} else if (text.startsWith('(;', i) && !/^\(;\d+;\)/.test(text.slice(i, i + 16))) {
				const end = text.indexOf(';)', i);
				i = end < 0 ? n : end + 2;
			} else {
				return;
			}
		}
	}
	function node() {
		skip();
		const m = /^\(;(\d+);\)/.exec(text.slice(i, i + 16));
		if (m) {
			i += m[0].length;
			return { index: Number(m[1]) };
		}
		if (text[i] === '(') {
			i++;
			const list = [];
			for (;;) {
				skip();
				if (i >= n) throw new Error('unterminated list');
				if (text[i] === ')') {
					i++;
					return list;
				}
				list.push(node());
			}
		}
		if (text[i] === '"') {
			let s = '';
			i++;
			while (i < n && text[i] !== '"') {
				if (text[i] === '\\') {
					s += text[i + 1];
					i += 2;
				} else {
					s += text[i++];
				}
			}
			i++;
			return { str: s };
		}
		const start = i;
		while (i < n && !/[\s()"]/.test(text[i])) i++;
		return text.slice(start, i);
	}
	const out = [];
	for (;;) {
		skip();
		if (i >= n) return out;
		out.push(node());
	}
}

const PRIMS = new Set(['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string']);

function indexOf(list) {
	const ix = list.find((x) => x && typeof x === 'object' && 'index' in x);
	return ix ? ix.index : undefined;
}

function findComponent(nodes, pred) {
	for (const nd of nodes) {
		if (!Array.isArray(nd)) continue;
		if (nd[0] === 'component' && pred(nd)) return nd;
		const inner = findComponent(nd, pred);
		if (inner) return inner;
	}
	return null;
}

// Types of the interface `iface` (e.g. "wbpf:prog/types") exported by the
// component printed in `componentWat`: Map name -> canon.mjs type.
export function exportedTypes(componentWat, iface) {
	const top = parseSexp(componentWat);
	const shimName = `$${iface}-shim-component`;
	const shim = findComponent(top, (c) => c[1] === shimName);
	if (!shim) throw new Error(`no ${shimName} in the component`);
	const defs = new Map(); // index -> raw definition
	const names = new Map(); // export name -> index
	for (const item of shim.slice(2)) {
		if (!Array.isArray(item)) continue;
		const idx = indexOf(item);
		if (item[0] === 'type') {
			// (type (;N;) (record ...)) or (type (;N;) u32)
			const def = item[item.length - 1];
			defs.set(idx, Array.isArray(def) ? def : [def]);
		} else if (item[0] === 'export') {
			const name = item.find((x) => x && x.str !== undefined).str;
			const ref = item.find((x) => Array.isArray(x) && x[0] === 'type');
			if (!ref) continue; // a function, in another index space
			// (type N) or (type (eq N))
			const target = Array.isArray(ref[1]) ? ref[1][1] : ref[1];
			defs.set(idx, ['alias', Number(target)]);
			names.set(name, idx);
		}
	}
	const cache = new Map();
	function resolve(ref) {
		if (typeof ref === 'string' && PRIMS.has(ref)) return { kind: 'prim', name: ref };
		const idx = Number(ref);
		if (cache.has(idx)) return cache.get(idx);
		const d = defs.get(idx);
		if (!d) throw new Error(`type index ${ref} is not defined`);
		let t;
		switch (d[0]) {
		case 'alias':
			t = resolve(d[1]);
			break;
		case 'record':
			t = { kind: 'record', fields: d.slice(1).map((f) => ({ name: f[1].str, type: resolve(f[2]) })) };
			break;
		case 'list':
			t = { kind: 'list', elem: resolve(d[1]), len: d[2] !== undefined ? Number(d[2]) : undefined };
			break;
		case 'tuple':
			t = { kind: 'tuple', types: d.slice(1).map(resolve) };
			break;
		case 'enum':
			t = { kind: 'enum', cases: d.slice(1).map((c) => c.str) };
			break;
		case 'flags':
			t = { kind: 'flags', labels: d.slice(1).map((c) => c.str) };
			break;
		case 'option':
			t = { kind: 'option', type: resolve(d[1]) };
			break;
		default:
			if (PRIMS.has(d[0])) t = { kind: 'prim', name: d[0] };
			else throw new Error(`unsupported type definition (${d[0]} ...)`);
		}
		cache.set(idx, t);
		return t;
	}
	const out = new Map();
	for (const [name, idx] of names) out.set(name, resolve(idx));
	return out;
}

// Core-wasm function types of the imports of the dummy module that
// componentEmbed made for a world: Map "module name" -> "params->results"
// in i32/i64 letters (i, I).
export function coreImports(coreWat) {
	const top = parseSexp(coreWat);
	const mod = top.find((x) => Array.isArray(x) && x[0] === 'module');
	const types = new Map();
	const letter = (v) => ({ i32: 'i', i64: 'I', f32: 'f', f64: 'F' })[v] ?? '?';
	for (const item of mod.slice(1)) {
		if (!Array.isArray(item) || item[0] !== 'type') continue;
		const fn = item.find((x) => Array.isArray(x) && x[0] === 'func');
		const params = fn.filter((x) => Array.isArray(x) && x[0] === 'param').flatMap((p) => p.slice(1));
		const results = fn.filter((x) => Array.isArray(x) && x[0] === 'result').flatMap((p) => p.slice(1));
		types.set(indexOf(item), `${params.map(letter).join('')}->${results.map(letter).join('')}`);
	}
	const out = new Map();
	for (const item of mod.slice(1)) {
		if (!Array.isArray(item) || item[0] !== 'import') continue;
		const [, modname, name, fn] = item;
		const ty = fn.find((x) => Array.isArray(x) && x[0] === 'type');
		out.set(`${modname.str} ${name.str}`, types.get(Number(ty[1])));
	}
	return out;
}
