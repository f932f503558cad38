// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
//
// The doc comments of a WIT file, by item and field: btf2wit says in them
// which C type each item stands for ("C `struct event`: 24 bytes, align 8")
// and which C member each field holds ("`pid`: int, offset 0"). The types
// themselves are not read here but from the real parser (wat.mjs).

const unescape = (id) => id.replace(/^%/, '');

export function witDocs(source) {
	const items = [];
	let docs = [];
	let record = null;
	let iface = null;
	let pkg = null;
	for (const raw of source.split('\n')) {
		const line = raw.trim();
		let m;
		if (line.startsWith('///')) {
			docs.push(line.slice(3).trim());
			continue;
		}
		if ((m = /^package ([^;]+);$/.exec(line))) {
			pkg = m[1].replaceAll('%', '');
		} else if ((m = /^interface (%?[\w-]+) \{$/.exec(line))) {
			iface = unescape(m[1]);
		} else if ((m = /^record (%?[\w-]+) \{$/.exec(line))) {
			record = { kind: 'record', name: unescape(m[1]), docs, fields: [] };
			items.push(record);
		} else if ((m = /^enum (%?[\w-]+) \{$/.exec(line))) {
			items.push({ kind: 'enum', name: unescape(m[1]), docs });
		} else if ((m = /^type (%?[\w-]+) = (.*);$/.exec(line))) {
			items.push({ kind: 'type', name: unescape(m[1]), docs, text: m[2] });
		} else if (record && (m = /^(%?[\w-]+): (.*),$/.exec(line))) {
			record.fields.push({ name: unescape(m[1]), docs, text: m[2] });
		} else if (line === '}') {
			record = null;
		}
		docs = [];
	}
	// "ns:name@1.0.0" + "types" -> "ns:name/types@1.0.0"
	const [base, ver] = (pkg ?? '').split('@');
	return { pkg, iface, ifaceId: `${base}/${iface}${ver ? `@${ver}` : ''}`, items };
}
