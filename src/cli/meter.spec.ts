import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../lib/dsp/wav';

const dir = mkdtempSync(join(tmpdir(), 'mftm-meter-'));
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const meter = (...args: string[]) =>
	spawnSync(tsx, ['src/cli/meter.ts', ...args], { encoding: 'utf8' });

function sineFile(
	name: string,
	{
		seconds,
		dbfs,
		sampleRate = 48000,
		channels = 2
	}: {
		seconds: number;
		dbfs: number;
		sampleRate?: number;
		channels?: number;
	}
) {
	const amplitude = 10 ** (dbfs / 20);
	const samples = Float32Array.from(
		{ length: seconds * sampleRate },
		(_, i) => amplitude * Math.sin((2 * Math.PI * 997 * i) / sampleRate)
	);
	const path = join(dir, name);
	writeFileSync(
		path,
		encodeWav({ channels: Array.from({ length: channels }, () => samples), sampleRate })
	);
	return path;
}

describe('meter CLI', () => {
	it('prints one JSON object with the readings for a stereo −23 dBFS sine', () => {
		const out = execFileSync(
			tsx,
			['src/cli/meter.ts', sineFile('sine.wav', { seconds: 10, dbfs: -23 })],
			{
				encoding: 'utf8'
			}
		);
		const report = JSON.parse(out);
		expect(Object.keys(report)).toEqual(['I', 'LRA', 'TP', 'samplePeak', 'PLR', 'crestFactor']);
		expect(Math.abs(report.I + 23)).toBeLessThan(0.1); // EBU Tech 3341 case 1 tolerance
		expect(Math.abs(report.TP + 23)).toBeLessThan(0.2);
		expect(Math.abs(report.samplePeak + 23)).toBeLessThan(0.01);
		expect(Math.abs(report.crestFactor - 3.01)).toBeLessThan(0.02);
		expect(Math.abs(report.PLR - (report.TP - report.I))).toBeLessThan(0.002);
		expect(report.LRA).toBeLessThan(0.5);
	});

	it('adds M every 10 ms and S every 100 ms with --series', () => {
		const result = meter(
			sineFile('series.wav', { seconds: 4, dbfs: -20, sampleRate: 44100 }),
			'--series'
		);
		expect(result.status).toBe(0);
		const report = JSON.parse(result.stdout);
		const steps = (curve: [number, number | null][]) =>
			curve.slice(1).map(([t], i) => Math.round((t - curve[i][0]) * 1000));
		expect(new Set(steps(report.M))).toEqual(new Set([10]));
		expect(new Set(steps(report.S))).toEqual(new Set([100]));
		expect(report.M[0][0]).toBeCloseTo(0.4, 2);
		expect(report.S[0][0]).toBeCloseTo(3, 2);
		expect(Math.abs(report.S.at(-1)[1] + 20)).toBeLessThan(0.1);
	});

	it('reads silence as null, never NaN or -Infinity', () => {
		const path = join(dir, 'silence.wav');
		writeFileSync(path, encodeWav({ channels: [new Float32Array(48000 * 5)], sampleRate: 48000 }));
		const result = meter(path, '--series');
		expect(result.status).toBe(0);
		expect(result.stdout).not.toMatch(/NaN|Infinity/);
		const report = JSON.parse(result.stdout);
		for (const key of ['I', 'LRA', 'TP', 'samplePeak', 'PLR', 'crestFactor'])
			expect(report[key]).toBeNull();
		expect(report.M.every(([, v]: [number, null]) => v === null)).toBe(true);
	});

	it.each([
		['a missing file', ['/no/such.wav'], /no such file/],
		['a file that is not a WAV', ['package.json'], /Not a WAV/],
		['no file at all', [], /usage: meter/],
		['an unknown option', ['x.wav', '--loud'], /unknown option --loud/]
	])('exits 2 with one clear line for %s', (_name, args, message) => {
		const result = meter(...args);
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		const lines = result.stderr
			.trim()
			.split('\n')
			.filter((l) => !/npm warn/.test(l));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(message);
		expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
	});

	it('exits 2 on truncated audio data', () => {
		const whole = encodeWav({ channels: [new Float32Array(1000)], sampleRate: 8000 });
		const path = join(dir, 'truncated.wav');
		writeFileSync(path, whole.subarray(0, 500));
		const result = meter(path);
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(/truncated/);
	});
});

describe('the fast launcher (npm run meter)', () => {
	it('runs the same CLI from a cached esbuild bundle, with the same output and exit codes', () => {
		const path = sineFile('launcher.wav', { seconds: 5, dbfs: -20 });
		const viaLauncher = spawnSync('node', ['src/cli/run.mjs', 'meter', path], { encoding: 'utf8' });
		const viaTsx = meter(path);
		expect(viaLauncher.status).toBe(0);
		expect(JSON.parse(viaLauncher.stdout)).toEqual(JSON.parse(viaTsx.stdout));
		const bad = spawnSync('node', ['src/cli/run.mjs', 'meter', '/no/such.wav'], {
			encoding: 'utf8'
		});
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/no such file/);
		expect(spawnSync('node', ['src/cli/run.mjs', 'nonsense'], { encoding: 'utf8' }).status).toBe(2);
	});
});
