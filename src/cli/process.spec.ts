import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../lib/dsp/analysis/loudness';
import { truePeak } from '../lib/dsp/analysis/true-peak';
import { magnitudeDb, peakingCoefficients } from '../lib/dsp/process/biquad';
import { decodeWav, encodeWav } from '../lib/dsp/wav';

const dir = mkdtempSync(join(tmpdir(), 'mftm-process-'));
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const run = (...args: string[]) =>
	spawnSync(tsx, ['src/cli/process.ts', ...args], { encoding: 'utf8' });
const sampleRate = 44100;

/** A stereo test file: a sine in the left channel, a different one in the right, plus noise. */
function input(name: string, { frequency = 1000, amplitude = 0.25, seconds = 4 } = {}) {
	let seed = 7;
	const noise = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 0.02;
	const left = Float32Array.from(
		{ length: seconds * sampleRate },
		(_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate) + noise()
	);
	const right = Float32Array.from(
		{ length: seconds * sampleRate },
		(_, i) => amplitude * Math.sin((2 * Math.PI * frequency * 1.5 * i) / sampleRate)
	);
	const path = join(dir, name);
	writeFileSync(path, encodeWav({ channels: [left, right], sampleRate, format: 'pcm16' }));
	return path;
}

const read = (path: string) => decodeWav(new Uint8Array(readFileSync(path)));
const loudness = (path: string) => {
	const { channels } = read(path);
	return measureLoudness({ channels, sampleRate }).integrated!;
};
/** RMS of the middle of a channel, dB. */
const rmsDb = (x: Float32Array) => {
	const mid = x.subarray(x.length / 4, (3 * x.length) / 4);
	return 10 * Math.log10(mid.reduce((s, v) => s + v * v, 0) / mid.length);
};

describe('process CLI', () => {
	it('writes 32-bit float WAV at the input rate, and --gain changes loudness by exactly that', () => {
		const inPath = input('gain.wav');
		const outPath = join(dir, 'gain-out.wav');
		expect(run(inPath, outPath, '--gain', '-6').status).toBe(0);
		const out = read(outPath);
		expect(out.encoding).toBe('32-bit float');
		expect(out.sampleRate).toBe(sampleRate);
		expect(loudness(outPath) - loudness(inPath)).toBeCloseTo(-6, 2);
	});

	it.each([
		[1000, 6, 1.41],
		[1000, -9, 4.32],
		[2000, 3, 0.7]
	])(
		'--peaking at %d Hz, %d dB, Q %f changes a 1 kHz sine by the closed-form response ±0.05 dB',
		(f, gain, q) => {
			const inPath = input(`peak-${f}-${gain}.wav`);
			const outPath = join(dir, `peak-${f}-${gain}-out.wav`);
			expect(run(inPath, outPath, '--peaking', `${f},${gain},${q}`).status).toBe(0);
			const expected = magnitudeDb({
				coefficients: peakingCoefficients({ sampleRate, frequency: f, gainDb: gain, q }),
				frequency: 1000,
				sampleRate
			});
			const change = rmsDb(read(outPath).channels[0]) - rmsDb(read(inPath).channels[0]);
			expect(Math.abs(change - expected)).toBeLessThan(0.05);
		}
	);

	it('applies steps in order: --normalize then --limit holds the true peak under the ceiling', () => {
		const inPath = input('chain.wav', { amplitude: 0.05 });
		const outPath = join(dir, 'chain-out.wav');
		expect(run(inPath, outPath, '--normalize', '-8', '--limit', '-1').status).toBe(0);
		const { channels } = read(outPath);
		expect(truePeak({ channels, sampleRate }).dbtp!).toBeLessThanOrEqual(-1 + 0.1);
		// The limiter runs after normalizing: a loud result, a little under −8 LUFS after limiting.
		expect(loudness(outPath)).toBeGreaterThan(-10);
	});

	it('--mono makes both channels identical and --system phone removes the low end', () => {
		const inPath = input('mono.wav', { frequency: 60 });
		const monoPath = join(dir, 'mono-out.wav');
		expect(run(inPath, monoPath, '--mono').status).toBe(0);
		const mono = read(monoPath).channels;
		expect(mono[0].every((v, i) => Math.abs(v - mono[1][i]) < 1e-7)).toBe(true);
		const phonePath = join(dir, 'phone-out.wav');
		expect(run(inPath, phonePath, '--system', 'phone').status).toBe(0);
		expect(rmsDb(read(phonePath).channels[0]) - rmsDb(read(inPath).channels[0])).toBeLessThan(-20);
	});

	it.each([
		['a missing input', ['/no/such.wav', 'OUT'], /no such file/],
		['an input that is not a WAV', ['package.json', 'OUT'], /Not a WAV/],
		['a malformed option', ['IN', 'OUT', '--highpass', 'loud'], /--highpass takes F,Q/],
		['a filter above Nyquist', ['IN', 'OUT', '--lowpass', '30000,0.7'], /Nyquist/],
		['an unknown system', ['IN', 'OUT', '--system', 'tv'], /--system takes one of/]
	])('exits 2 with one line and writes nothing for %s', (_name, args, message) => {
		const inPath = input('bad-in.wav', { seconds: 1 });
		const outPath = join(dir, `bad-out-${Math.random()}.wav`);
		const argv = args.map((a) => (a === 'IN' ? inPath : a === 'OUT' ? outPath : a));
		const result = run(...argv);
		expect(result.status).toBe(2);
		const lines = result.stderr
			.trim()
			.split('\n')
			.filter((l) => !/npm warn/.test(l));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(message);
		expect(existsSync(outPath)).toBe(false);
	});

	it('exits 2 on an unsupported encoding', () => {
		const bytes = encodeWav({
			channels: [new Float32Array(100)],
			sampleRate: 8000,
			format: 'pcm16'
		});
		new DataView(bytes.buffer).setUint16(34, 12, true); // 12-bit PCM
		const path = join(dir, 'twelve.wav');
		writeFileSync(path, bytes);
		const result = run(path, join(dir, 'twelve-out.wav'));
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(/Unsupported WAV encoding: 12-bit PCM/);
	});
});
