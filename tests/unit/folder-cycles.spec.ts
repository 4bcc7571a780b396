/** The folder graph of src/lib and the lint rule that fails on a cycle between its folders. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import ts from 'typescript-eslint';
import { afterEach, describe, expect, it } from 'vitest';
import {
	folderCycles,
	folderGraph,
	importsOf,
	noFolderCycles,
	pathBetween
} from '../../lint/folder-cycles.js';

let root = '';

/** A throwaway project with `src/lib` holding `files` (path → source). */
function project(files: Record<string, string>): string {
	root = mkdtempSync(join(tmpdir(), 'folder-cycles-'));
	for (const [path, source] of Object.entries(files)) {
		const file = join(root, 'src/lib', path);
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, source);
	}
	return join(root, 'src/lib');
}

afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
	root = '';
});

/** The rule's messages for `path` (relative to src/lib) as the file stands in the project. */
function lint(path: string, code: string): string[] {
	const linter = new Linter({ cwd: root });
	const messages = linter.verify(
		code,
		[
			{
				files: ['**/*.ts'],
				languageOptions: { parser: ts.parser as Linter.Parser },
				plugins: { local: { rules: { 'no-folder-cycles': noFolderCycles } } },
				rules: { 'local/no-folder-cycles': 'error' }
			}
		],
		{ filename: join(root, 'src/lib', path) }
	);
	return messages.map((m) => m.message);
}

describe('importsOf', () => {
	it('finds static, type, re-export, side-effect, dynamic and worker imports, not comments', () => {
		const source = [
			"import { a } from '../db/x';",
			"import type { B } from '$lib/state/y';",
			"export { c } from './c';",
			"import '../pwa/side';",
			"const d = await import('../audio/d');",
			"const w = new Worker(new URL('./w.worker.ts', import.meta.url));",
			"// import { no } from '../commented/out';",
			"/* import { nor } from '../block/comment'; */"
		].join('\n');
		expect(importsOf(source)).toEqual([
			'../db/x',
			'$lib/state/y',
			'./c',
			'../pwa/side',
			'../audio/d',
			'./w.worker.ts'
		]);
	});
});

describe('folderGraph and folderCycles', () => {
	it('draws one edge per pair of folders with every import behind it, and ignores specs', () => {
		const lib = project({
			'db/repo.ts':
				"import type { Row } from '../progress/rows';\nimport { f } from '../progress/f';",
			'progress/rows.ts': 'export interface Row { id: string }',
			'progress/f.ts': "import { g } from './g';\nexport const f = g;",
			'progress/g.ts': 'export const g = 1;',
			'progress/f.spec.ts': "import { open } from '../db/repo';"
		});
		const graph = folderGraph(lib);
		expect([...graph.get('db')!.keys()]).toEqual(['progress']);
		expect(
			graph
				.get('db')!
				.get('progress')!
				.map((e) => e.specifier)
		).toEqual(['../progress/rows', '../progress/f']);
		expect([...graph.get('progress')!.keys()]).toEqual([]);
		expect(folderCycles(graph)).toEqual([]);
	});

	it('finds a cycle made of type imports, through $lib and across three folders', () => {
		const lib = project({
			'db/database.ts': "import { derive } from '../progress/aggregate';",
			'progress/aggregate.ts': "import type { Row } from '$lib/records/rows';",
			'records/rows.ts': "import type { Db } from '../db/database';",
			'dsp/units.ts': 'export type Db = number;'
		});
		const graph = folderGraph(lib);
		expect(folderCycles(graph)).toEqual([['db', 'progress', 'records']]);
		expect(pathBetween({ graph, start: 'progress', goal: 'db' })).toEqual([
			'progress',
			'records',
			'db'
		]);
		expect(pathBetween({ graph, start: 'dsp', goal: 'db' })).toBeNull();
	});
});

describe('the no-folder-cycles rule', () => {
	it('reports the import that closes a cycle, naming the way back', () => {
		project({
			'db/database.ts': "import type { Row } from '../progress/records';",
			'progress/records.ts': "import { open } from '../db/database';\nexport interface Row {}"
		});
		const messages = lint(
			'progress/records.ts',
			"import { open } from '../db/database';\nexport interface Row {}\nexport const o = open;"
		);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toContain('src/lib/progress imports src/lib/db');
		expect(messages[0]).toContain('progress → db → progress');
	});

	it('is quiet when the folders only import one way', () => {
		project({
			'db/database.ts': "import type { Row } from '../progress/records';",
			'progress/records.ts': 'export interface Row {}'
		});
		expect(lint('db/database.ts', "import type { Row } from '../progress/records';")).toEqual([]);
		expect(lint('progress/records.ts', "import { x } from './other';")).toEqual([]);
	});
});
