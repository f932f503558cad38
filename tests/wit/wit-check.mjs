#!/usr/bin/env node
// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
//
// Checks of btf2wit's output with the real WIT parser (wasm-tools, as
// bundled in @bytecodealliance/jco-transpile):
//
//   wit-check.mjs validate FILE.wit...
//       each file parses, resolves and becomes a component
//   wit-check.mjs layout FILE.wit OBJECT
//       every item that names a C type has the canonical-ABI size, alignment
//       and field offsets of that type in OBJECT's BTF (read with bpftool);
//       every C member is held by some field
//   wit-check.mjs abi FILE.wit ABI.def
//       the world's imports lower to the core-wasm types of the .def
//   wit-check.mjs keywords WORD...
//       each WORD is rejected bare and accepted %-escaped; and every word of
//       a list of WIT's reserved words that the parser rejects is among them
//   wit-check.mjs selftest
//       the canonical-ABI functions against values worked out by hand
//
// Exit 0 when every check passes; else each failure is printed on one line.

import { readFileSync } from 'node:fs';
import { alignment, elemSize, fieldOffsets, selftest } from './lib/canon.mjs';
import { Btf } from './lib/btf.mjs';
import { compileWit, coreImports, exportedTypes } from './lib/wat.mjs';
import { witDocs } from './lib/witdoc.mjs';

const failures = [];
const fail = (msg) => failures.push(msg);

async function validate(files) {
	for (const f of files) {
		try {
			await compileWit(readFileSync(f, 'utf8'));
			console.log(`ok: ${f} parses and becomes a component`);
		} catch (e) {
			fail(`${f}: ${e.message.split('\n').join(' / ')}`);
		}
	}
}

// "C `struct foo`: 24 bytes, align 8" (and variants) -> { cname, size, align }
function cOf(docs) {
	const line = docs.find((d) => d.startsWith('C `')) ?? '';
	const m = /^C `([^`]+)`: (?:typedef of .*, )?(\d+) bytes?(?:, align (\d+))?/.exec(line);
	if (!m) return null;
	return { cname: m[1], size: Number(m[2]), align: m[3] ? Number(m[3]) : undefined };
}

function checkField(ctx, f, off, size, members, used, fail) {
	const where = `${ctx}.${f.name}`;
	const doc = f.docs[0] ?? '';
	let m;
	const claimed = /offset (\d+)/.exec(doc);
	if (!claimed) return fail(`${where}: no offset in its comment`);
	if (Number(claimed[1]) !== off)
		fail(`${where}: WIT offset ${off}, its comment says ${claimed[1]}`);
	if ((m = /^`([^`]+)`: .*, offset (\d+)$/.exec(doc))) {
		const bm = members.find((x) => x.name === m[1] && !x.bitSize);
		if (!bm) return fail(`${where}: BTF has no member ${m[1]}`);
		used.add(bm);
		if (bm.bitOff !== off * 8) fail(`${where}: WIT offset ${off}, BTF offset ${bm.bitOff / 8}`);
		if (bm.size !== size) fail(`${where}: WIT size ${size}, BTF size ${bm.size}`);
	} else if ((m = /^anonymous union, offset (\d+), (\d+) bytes/.exec(doc))) {
		const bm = members.find((x) => !x.name && x.union && x.bitOff === off * 8);
		if (!bm) return fail(`${where}: BTF has no anonymous union at offset ${off}`);
		used.add(bm);
		if (bm.size !== size) fail(`${where}: WIT size ${size}, BTF size ${bm.size}`);
	} else if (/^bitfields, offset \d+/.test(doc)) {
		for (const b of doc.matchAll(/`([^`]+)`: [^;]*, bits (\d+)\.\.(\d+)/g)) {
			const bm = members.find((x) => x.name === b[1] && x.bitSize);
			if (!bm) {
				fail(`${where}: BTF has no bitfield ${b[1]}`);
				continue;
			}
			used.add(bm);
			const from = Number(b[2]);
			const to = Number(b[3]);
			if (bm.bitOff !== off * 8 + from || bm.bitSize !== to - from + 1)
				fail(`${where}: bitfield ${b[1]} at bits ${from}..${to} of the field, BTF at bit ` +
					`${bm.bitOff - off * 8} width ${bm.bitSize}`);
			if (to >= size * 8) fail(`${where}: bitfield ${b[1]} ends past the field's ${size} bytes`);
		}
	} else if (/^static variables, offset \d+/.test(doc)) {
		for (const bm of members)
			if (bm.static && bm.bitOff >= off * 8 && bm.bitOff + bm.size * 8 <= (off + size) * 8) used.add(bm);
	} else if (!/^padding, offset \d+/.test(doc)) {
		fail(`${where}: its comment does not say what it holds: ${doc}`);
	}
}

// One item against one BTF type; failures go to `fail`.
function unfaithfulAlign(item) {
	return item.docs.some((d) => d.startsWith('not faithful: alignment') || d.startsWith('not faithful: size'));
}

function checkItem(ctx, item, c, t, btf, bt, fail, items) {
	const isSection = bt.kind === 'DATASEC';
	const bsize = btf.size(bt.id);
	const balign = btf.align(bt.id);
	const wsize = elemSize(t);
	const walign = alignment(t);
	// an alias (type x = y;) is as faithful as the item it names
	const target = item.kind === 'type' ? items.find((x) => x.name === item.text.replace(/^%/, '')) : null;
	const unfaithful = unfaithfulAlign(item) || (target !== null && target !== undefined && unfaithfulAlign(target));
	if (c.size !== bsize) fail(`${ctx}: comment says ${c.size} bytes, BTF ${c.cname} has ${bsize}`);
	if (wsize !== c.size) fail(`${ctx}: canonical size ${wsize}, C size ${c.size}`);
	if (isSection) {
		// a section has no C alignment: its record says which it has
		if (c.align !== walign) fail(`${ctx}: comment says align ${c.align}, canonical ${walign}`);
	} else {
		if (walign !== Math.min(balign, 8) && !unfaithful)
			fail(`${ctx}: canonical alignment ${walign}, BTF alignment ${balign}`);
		if (unfaithfulAlign(item) && walign === Math.min(balign, 8) && balign <= 8)
			fail(`${ctx}: says its alignment is not faithful, but it is ${walign} as in BTF`);
		if (c.align !== undefined && c.align !== balign && !unfaithful)
			fail(`${ctx}: comment says align ${c.align}, BTF ${balign}`);
	}
	if (item.kind !== 'record') return;
	if (t.kind !== 'record') return fail(`${ctx}: a record in the source, a ${t.kind} to the parser`);
	const offs = fieldOffsets(t.fields.map((f) => f.type));
	const members = bt.kind === 'UNION' ? [] : btf.members(bt.id);
	const used = new Set();
	let end = 0;
	t.fields.forEach((f, i) => {
		// btf2wit pads explicitly: no byte is left to implicit padding
		if (offs[i] !== end) fail(`${ctx}.${f.name}: ${offs[i] - end} bytes of implicit padding before it`);
		end = offs[i] + elemSize(f.type);
		const src = item.fields.find((x) => x.name === f.name);
		if (!src) return fail(`${ctx}.${f.name}: not in the source`);
		checkField(ctx, src, offs[i], elemSize(f.type), members, used, fail);
	});
	if (end !== wsize) fail(`${ctx}: ${wsize - end} bytes of implicit tail padding`);
	for (const bm of members) {
		if (used.has(bm) || (!bm.bitSize && bm.size === 0)) continue;
		fail(`${ctx}: BTF member ${bm.name ?? '(anonymous)'} at bit ${bm.bitOff} is in no field`);
	}
}

async function layout(witFile, object) {
	let source = readFileSync(witFile, 'utf8');
	const docs = witDocs(source);
	// the types of an imported interface are read the same way once the
	// world exports it instead
	source = source.replace(new RegExp(`^(\\s*)import ${docs.iface};$`, 'm'), `$1export ${docs.iface};`);
	let types;
	try {
		types = exportedTypes((await compileWit(source)).component, docs.ifaceId);
	} catch (e) {
		return fail(`${witFile}: ${e.message.split('\n').join(' / ')}`);
	}
	const btf = Btf.load(object);
	let checked = 0;
	for (const item of docs.items) {
		const c = cOf(item.docs);
		if (!c) continue;
		const ctx = `${witFile}: ${item.name}`;
		const t = types.get(item.name);
		if (!t) {
			fail(`${ctx}: not among the parsed types`);
			continue;
		}
		// BTF may hold a name twice (two `struct dup`): one must match
		const candidates = btf.findPath(c.cname);
		if (!candidates.length) {
			fail(`${ctx}: BTF has no ${c.cname}`);
			continue;
		}
		let best = null;
		for (const bt of candidates) {
			const local = [];
			try {
				checkItem(ctx, item, c, t, btf, bt, (m) => local.push(m), docs.items);
			} catch (e) {
				local.push(`${ctx}: ${e.message}`);
			}
			if (!best || local.length < best.length) best = local;
			if (!local.length) break;
		}
		best.forEach(fail);
		checked++;
	}
	if (!failures.length) console.log(`ok: ${witFile}: ${checked} items lay out as in ${object}`);
	if (!checked) fail(`${witFile}: no item names a C type; nothing was checked`);
}

async function abi(witFile, defFile) {
	const def = readFileSync(defFile, 'utf8');
	const want = new Map();
	for (const m of def.matchAll(/^WBPF_IMPORT\((\w+), "(\w*)", "(\w*)"/gm))
		want.set(m[1].replaceAll('_', '-'), `${m[2]}->${m[3]}`);
	let core;
	try {
		core = (await compileWit(readFileSync(witFile, 'utf8'))).core;
	} catch (e) {
		return fail(`${witFile}: ${e.message}`);
	}
	const got = new Map();
	for (const [key, sig] of coreImports(core)) got.set(key.split(' ')[1], sig);
	for (const [name, sig] of want) {
		if (!got.has(name)) fail(`${witFile}: no import ${name}`);
		else if (got.get(name) !== sig)
			fail(`${witFile}: ${name} lowers to ${got.get(name)}, the ABI table says ${sig}`);
	}
	for (const name of got.keys()) if (!want.has(name)) fail(`${witFile}: ${name} is not in ${defFile}`);
	if (!want.size) fail(`${defFile}: no WBPF_IMPORT lines`);
	if (!failures.length) console.log(`ok: ${want.size} imports lower to the core types of ${defFile}`);
}

// Words WIT reserves or uses as type names today; the parser is asked which
// of them it rejects bare.
const CANDIDATES = `as async bool borrow char constructor enum error-context export f32 f64 flags
float32 float64 from func future import include interface list map own option package record
resource result s16 s32 s64 s8 static stream string tuple type u16 u32 u64 u8 use variant with
world self fixed default union error int include`.split(/\s+/);

async function keywords(words) {
	const wit = (id) => `package a:b;\ninterface i {\n  record r { ${id}: u8 }\n}\nworld w { export i; }\n`;
	const rejected = async (id) => {
		try {
			await compileWit(wit(id));
			return false;
		} catch {
			return true;
		}
	};
	for (const w of words) {
		if (!(await rejected(w))) fail(`'${w}' is on btf2wit's keyword list but the parser accepts it bare`);
		if (await rejected(`%${w}`)) fail(`'%${w}' is rejected by the parser`);
	}
	for (const w of CANDIDATES)
		if (!words.includes(w) && (await rejected(w)))
			fail(`the parser rejects '${w}' bare but btf2wit would not escape it`);
	if (!failures.length) console.log(`ok: ${words.length} keywords, all escaped exactly where needed`);
}

const [cmd, ...args] = process.argv.slice(2);
switch (cmd) {
case 'validate':
	await validate(args);
	break;
case 'layout':
	await layout(args[0], args[1]);
	break;
case 'abi':
	await abi(args[0], args[1]);
	break;
case 'keywords':
	await keywords(args);
	break;
case 'selftest':
	for (const f of selftest()) fail(`canonical ABI: ${f}`);
	if (!failures.length) console.log('ok: canonical-ABI sizes, alignments and offsets');
	break;
default:
	console.error('usage: wit-check.mjs validate|layout|abi|keywords|selftest ...');
	process.exit(2);
}
for (const f of failures) console.log(`FAIL: ${f}`);
process.exit(failures.length ? 1 : 0);
