import { describe, expect, it } from 'vitest';
import { analyzeTrack } from '../dsp/analysis/track-analysis';
import { sineWave } from '../dsp/test-signals';
import { loudestExcerpt, sliceChannels } from './excerpt';

/** Short-term readings every 0.1 s from 3 s to `durationS`, with `lufs(t)` for each window end t. */
function series(durationS: number, lufs: (t: number) => number | null): [number, number | null][] {
	const points: [number, number | null][] = [];
	for (let k = 30; k <= durationS * 10 + 1e-9; k++) points.push([k / 10, lufs(k / 10)]);
	return points;
}

/** Brute force: the mean of the readings whose 3 s span lies inside [start, start + length]. */
function meanInside(shortTerm: [number, number | null][], start: number, length: number) {
	const inside = shortTerm.filter(([t]) => t - 3 >= start - 1e-6 && t <= start + length + 1e-6);
	return inside.reduce((s, [, v]) => s + (v ?? -70), 0) / inside.length;
}

describe('loudestExcerpt', () => {
	it('returns the whole track when it is no longer than the excerpt', () => {
		expect(loudestExcerpt({ shortTerm: [], durationS: 12, lengthS: 30 })).toEqual({
			startS: 0,
			endS: 12
		});
		expect(
			loudestExcerpt({
				shortTerm: series(30, () => -10),
				durationS: 30
			})
		).toEqual({
			startS: 0,
			endS: 30
		});
	});

	it.each([
		['a loud chorus from 60 to 90 s', (t: number) => (t >= 63 && t <= 90 ? -8 : -20), 60],
		['a loud ending', (t: number) => (t >= 100 ? -8 : -20), 90],
		['a loud start', (t: number) => (t <= 20 ? -8 : -20), 0],
		['a steady level (ties: the earliest)', () => -14, 0]
	])('finds %s', (_label, lufs, expected) => {
		const shortTerm = series(120, lufs);
		const { startS, endS } = loudestExcerpt({ shortTerm, durationS: 120 });
		expect(Math.abs(startS - expected)).toBeLessThanOrEqual(0.1 + 1e-9);
		expect(endS - startS).toBeCloseTo(30, 9);
	});

	it('agrees with a brute-force search on an uneven curve', () => {
		const shortTerm = series(200, (t) => -20 + 6 * Math.sin(t / 7) + 3 * Math.sin(t / 2.3));
		const { startS } = loudestExcerpt({ shortTerm, durationS: 200, lengthS: 20 });
		let best = -Infinity;
		for (let start = 0; start <= 180; start += 0.1)
			best = Math.max(best, meanInside(shortTerm, start, 20));
		expect(meanInside(shortTerm, startS, 20)).toBeGreaterThanOrEqual(best - 1e-9);
	});

	it('counts silence (null) as −70 LUFS, so a gap pulls a window down', () => {
		// Loud everywhere, but a silent gap at 40–45 s: the best 30 s window avoids it.
		const shortTerm = series(120, (t) => (t > 40 && t < 48 ? null : -10));
		const { startS, endS } = loudestExcerpt({ shortTerm, durationS: 120 });
		expect(startS >= 45 || endS <= 40).toBe(true);
	});

	it('works on a thinned graph and on excerpts shorter than the 3 s window', () => {
		const full = series(120, (t) => (t >= 63 && t <= 90 ? -8 : -20));
		const thinned = full.filter((_, i) => i % 7 === 0);
		expect(
			Math.abs(loudestExcerpt({ shortTerm: thinned, durationS: 120 }).startS - 60)
		).toBeLessThanOrEqual(0.7);
		const short = loudestExcerpt({ shortTerm: full, durationS: 120, lengthS: 2 });
		expect(short.startS).toBeGreaterThanOrEqual(63 - 2);
		expect(short.endS).toBeLessThanOrEqual(90);
	});

	it('finds the loud part of a measured track', () => {
		const sampleRate = 8000;
		const x = sineWave({ peak: 0.05, frequency: 440, sampleRate, length: 60 * sampleRate });
		for (let i = 20 * sampleRate; i < 35 * sampleRate; i++) x[i] *= 8;
		const a = analyzeTrack({ channels: [x], sampleRate });
		const { startS, endS } = loudestExcerpt({
			shortTerm: a.shortTerm,
			durationS: a.durationS,
			lengthS: 10
		});
		expect(startS).toBeGreaterThanOrEqual(20 - 1e-6);
		expect(endS).toBeLessThanOrEqual(35 + 1e-6);
	});

	it('rejects a length that is not positive', () => {
		expect(() => loudestExcerpt({ shortTerm: [], durationS: 10, lengthS: 0 })).toThrow(RangeError);
		expect(() => loudestExcerpt({ shortTerm: [], durationS: Number.NaN })).toThrow(RangeError);
	});
});

describe('sliceChannels', () => {
	const sampleRate = 1000;
	const left = Float32Array.from({ length: 5000 }, (_, i) => i);
	const right = Float32Array.from({ length: 5000 }, (_, i) => -i);

	it('returns views of the same samples, not copies', () => {
		const [l, r] = sliceChannels({
			channels: [left, right],
			sampleRate,
			startS: 1,
			endS: 2.5
		});
		expect(l.length).toBe(1500);
		expect(l[0]).toBe(1000);
		expect(r[1499]).toBe(-2499);
		expect(l.buffer).toBe(left.buffer);
		expect(l.byteOffset).toBe(1000 * Float32Array.BYTES_PER_ELEMENT);
	});

	it('clamps to the track', () => {
		const [l] = sliceChannels({ channels: [left], sampleRate, startS: -1, endS: 99 });
		expect(l.length).toBe(5000);
		const [empty] = sliceChannels({ channels: [left], sampleRate, startS: 7, endS: 8 });
		expect(empty.length).toBe(0);
	});

	it('rejects an end before the start', () => {
		expect(() => sliceChannels({ channels: [left], sampleRate, startS: 2, endS: 1 })).toThrow(
			RangeError
		);
	});
});
