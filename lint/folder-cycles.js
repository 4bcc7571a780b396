/**
 * The folder-level import graph of `src/lib`, and an ESLint rule that fails on any cycle in it.
 *
 * Each first-level folder of `src/lib` (dsp, drills, db, state…) is one node; a file directly in
 * `src/lib` is a node of its own. An import from a file in folder A of a file in folder B is an
 * edge A → B, whether it imports values or only types, statically, dynamically or as a worker URL:
 * a type import couples two folders as much as a value import does. Specs are left out (they may
 * reach anywhere to build fixtures). A cycle between folders means neither can be understood,
 * tested or moved without the other, so the rule reports every import that closes one, naming the
 * way back.
 *
 * Plain JavaScript because eslint.config.js loads it before any TypeScript can run.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Files that are code: TypeScript, JavaScript and Svelte components. */
const CODE = /\.(ts|js|mjs|svelte)$/;
/** Test files, which do not count toward the graph. */
const SPEC = /\.(spec|test)\.(ts|js)$/;
/** Extensions tried, in order, for a specifier written without one. */
const EXTENSIONS = ['.ts', '.js', '.svelte', '.svelte.ts', '/index.ts', '/index.js'];

/** @typedef {{ from: string; specifier: string }} Edge one import: the file (relative to the root) and what it names */
/** @typedef {Map<string, Map<string, Edge[]>>} FolderGraph folder → imported folder → the imports behind the edge */

/**
 * The module specifiers a source file names: `import … from`, `export … from`, `import '…'`,
 * `import('…')` and `new URL('…', import.meta.url)` (how workers are started). Comments are skipped.
 * @example importsOf("import { a } from '../db/x';\nconst w = new URL('./w.ts', import.meta.url);")
 * // ['../db/x', './w.ts']
 * @param {string} source
 * @returns {string[]}
 */
export function importsOf(source) {
	const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
	const found = [];
	const pattern =
		/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+|\bnew\s+URL\s*\(\s*)(['"])([^'"\n]+)\1/gm;
	for (const match of code.matchAll(pattern)) found.push(match[2]);
	return found;
}

/**
 * The node of the graph a path under `libRoot` belongs to, or null outside it.
 * @param {string} file
 * @param {string} libRoot
 * @returns {string | null}
 */
export function folderOf(file, libRoot) {
	const path = relative(libRoot, file);
	if (path === '' || path.startsWith('..') || path.startsWith(sep)) return null;
	return path.split(sep)[0];
}

/**
 * The file a specifier names, seen from `fromFile` (`$lib/` is `libRoot`); null for packages.
 * @param {{ specifier: string; fromFile: string; libRoot: string }} where
 * @returns {string | null}
 */
export function resolveSpecifier({ specifier, fromFile, libRoot }) {
	const bare = specifier.replace(/\?.*$/, '');
	let target;
	if (bare === '$lib' || bare.startsWith('$lib/')) target = join(libRoot, bare.slice(4));
	else if (bare.startsWith('./') || bare.startsWith('../'))
		target = resolve(dirname(fromFile), bare);
	else return null;
	if (existsSync(target) && statSync(target).isFile()) return target;
	for (const extension of EXTENSIONS) {
		if (existsSync(target + extension)) return target + extension;
	}
	return target;
}

/**
 * Every code file under `dir` except specs, as absolute paths.
 * @param {string} dir
 * @returns {string[]}
 */
function codeFiles(dir) {
	/** @type {string[]} */
	const files = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) files.push(...codeFiles(path));
		else if (CODE.test(entry.name) && !SPEC.test(entry.name)) files.push(path);
	}
	return files;
}

/**
 * The folder graph of `libRoot`: for each folder, the folders it imports, each with the imports
 * that make the edge (`from` file relative to `libRoot`, and the specifier as written).
 * @param {string} libRoot
 * @returns {FolderGraph}
 */
export function folderGraph(libRoot) {
	/** @type {FolderGraph} */
	const graph = new Map();
	for (const file of codeFiles(libRoot)) {
		const from = /** @type {string} */ (folderOf(file, libRoot));
		const edges = graph.get(from) ?? new Map();
		graph.set(from, edges);
		for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
			const target = resolveSpecifier({ specifier, fromFile: file, libRoot });
			const to = target && folderOf(target, libRoot);
			if (!to || to === from) continue;
			const imports = edges.get(to) ?? [];
			edges.set(to, imports);
			imports.push({ from: relative(libRoot, file), specifier });
		}
	}
	return graph;
}

/**
 * The shortest way from folder `start` to folder `goal` along the graph's edges, both ends
 * included, or null when there is none.
 * @param {{ graph: FolderGraph; start: string; goal: string }} where
 * @returns {string[] | null}
 */
export function pathBetween({ graph, start, goal }) {
	/** @type {Map<string, string | null>} */
	const previous = new Map([[start, null]]);
	const queue = [start];
	while (queue.length > 0) {
		const node = /** @type {string} */ (queue.shift());
		if (node === goal) {
			const path = [];
			for (let at = /** @type {string | null | undefined} */ (goal); at; at = previous.get(at)) {
				path.unshift(at);
			}
			return path;
		}
		for (const next of graph.get(node)?.keys() ?? []) {
			if (!previous.has(next)) {
				previous.set(next, node);
				queue.push(next);
			}
		}
	}
	return null;
}

/**
 * Every cycle of folders: the strongly connected components with more than one folder (Tarjan),
 * each sorted by name, in name order.
 * @param {FolderGraph} graph
 * @returns {string[][]}
 */
export function folderCycles(graph) {
	let index = 0;
	/** @type {Map<string, number>} */
	const indexes = new Map();
	/** @type {Map<string, number>} */
	const lowlinks = new Map();
	/** @type {string[]} */
	const stack = [];
	const onStack = new Set();
	/** @type {string[][]} */
	const components = [];
	/** @param {string} node */
	const visit = (node) => {
		indexes.set(node, index);
		lowlinks.set(node, index);
		index++;
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node)?.keys() ?? []) {
			if (!indexes.has(next)) {
				visit(next);
				lowlinks.set(node, Math.min(Number(lowlinks.get(node)), Number(lowlinks.get(next))));
			} else if (onStack.has(next)) {
				lowlinks.set(node, Math.min(Number(lowlinks.get(node)), Number(indexes.get(next))));
			}
		}
		if (lowlinks.get(node) === indexes.get(node)) {
			const component = [];
			let member;
			do {
				member = /** @type {string} */ (stack.pop());
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			if (component.length > 1) components.push(component.sort());
		}
	};
	for (const node of [...graph.keys()].sort()) if (!indexes.has(node)) visit(node);
	return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The graph of one lint run, read once per root (a second later it is read again, for editors). */
/** @type {Map<string, { graph: FolderGraph; at: number }>} */
const cache = new Map();
/** @param {string} libRoot */
function cachedGraph(libRoot) {
	const hit = cache.get(libRoot);
	if (hit && Date.now() - hit.at < 1000) return hit.graph;
	const graph = folderGraph(libRoot);
	cache.set(libRoot, { graph, at: Date.now() });
	return graph;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noFolderCycles = {
	meta: {
		type: 'problem',
		docs: { description: 'Disallow import cycles between the folders of src/lib' },
		schema: [
			{
				type: 'object',
				properties: { root: { type: 'string' } },
				additionalProperties: false
			}
		],
		messages: {
			cycle:
				'src/lib/{{from}} imports src/lib/{{to}}, which already leads back ({{path}}): a cycle between folders. Move what both need where both may import it.'
		}
	},
	create(context) {
		const libRoot = resolve(context.cwd, context.options[0]?.root ?? 'src/lib');
		const file = context.filename;
		const from = folderOf(file, libRoot);
		if (from === null || SPEC.test(file)) return {};
		/** @param {any} node an import, export-from or import() node */
		const check = (node) => {
			const specifier = node.source?.value;
			if (typeof specifier !== 'string') return;
			const target = resolveSpecifier({ specifier, fromFile: file, libRoot });
			const to = target && folderOf(target, libRoot);
			if (!to || to === from) return;
			const back = pathBetween({ graph: cachedGraph(libRoot), start: to, goal: from });
			if (back) {
				context.report({
					node: node.source,
					messageId: 'cycle',
					data: { from, to, path: [from, ...back].join(' → ') }
				});
			}
		};
		return {
			ImportDeclaration: check,
			ExportNamedDeclaration: check,
			ExportAllDeclaration: check,
			ImportExpression: check
		};
	}
};
