/**
 * The lint rules that keep the layers apart really fire: the pure core stays pure in every pure
 * folder, for relative as well as `$lib` imports; inside src/lib imports are relative; pages and
 * components reach the database only through state classes.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { edgeFolders, pureFolders } from '../../eslint.config.js';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string) {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.map((m) => m.ruleId);
}

/** A fixture path in `folder` of src/lib, one folder deep or two (so `../` is not enough). */
const fixtures = (folder: string) => [
	`src/lib/${folder}/fixture.ts`,
	`src/lib/${folder}/nested/fixture.ts`
];
/** `../` as many times as `path` is deep below src/lib. */
const up = (path: string) => '../'.repeat(path.split('/').length - 3);

describe('pure-core lint guard', () => {
	it('covers the pure folders and names the edges', () => {
		expect(pureFolders).toEqual(
			expect.arrayContaining(['dsp', 'drills', 'lesson', 'progress', 'bench', 'settings', 'mix'])
		);
		expect(edgeFolders).toEqual(
			expect.arrayContaining(['db', 'player', 'state', 'components', 'audio'])
		);
	});

	it.each([
		["import { Howl } from 'howler';\nexport const h = Howl;\n", 'no-restricted-imports'],
		["import Dexie from 'dexie';\nexport const d = Dexie;\n", 'no-restricted-imports'],
		["import { onMount } from 'svelte';\nexport const m = onMount;\n", 'no-restricted-imports'],
		[
			"import { browser } from '$app/environment';\nexport const b = browser;\n",
			'no-restricted-imports'
		],
		['export const title = () => document.title;\n', 'no-restricted-globals'],
		['export const w = () => window.innerWidth;\n', 'no-restricted-globals'],
		['export const ctx = () => new AudioContext();\n', 'no-restricted-globals'],
		['export const s = () => localStorage.length;\n', 'no-restricted-globals']
	])('rejects %j in every pure folder', async (code, rule) => {
		for (const folder of pureFolders) {
			for (const path of fixtures(folder)) expect(await ruleIds(code, path)).toContain(rule);
		}
	});

	it.each(['db/database', 'player/ab-player', 'state/settings.svelte', 'components/Icon.svelte'])(
		'rejects importing %s from the pure core, relatively and through $lib',
		async (target) => {
			for (const folder of pureFolders) {
				for (const path of fixtures(folder)) {
					const relative = `import * as edge from '${up(path)}${target}';\nexport const e = edge;\n`;
					const aliased = `import * as edge from '$lib/${target}';\nexport const e = edge;\n`;
					expect(await ruleIds(relative, path), `${path} → ${target}`).toContain(
						'no-restricted-imports'
					);
					expect(await ruleIds(aliased, path), `${path} → $lib/${target}`).toContain(
						'no-restricted-imports'
					);
				}
			}
		}
	);

	it('allows the pure core to import itself relatively', async () => {
		const ids = await ruleIds(
			"import { dbToGain } from '../dsp/units';\nexport const g = dbToGain;\n",
			'src/lib/drills/fixture.ts'
		);
		expect(ids).toEqual([]);
	});

	it('allows the same code at the browser edges', async () => {
		const ids = await ruleIds(
			"import { Howl } from 'howler';\nimport { getDatabase } from '../db/database';\nexport const h = () => [Howl, getDatabase, document.title];\n",
			'src/lib/player/fixture.ts'
		);
		expect(ids).not.toContain('no-restricted-imports');
		expect(ids).not.toContain('no-restricted-globals');
	});

	it('allows pure code in the core', async () => {
		const ids = await ruleIds(
			'export const twice = (x: Float32Array) => x.map((v) => v * 2);\n',
			'src/lib/dsp/fixture.ts'
		);
		expect(ids).toEqual([]);
	});
});

describe('one import style inside src/lib', () => {
	it('rejects $lib imports in src/lib, edges and core alike', async () => {
		for (const path of ['src/lib/state/fixture.ts', 'src/lib/dsp/fixture.ts']) {
			expect(
				await ruleIds("import { x } from '$lib/dsp/units';\nexport const y = x;\n", path)
			).toContain('no-restricted-imports');
		}
	});

	it('allows $lib in routes', async () => {
		const ids = await ruleIds(
			"import { dbToGain } from '$lib/dsp/units';\nexport const g = dbToGain;\n",
			'src/routes/fixture.ts'
		);
		expect(ids).toEqual([]);
	});
});

describe('pages and components reach the database only through state classes', () => {
	const uses = (from: string) =>
		`import { getDatabase } from '${from}';\nexport const d = getDatabase;\n`;
	const typeOnly = (from: string) =>
		`import type { MixDatabase } from '${from}';\nexport type D = MixDatabase;\n`;

	it.each([
		['src/routes/fixture.ts', '$lib/db/database'],
		['src/routes/settings/fixture.ts', '$lib/db/database'],
		['src/lib/components/fixture.ts', '../db/database'],
		['src/lib/components/drill/fixture.ts', '../../db/database']
	])('rejects a value import in %s, allows a type import', async (path, from) => {
		expect(await ruleIds(uses(from), path)).toContain('@typescript-eslint/no-restricted-imports');
		expect(await ruleIds(typeOnly(from), path)).not.toContain(
			'@typescript-eslint/no-restricted-imports'
		);
	});

	it('rejects Dexie itself in routes and components', async () => {
		const code = "import { liveQuery } from 'dexie';\nexport const q = liveQuery;\n";
		for (const path of ['src/routes/fixture.ts', 'src/lib/components/fixture.ts']) {
			expect(await ruleIds(code, path)).toContain('@typescript-eslint/no-restricted-imports');
		}
	});

	it('allows state classes to use the database', async () => {
		const ids = await ruleIds(uses('../db/database'), 'src/lib/state/fixture.ts');
		expect(ids).not.toContain('@typescript-eslint/no-restricted-imports');
	});
});
