/**
 * masterTrack on tracks long enough for the proxy (the app's music looped to 72 s with its level
 * changing every 8 s, and loud clipped pink noise), measured on the output: integrated loudness within
 * 0.3 LU of the target, true peak at most 0.1 dB over the ceiling, `after` equal to a fresh meter, the
 * chain reproducing the audio. About 12 s in all. The export: TPDF dither statistics and WAV round trips.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loopWithLevels, testClip, type TestAudio } from '../../cli/test-music';
import { applyChain } from '../dsp/process/chain';
import { meterReport } from '../dsp/report';
import { renderNoise } from '../dsp/synth/noise';
import { decodeWav, encodeWav } from '../dsp/wav';
import {
	encodeMasterWav,
	masterTrack,
	MASTER_TOLERANCE_LU,
	proxyRanges,
	TpdfDither,
	WHOLE_TRACK_SECONDS,
	type TrackMasterResult
} from './master-track';

const sampleRate = 44100;
/** True-peak tolerance over the ceiling, dB (the brief's). */
const TP_TOLERANCE = 0.1;
/** Per-test timeout for tests that master 72 s (about 3–4 s each here). */
const SLOW = 30_000;

let music: TestAudio;

beforeAll(async () => {
	music = loopWithLevels({ ...(await testClip(sampleRate)), seconds: 72 });
}, 60_000);

/** The master's own checks: target, ceiling, fresh meter, chain. */
function expectMaster(
	input: TestAudio,
	result: TrackMasterResult,
	{
		targetLufs,
		ceilingDbtp,
		reproduce = false
	}: { targetLufs: number; ceilingDbtp: number; reproduce?: boolean }
) {
	const fresh = meterReport({ channels: result.channels, sampleRate: input.sampleRate });
	expect(Math.abs(fresh.I! - targetLufs)).toBeLessThanOrEqual(MASTER_TOLERANCE_LU);
	expect(fresh.TP!).toBeLessThanOrEqual(ceilingDbtp + TP_TOLERANCE);
	const after = result.after;
	for (const [reading, value] of [
		[after.lufs, fresh.I],
		[after.truePeak, fresh.TP],
		[after.lra, fresh.LRA],
		[after.plr, fresh.PLR],
		[after.samplePeak, fresh.samplePeak]
	] as const) {
		expect(Math.abs(reading! - value!)).toBeLessThanOrEqual(0.01);
	}
	expect(result.channels).toHaveLength(input.channels.length);
	expect(result.channels[0]).toHaveLength(input.channels[0].length);
	if (reproduce) {
		// The chain, run the ordinary way, gives the same audio.
		const again = applyChain({ ...input, chain: result.chain }).channels;
		let maxDiff = 0;
		for (let c = 0; c < again.length; c++) {
			for (let i = 0; i < again[c].length; i++) {
				maxDiff = Math.max(maxDiff, Math.abs(again[c][i] - result.channels[c][i]));
			}
		}
		expect(maxDiff).toBeLessThan(1e-6);
	}
	const gain = result.chain.at(-2);
	expect(gain).toEqual({ type: 'gain', gainDb: result.gainDb });
	expect(result.chain.at(-1)).toMatchObject({ type: 'limit', ceilingDbtp });
}

describe('masterTrack', () => {
	it(
		'masters 72 s of music to −14 LUFS / −1 dBTP with at most two passes and steady progress',
		() => {
			const progress: number[] = [];
			const result = masterTrack({ ...music, onProgress: (f) => progress.push(f) });
			expectMaster(music, result, { targetLufs: -14, ceilingDbtp: -1, reproduce: true });
			expect(result.passes).toBeGreaterThanOrEqual(1);
			expect(result.passes).toBeLessThanOrEqual(2);
			expect(result.before.lufs!).toBeLessThan(-20);
			expect(result.gainDb).toBeGreaterThan(0);
			expect(result.chain.map((s) => s.type)).toEqual(['compress', 'gain', 'limit']);
			expect(progress.length).toBeGreaterThan(10);
			for (let i = 1; i < progress.length; i++) {
				expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
			}
			expect(progress.at(-1)).toBeCloseTo(1, 6);
			// The input is left alone.
			expect(meterReport(music).I).toBeCloseTo(result.before.lufs!, 6);
		},
		SLOW
	);

	it(
		'reaches a loud target with a lower ceiling and a tilt',
		() => {
			const settings = { targetLufs: -11, ceilingDbtp: -2, tiltDb: 2, glue: true };
			const result = masterTrack({ ...music, settings });
			expectMaster(music, result, settings);
			expect(result.chain.map((s) => s.type)).toEqual([
				'lowshelf',
				'highshelf',
				'compress',
				'gain',
				'limit'
			]);
		},
		SLOW
	);

	it(
		'turns loud, clipped pink noise down to the target',
		() => {
			const noise = renderNoise({ color: 'pink', seed: 7, seconds: 66, sampleRate, rmsDbfs: -9 });
			for (const c of [noise.left, noise.right]) {
				for (let i = 0; i < c.length; i++) c[i] = Math.max(-1, Math.min(1, c[i]));
			}
			const input = { channels: [noise.left, noise.right], sampleRate };
			const result = masterTrack({ ...input, settings: { glue: false } });
			expectMaster(input, result, { targetLufs: -14, ceilingDbtp: -1 });
			expect(result.before.lufs!).toBeGreaterThan(-10);
			expect(result.gainDb).toBeLessThan(-3);
			expect(result.chain.map((s) => s.type)).toEqual(['gain', 'limit']);
		},
		SLOW
	);

	it('masters a short track whole (no proxy)', () => {
		const short = { channels: music.channels.map((c) => c.slice(0, 20 * sampleRate)), sampleRate };
		const result = masterTrack({ ...short, settings: { targetLufs: -12 } });
		expect(result.passes).toBe(0);
		expectMaster(short, result, { targetLufs: -12, ceilingDbtp: -1 });
	}, 20_000);

	it('throws clear RangeErrors for silence, bad settings and an unreachable target', () => {
		const silence = {
			channels: [new Float32Array(sampleRate * 5), new Float32Array(sampleRate * 5)],
			sampleRate
		};
		expect(() => masterTrack(silence)).toThrow(RangeError);
		expect(() => masterTrack(silence)).toThrow(/silent/);
		const long = { channels: [new Float32Array(sampleRate * 90)], sampleRate };
		expect(() => masterTrack(long)).toThrow(/silent/);
		const short = { channels: music.channels.map((c) => c.slice(0, 10 * sampleRate)), sampleRate };
		expect(() => masterTrack({ ...short, settings: { targetLufs: -2 } })).toThrow(
			/between −30 and −5 LUFS/
		);
		expect(() => masterTrack({ ...short, settings: { ceilingDbtp: 1 } })).toThrow(/ceiling/);
		expect(() => masterTrack({ channels: [], sampleRate })).toThrow(RangeError);
		// The app's music tops out near −6.5 LUFS at −1 dBTP (quick-master.ts).
		expect(() => masterTrack({ ...short, settings: { targetLufs: -5 } })).toThrow(
			/could not reach −5 LUFS/
		);
	}, 20_000);
});

describe('proxyRanges', () => {
	/** Short-term readings every 100 ms: −30 LUFS, and −10 LUFS from `loudS` to `loudS + 5`. */
	const series = (durationS: number, loudS: number): [number, number][] =>
		Array.from({ length: Math.round((durationS - 3) * 10) + 1 }, (_, k) => {
			const t = 3 + k / 10;
			return [t, t - 3 >= loudS && t <= loudS + 5 ? -10 : -30];
		});

	it.each([
		[240, 101.3],
		[600, 3],
		[75, 70]
	])(
		'takes 64 s of a %i s track, sorted, disjoint and with its loudest 4 s',
		(durationS, loudS) => {
			const frames = durationS * sampleRate;
			const ranges = proxyRanges({ shortTerm: series(durationS, loudS), frames, sampleRate });
			let total = 0;
			for (let k = 0; k < ranges.length; k++) {
				const [a, b] = ranges[k];
				expect(a).toBeGreaterThanOrEqual(0);
				expect(b).toBeLessThanOrEqual(frames);
				expect(b).toBeGreaterThan(a);
				if (k > 0) expect(a).toBeGreaterThan(ranges[k - 1][1]);
				total += b - a;
			}
			expect(total).toBeLessThanOrEqual(WHOLE_TRACK_SECONDS * sampleRate);
			if (durationS >= 4 * WHOLE_TRACK_SECONDS)
				expect(total).toBe(WHOLE_TRACK_SECONDS * sampleRate);
			// Most of the loud stretch (its readings' spans: loudS … loudS + 5) is inside the proxy.
			const loudStart = Math.round((loudS + 1) * sampleRate);
			const loudEnd = loudStart + 3 * sampleRate;
			expect(ranges.some(([a, b]) => a <= loudStart && b >= loudEnd)).toBe(true);
			// The stretches spread over the track: one in each sixteenth (merged ones count for several).
			expect(ranges[0][0]).toBeLessThan(frames / 16);
			expect(ranges.at(-1)![1]).toBeGreaterThan((frames * 15) / 16);
		}
	);
});

describe('TPDF dither and the export', () => {
	it('draws triangular values: mean 0, variance 1/6, within ±1 LSB, reproducibly', () => {
		const dither = new TpdfDither(42);
		const n = 400_000;
		let sum = 0;
		let sumSquares = 0;
		let inner = 0;
		let min = Infinity;
		let max = -Infinity;
		for (let i = 0; i < n; i++) {
			const d = dither.next();
			sum += d;
			sumSquares += d * d;
			if (Math.abs(d) < 0.5) inner++;
			min = Math.min(min, d);
			max = Math.max(max, d);
		}
		const mean = sum / n;
		expect(Math.abs(mean)).toBeLessThan(0.005);
		expect(sumSquares / n - mean * mean).toBeCloseTo(1 / 6, 2);
		// A triangle on (−1, 1) has 3/4 of its mass within ±1/2.
		expect(inner / n).toBeCloseTo(0.75, 2);
		expect(min).toBeGreaterThan(-1);
		expect(max).toBeLessThan(1);
		const a = new TpdfDither(7);
		const b = new TpdfDither(7);
		const c = new TpdfDither(8);
		const drawn = Array.from({ length: 5 }, () => [a.next(), b.next(), c.next()]);
		expect(drawn.map(([x, y]) => x - y)).toEqual([0, 0, 0, 0, 0]);
		expect(drawn.some(([x, , z]) => x !== z)).toBe(true);
	});

	it.each([0, 0.3, -0.7, 0.5])(
		'16-bit export of a constant %f LSB: unbiased mean, error variance 1/4 LSB²',
		(lsb) => {
			const frames = 100_000;
			const value = lsb / 32768;
			const input = [new Float32Array(frames).fill(value), new Float32Array(frames).fill(value)];
			const bytes = encodeMasterWav({ channels: input, sampleRate, format: 'pcm16' });
			expect(bytes.byteLength).toBe(44 + frames * 2 * 2);
			const decoded = decodeWav(bytes);
			expect(decoded.encoding).toBe('16-bit PCM');
			expect(decoded.sampleRate).toBe(sampleRate);
			for (const channel of decoded.channels) {
				let sum = 0;
				let sumSquares = 0;
				for (const v of channel) {
					const error = v * 32768 - lsb;
					sum += error;
					sumSquares += error * error;
				}
				// Rounding alone would be biased by up to 0.5 LSB; TPDF removes that bias.
				expect(Math.abs(sum / frames)).toBeLessThan(0.01);
				// Rounding error (1/12) plus dither (1/6), independent of the value.
				expect(sumSquares / frames).toBeGreaterThan(0.25 * 0.95);
				expect(sumSquares / frames).toBeLessThan(0.25 * 1.05);
			}
		}
	);

	it('16-bit export keeps a sine below half an LSB that plain rounding erases', () => {
		const frames = 44_100;
		const sine = new Float32Array(frames);
		for (let i = 0; i < frames; i++)
			sine[i] = (0.45 / 32768) * Math.sin((2 * Math.PI * 441 * i) / sampleRate);
		const correlation = (decoded: Float32Array) => {
			let xy = 0;
			let xx = 0;
			let yy = 0;
			for (let i = 0; i < frames; i++) {
				xy += decoded[i] * sine[i];
				xx += sine[i] * sine[i];
				yy += decoded[i] * decoded[i];
			}
			return yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
		};
		const dithered = decodeWav(encodeMasterWav({ channels: [sine], sampleRate, format: 'pcm16' }));
		const plain = decodeWav(encodeWav({ channels: [sine], sampleRate, format: 'pcm16' }));
		// Signal power 0.45²/2 LSB², error power 1/4: correlation ≈ 0.54.
		expect(correlation(dithered.channels[0])).toBeGreaterThan(0.45);
		expect(correlation(plain.channels[0])).toBe(0);
	});

	it('clamps at full scale and is reproducible for a seed', () => {
		const input = [Float32Array.from([1, -1, 1.5, -1.5, 0.999, -0.999])];
		const decoded = decodeWav(encodeMasterWav({ channels: input, sampleRate, format: 'pcm16' }));
		const ints = Array.from(decoded.channels[0], (v) => Math.round(v * 32768));
		// Full scale plus dither: clamped at the top, −32768 or (dithered up) −32767 at the bottom.
		expect(ints[0]).toBe(32767);
		expect(ints[1]).toBeGreaterThanOrEqual(-32768);
		expect(ints[1]).toBeLessThanOrEqual(-32767);
		expect(ints.slice(2, 4)).toEqual([32767, -32768]);
		expect(Math.abs(ints[4] - 0.999 * 32768)).toBeLessThanOrEqual(1.5);
		const noise = renderNoise({ color: 'white', seed: 1, seconds: 0.5, sampleRate, rmsDbfs: -20 });
		const channels = [noise.left, noise.right];
		const first = encodeMasterWav({ channels, sampleRate, format: 'pcm16', seed: 3 });
		const second = encodeMasterWav({ channels, sampleRate, format: 'pcm16', seed: 3 });
		expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
	});

	it('24-bit export rounds to the nearest step; float export matches encodeWav', () => {
		const noise = renderNoise({ color: 'pink', seed: 2, seconds: 1, sampleRate, rmsDbfs: -24 });
		const channels = [noise.left, noise.right];
		channels[0][0] = 1;
		channels[1][0] = -1;
		const bytes = encodeMasterWav({ channels, sampleRate, format: 'pcm24' });
		expect(bytes.byteLength).toBe(44 + channels[0].length * 2 * 3);
		const decoded = decodeWav(bytes);
		expect(decoded.encoding).toBe('24-bit PCM');
		let maxError = 0;
		for (let c = 0; c < 2; c++) {
			for (let i = 1; i < channels[c].length; i++) {
				maxError = Math.max(maxError, Math.abs(decoded.channels[c][i] - channels[c][i]));
			}
		}
		expect(maxError * 8388608).toBeLessThanOrEqual(0.5 + 1e-3);
		expect(decoded.channels[0][0] * 8388608).toBe(8388607);
		expect(decoded.channels[1][0] * 8388608).toBe(-8388608);
		const float = encodeMasterWav({ channels, sampleRate, format: 'float32' });
		expect(Buffer.from(float).equals(Buffer.from(encodeWav({ channels, sampleRate })))).toBe(true);
	});
});
