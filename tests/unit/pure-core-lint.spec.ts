/** The lint rule that keeps dsp/ and drills/ pure really fires, and only there. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string) {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.map((m) => m.ruleId);
}

describe('pure-core lint guard', () => {
	it.each([
		["import { Howl } from 'howler';\nexport const h = Howl;\n", 'no-restricted-imports'],
		["import Dexie from 'dexie';\nexport const d = Dexie;\n", 'no-restricted-imports'],
		["import { onMount } from 'svelte';\nexport const m = onMount;\n", 'no-restricted-imports'],
		[
			"import { browser } from '$app/environment';\nexport const b = browser;\n",
			'no-restricted-imports'
		],
		[
			"import { getDatabase } from '$lib/db/database';\nexport const g = getDatabase;\n",
			'no-restricted-imports'
		],
		['export const title = () => document.title;\n', 'no-restricted-globals'],
		['export const w = () => window.innerWidth;\n', 'no-restricted-globals'],
		['export const ctx = () => new AudioContext();\n', 'no-restricted-globals'],
		['export const s = () => localStorage.length;\n', 'no-restricted-globals']
	])('rejects %j in src/lib/dsp and src/lib/drills', async (code, rule) => {
		expect(await ruleIds(code, 'src/lib/dsp/fixture.ts')).toContain(rule);
		expect(await ruleIds(code, 'src/lib/drills/fixture.ts')).toContain(rule);
	});

	it('allows the same code at the browser edges', async () => {
		const ids = await ruleIds(
			"import { Howl } from 'howler';\nexport const h = () => [Howl, document.title];\n",
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
