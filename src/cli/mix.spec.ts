import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureLoudness } from '../lib/dsp/analysis/loudness';
import { truePeak } from '../lib/dsp/analysis/true-peak';
import { decodeWav } from '../lib/dsp/wav';
import { checkIds } from '../lib/mix/check';
import { stemIds } from '../lib/mix/types';

const dir = mkdtempSync(join(tmpdir(), 'mftm-mix-'));
// The npm script's own launcher (an esbuild bundle, built once): a second per run less than tsx.
const run = (...args: string[]) =>
	spawnSync(process.execPath, ['src/cli/run.mjs', 'mix', ...args], { encoding: 'utf8' });
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const project = join(dir, 'project');

describe('mix CLI', () => {
	beforeAll(() => {
		const result = run(
			'render',
			'--style',
			'ballad',
			'--seed',
			'12',
			'--level',
			'2',
			'--out',
			project
		);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	}, 60_000);

	it('render writes the stems, the rough mix and project.json in the documented shape', () => {
		const json = readJson(join(project, 'project.json'));
		expect(Object.keys(json)).toEqual([
			'style',
			'seed',
			'level',
			'sampleRate',
			'stems',
			'rough',
			'target',
			'problems'
		]);
		expect(json).toMatchObject({ style: 'ballad', seed: 12, level: 2, sampleRate: 44100 });
		expect(json.stems.map((s: { id: string }) => s.id)).toEqual([...stemIds]);
		for (const stem of json.stems) {
			expect(stem.file).toBe(`stems/${stem.id}.wav`);
			const wav = decodeWav(new Uint8Array(readFileSync(join(project, stem.file))));
			expect(wav.channels).toHaveLength(stem.id === 'texture' ? 2 : 1);
			expect(wav.sampleRate).toBe(44100);
			expect(wav.channels[0].length).toBe(20 * 44100);
		}
		expect(readdirSync(join(project, 'stems')).sort()).toEqual(
			stemIds.map((id) => `${id}.wav`).sort()
		);
		expect(json.problems).toHaveLength(2);
		for (const problem of json.problems) {
			expect(Object.keys(problem).slice(0, 5)).toEqual(['id', 'stem', 'kind', 'amount', 'unit']);
			expect(problem.unit).toBe('dB');
		}
		const rough = decodeWav(new Uint8Array(readFileSync(join(project, 'rough.wav'))));
		expect(rough.channels).toHaveLength(2);
		expect(
			measureLoudness({ channels: rough.channels, sampleRate: 44100 }).integrated
		).not.toBeNull();
	});

	it('check prints every check; the rough fails its problems, the target passes everything', () => {
		const rough = run('check', project);
		expect(rough.stderr).toBe('');
		expect(rough.status).toBe(0);
		const result = JSON.parse(rough.stdout);
		expect(Object.keys(result).slice(0, 4)).toEqual(['checks', 'master', 'passed', 'total']);
		expect(result.checks.map((c: { id: string }) => c.id)).toEqual([...checkIds]);
		for (const row of result.checks)
			expect(Object.keys(row).sort()).toEqual(
				['id', 'problem', 'pass', 'measured', 'target', 'unit', 'reason', 'hint'].sort()
			);
		const problems = readJson(join(project, 'project.json')).problems;
		for (const problem of problems)
			expect(result.checks.find((c: { problem: string }) => c.problem === problem.id).pass).toBe(
				false
			);
		expect(result.passed).toBeLessThan(result.total);
		expect(Object.keys(result.master)).toEqual(['I', 'TP', 'PLR', 'gainReductionDb']);

		const target = JSON.parse(run('check', project, '--settings', 'target').stdout);
		expect(target.passed).toBe(target.total);
		expect(target.master.I).toBeCloseTo(-14, 0);
		expect(target.master.TP).toBeLessThanOrEqual(-0.9);

		// The same target as a file gives the same result.
		const file = join(dir, 'target.json');
		writeFileSync(file, JSON.stringify(readJson(join(project, 'project.json')).target));
		expect(JSON.parse(run('check', project, '--settings', file).stdout)).toEqual(target);
	}, 60_000);

	it('export renders the mix and its master to WAV', () => {
		const mix = join(dir, 'mix.wav');
		const master = join(dir, 'master.wav');
		expect(run('export', project, '--settings', 'target', '--out', mix).status).toBe(0);
		expect(run('export', project, '--settings', 'target', '--out', master, '--master').status).toBe(
			0
		);
		const read = (path: string) => decodeWav(new Uint8Array(readFileSync(path))).channels;
		// The target mix leaves 6 dB of headroom; the master is at −14 LUFS under −1 dBTP.
		expect(truePeak({ channels: read(mix), sampleRate: 44100 }).dbtp!).toBeCloseTo(-6, 1);
		expect(measureLoudness({ channels: read(master), sampleRate: 44100 }).integrated!).toBeCloseTo(
			-14,
			0
		);
		expect(truePeak({ channels: read(master), sampleRate: 44100 }).dbtp!).toBeLessThanOrEqual(-0.9);
	}, 60_000);

	it('bad input exits 2 with one line on stderr and writes nothing', () => {
		const bad = join(dir, 'bad.json');
		const unknownStem = join(dir, 'unknown-stem.json');
		const outOfRange = join(dir, 'out-of-range.json');
		const settings = readJson(join(project, 'project.json')).target;
		writeFileSync(bad, '{ "stems": ');
		writeFileSync(
			unknownStem,
			JSON.stringify({ ...settings, stems: { ...settings.stems, cowbell: settings.stems.kick } })
		);
		writeFileSync(
			outOfRange,
			JSON.stringify({
				...settings,
				stems: { ...settings.stems, bass: { ...settings.stems.bass, gainDb: 40 } }
			})
		);
		const out = join(dir, 'never.wav');
		for (const [args, message] of [
			[['check', join(dir, 'missing')], /no such project folder/],
			[['check', project, '--settings', bad], /not valid JSON/],
			[['check', project, '--settings', unknownStem], /unknown stem 'cowbell'/],
			[['check', project, '--settings', outOfRange], /stems\.bass\.gainDb/],
			[['export', project, '--settings', outOfRange, '--out', out], /stems\.bass\.gainDb/],
			[
				['render', '--style', 'polka', '--seed', '1', '--level', '1', '--out', join(dir, 'x')],
				/--style/
			],
			[
				['render', '--style', 'ballad', '--seed', '1', '--level', '9', '--out', join(dir, 'y')],
				/--level/
			],
			[['mastering'], /unknown command/]
		] as const) {
			const result = run(...args);
			expect(result.status, args.join(' ')).toBe(2);
			expect(result.stderr.trim().split('\n')).toHaveLength(1);
			expect(result.stderr).toMatch(message);
			expect(result.stdout).toBe('');
		}
		expect(existsSync(out)).toBe(false);
		expect(existsSync(join(dir, 'x'))).toBe(false);
		expect(existsSync(join(dir, 'y'))).toBe(false);
	}, 60_000);
});
