import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../lib/dsp/analysis/loudness';
import { truePeak } from '../lib/dsp/analysis/true-peak';
import { styleIds } from '../lib/dsp/synth/styles';
import { decodeWav } from '../lib/dsp/wav';

const dir = mkdtempSync(join(tmpdir(), 'mftm-drill-'));
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const run = (...args: string[]) =>
	spawnSync(tsx, ['src/cli/drill.ts', ...args], { encoding: 'utf8' });
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('drill CLI', () => {
	it('writes matched WAVs and question.json in the documented shape', () => {
		const out = join(dir, 'boost');
		const result = run(
			'eq-boost',
			'--seed',
			'7',
			'--level',
			'3',
			'--out',
			out,
			'--source',
			'pink-noise',
			'--seconds',
			'2'
		);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const question = readJson(join(out, 'question.json'));
		expect(Object.keys(question)).toEqual([
			'kind',
			'seed',
			'level',
			'sampleRate',
			'source',
			'versions',
			'choices',
			'answer'
		]);
		expect(question).toMatchObject({
			kind: 'eq-boost',
			seed: 7,
			level: 3,
			sampleRate: 44100,
			source: 'pink-noise'
		});
		expect(question.versions.map((v: { id: string; file: string }) => [v.id, v.file])).toEqual([
			['A', 'A.wav'],
			['B', 'B.wav']
		]);
		expect(question.versions[0].chain).toEqual([
			{ type: 'peaking', frequencyHz: Number(question.answer), gainDb: 9, q: 1.41 }
		]);
		expect(question.versions[1].chain).toEqual([]);
		expect(question.choices.map((c: { id: string }) => c.id)).toContain(question.answer);
		const loudness = question.versions.map((v: { file: string }) => {
			const wav = decodeWav(new Uint8Array(readFileSync(join(out, v.file))));
			expect(wav.sampleRate).toBe(44100);
			expect(wav.encoding).toBe('32-bit float');
			expect(wav.channels[0].length).toBe(2 * 44100);
			expect(truePeak({ channels: wav.channels, sampleRate: 44100 }).dbtp!).toBeLessThanOrEqual(
				-0.95
			);
			return measureLoudness({ channels: wav.channels, sampleRate: 44100 }).integrated!;
		});
		expect(Math.abs(loudness[0] - loudness[1])).toBeLessThan(0.1);
	});

	// Two CLI processes: not a speed test, so it gets room on a busy machine (CI saw 6.5 s once).
	it('is deterministic, and picks a style from the seed by default', { timeout: 30_000 }, () => {
		const a = join(dir, 'match-a');
		const b = join(dir, 'match-b');
		for (const out of [a, b]) {
			const result = run(
				'eq-match',
				'--seed',
				'12',
				'--level',
				'4',
				'--out',
				out,
				'--seconds',
				'1'
			);
			expect(result.status).toBe(0);
		}
		const question = readJson(join(a, 'question.json'));
		expect(styleIds).toContain(question.source);
		expect(question.choices).toEqual([]);
		expect(Object.keys(JSON.parse(question.answer))).toEqual(['frequencyHz', 'gainDb']);
		expect(readJson(join(b, 'question.json'))).toEqual(question);
		expect(readFileSync(join(a, 'A.wav')).equals(readFileSync(join(b, 'A.wav')))).toBe(true);
	});

	it.each([
		[['eq-nope', '--seed', '1', '--level', '0'], /unknown drill kind 'eq-nope'/],
		[['eq-cut', '--seed', '1', '--level', '8'], /--level must be an integer 0…7/],
		[['eq-cut', '--seed', '1', '--level', '-1'], /--level must be an integer/],
		[['eq-cut', '--seed', 'x', '--level', '0'], /--seed must be an integer/],
		[['eq-cut', '--seed', '1.5', '--level', '0'], /--seed must be an integer/],
		[['eq-cut', '--level', '0'], /--seed is required/],
		[['eq-cut', '--seed', '1', '--level', '0', '--source', 'polka'], /unknown --source 'polka'/],
		[['eq-cut', '--seed', '1', '--level', '0', '--seconds', '0'], /--seconds must be/],
		[['eq-cut', '--seed', '1', '--level', '0', '--loud'], /unknown option --loud/],
		[['--seed', '1', '--level', '0'], /usage: drill KIND/]
	])('%j exits 2 with one clear line and writes nothing', (args, message) => {
		const out = join(dir, `bad-${args.join('_')}`);
		const result = run(...args, '--out', out);
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(message);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(existsSync(out)).toBe(false);
	});
});

describe('npm run drill (the fast launcher)', () => {
	it('writes the versions and question.json for a dynamics kind from the bundled CLI', () => {
		const out = mkdtempSync(join(tmpdir(), 'mftm-drill-launcher-'));
		const result = spawnSync(
			'node',
			[
				'src/cli/run.mjs',
				'drill',
				'limiter',
				'--seed',
				'4',
				'--level',
				'0',
				'--out',
				out,
				'--source',
				'pink-noise',
				'--seconds',
				'3'
			],
			{ encoding: 'utf8' }
		);
		expect(result.status, result.stderr).toBe(0);
		const question = JSON.parse(readFileSync(join(out, 'question.json'), 'utf8'));
		expect(question.kind).toBe('limiter');
		expect(question.versions.map((v: { file: string }) => v.file)).toEqual(['A.wav', 'B.wav']);
		expect(
			question.versions.flatMap((v: { chain: { type: string }[] }) => v.chain.map((s) => s.type))
		).toContain('limit');
	});
});
