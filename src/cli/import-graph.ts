/**
 * Prints the folder-level import graph of src/lib (which folder imports which, and through how many
 * imports) and any cycle between folders; exits 1 when there is one. The same graph drives the
 * `local/no-folder-cycles` lint rule (lint/folder-cycles.js).
 *
 *   npm run graph
 */
import { resolve } from 'node:path';
import { folderCycles, folderGraph } from '../../lint/folder-cycles.js';

const libRoot = resolve(import.meta.dirname, '../lib');
const graph = folderGraph(libRoot);
const width = Math.max(...[...graph.keys()].map((name) => name.length));
for (const folder of [...graph.keys()].sort()) {
	const edges = [...graph.get(folder)!.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([to, imports]) => `${to} (${imports.length})`);
	console.log(`${folder.padEnd(width)} → ${edges.length ? edges.join(', ') : '–'}`);
}
const cycles = folderCycles(graph);
for (const cycle of cycles) console.error(`cycle: ${cycle.join(' ⇄ ')}`);
process.exitCode = cycles.length > 0 ? 1 : 0;
