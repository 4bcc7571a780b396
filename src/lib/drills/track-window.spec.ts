import { describe, expect, it } from 'vitest';
import { createRng } from '../dsp/synth/rng';
import { CHI2_CRITICAL } from './question-stats';
import { loopWindow, loudestWindow, trackWindow } from './track-window';

const RATE = 44100;
const SECONDS = 8;
const LENGTH = SECONDS * RATE;

describe('trackWindow', () => {
	it.each([
		[60, 1],
		[60, 123456],
		[8.5, 7],
		[600, 2 ** 31 - 1]
	])('gives a %s s track the same 8 s window for the same seed (%i)', (trackS, seed) => {
		const frames = Math.round(trackS * RATE);
		const a = trackWindow({ frames, sampleRate: RATE, seconds: SECONDS, seed });
		const b = trackWindow({ frames, sampleRate: RATE, seconds: SECONDS, seed });
		expect(a).toEqual(b);
		expect(a.end - a.start).toBe(LENGTH);
		expect(a.start).toBeGreaterThanOrEqual(0);
		expect(a.end).toBeLessThanOrEqual(frames);
		expect(Number.isInteger(a.start)).toBe(true);
	});

	it('gives different seeds different windows', () => {
		const frames = 60 * RATE;
		const starts = new Set(
			Array.from(
				{ length: 200 },
				(_, seed) => trackWindow({ frames, sampleRate: RATE, seconds: SECONDS, seed }).start
			)
		);
		expect(starts.size).toBeGreaterThan(195);
	});

	it.each([30, 60, 240])('spreads the windows of a %i s track evenly over it', (trackS) => {
		const frames = trackS * RATE;
		const latest = frames - LENGTH;
		const buckets = 10;
		const counts = new Array<number>(buckets).fill(0);
		const seeds = 20_000;
		let min = Infinity;
		let max = -Infinity;
		for (let seed = 0; seed < seeds; seed++) {
			const { start } = trackWindow({ frames, sampleRate: RATE, seconds: SECONDS, seed });
			counts[Math.min(buckets - 1, Math.floor((start / (latest + 1)) * buckets))]++;
			min = Math.min(min, start);
			max = Math.max(max, start);
		}
		const expected = seeds / buckets;
		const chi2 = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
		expect(chi2).toBeLessThan(CHI2_CRITICAL[buckets - 1]);
		// The first and last stretches of the track are reachable.
		expect(min).toBeLessThan(latest * 0.001);
		expect(max).toBeGreaterThan(latest * 0.999);
	});

	it("does not follow the question's own random draws (the answer cannot be heard in the stretch)", () => {
		// A 5 × 5 table of the question rng's first draw against the window's position: independent
		// at p = 0.001 (critical chi-square for 16 degrees of freedom is 39.25).
		const frames = 60 * RATE;
		const latest = frames - LENGTH;
		const n = 5;
		const table = Array.from({ length: n }, () => new Array<number>(n).fill(0));
		const seeds = 20_000;
		for (let seed = 0; seed < seeds; seed++) {
			const first = Math.floor(createRng(seed).next() * n);
			const { start } = trackWindow({ frames, sampleRate: RATE, seconds: SECONDS, seed });
			table[first][Math.min(n - 1, Math.floor((start / (latest + 1)) * n))]++;
		}
		const rows = table.map((row) => row.reduce((a, b) => a + b, 0));
		const cols = table[0].map((_, j) => table.reduce((sum, row) => sum + row[j], 0));
		let chi2 = 0;
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < n; j++) {
				const expected = (rows[i] * cols[j]) / seeds;
				chi2 += (table[i][j] - expected) ** 2 / expected;
			}
		}
		expect(chi2).toBeLessThan(39.25);
	});

	it.each([
		['shorter than the window', 3 * RATE],
		['exactly the window', LENGTH],
		['a single frame', 1]
	])('uses a track %s whole', (_, frames) => {
		for (const seed of [0, 1, 99]) {
			expect(trackWindow({ frames, sampleRate: RATE, seconds: SECONDS, seed })).toEqual({
				start: 0,
				end: frames
			});
		}
	});

	it('refuses nonsense sizes', () => {
		expect(() => trackWindow({ frames: -1, sampleRate: RATE, seconds: 8, seed: 1 })).toThrow(
			RangeError
		);
		expect(() => trackWindow({ frames: 1.5, sampleRate: RATE, seconds: 8, seed: 1 })).toThrow(
			RangeError
		);
		expect(() => trackWindow({ frames: 100, sampleRate: RATE, seconds: 0, seed: 1 })).toThrow(
			RangeError
		);
	});
});

describe('loopWindow', () => {
	const ramp = (n: number, offset = 0) => Float32Array.from({ length: n }, (_, i) => i + offset);

	it('copies the window when the track is long enough', () => {
		const channels = [ramp(100), ramp(100, 1000)];
		const out = loopWindow({ channels, start: 10, end: 30, frames: 20 });
		expect(out).toEqual([ramp(20, 10), ramp(20, 1010)]);
		out[0][0] = -1;
		expect(channels[0][10]).toBe(10);
	});

	it.each([
		[3, 8],
		[3, 9],
		[5, 2],
		[1, 4]
	])('repeats a %i-frame track to fill %i frames', (length, frames) => {
		const [out] = loopWindow({ channels: [ramp(length)], start: 0, end: length, frames });
		expect(out).toHaveLength(frames);
		expect(Array.from(out)).toEqual(Array.from({ length: frames }, (_, i) => i % length));
	});

	it('fills 8 s from a 3 s track without a gap', () => {
		const track = ramp(3 * RATE);
		const [out] = loopWindow({ channels: [track], start: 0, end: track.length, frames: LENGTH });
		expect(out[3 * RATE]).toBe(0);
		expect(out[LENGTH - 1]).toBe((LENGTH - 1) % (3 * RATE));
	});

	it('refuses a window outside the track', () => {
		const channels = [ramp(10)];
		expect(() => loopWindow({ channels, start: 5, end: 5, frames: 4 })).toThrow(RangeError);
		expect(() => loopWindow({ channels, start: 0, end: 11, frames: 4 })).toThrow(RangeError);
		expect(() => loopWindow({ channels, start: -1, end: 4, frames: 4 })).toThrow(RangeError);
	});
});

describe('loudestWindow', () => {
	/** A track of 1 s blocks at the given amplitudes (a 441 Hz sine), per channel. */
	function track(amplitudes: number[], rate = RATE, channels = 2): Float32Array[] {
		return Array.from({ length: channels }, () => {
			const out = new Float32Array(amplitudes.length * rate);
			for (let i = 0; i < out.length; i++) {
				out[i] = amplitudes[Math.floor(i / rate)] * Math.sin((2 * Math.PI * 441 * i) / rate);
			}
			return out;
		});
	}

	it('finds the loud stretch of a quiet-loud-quiet track', () => {
		const amplitudes = [
			...new Array(20).fill(0.05),
			...new Array(10).fill(0.8),
			...new Array(20).fill(0.05)
		];
		expect(loudestWindow({ channels: track(amplitudes), sampleRate: RATE, seconds: 10 })).toEqual({
			start: 20 * RATE,
			end: 30 * RATE
		});
	});

	it('prefers the window with the most energy over a single loud second', () => {
		// One very loud second at 2 s; a long, moderately loud stretch from 10 s.
		const amplitudes = new Array(30).fill(0.01);
		amplitudes[2] = 1;
		for (let s = 10; s < 20; s++) amplitudes[s] = 0.6;
		const { start } = loudestWindow({ channels: track(amplitudes), sampleRate: RATE, seconds: 8 });
		expect(start / RATE).toBeGreaterThanOrEqual(10);
		expect(start / RATE).toBeLessThanOrEqual(12);
	});

	it('counts both channels (a loud right channel counts)', () => {
		const [left] = track(new Array(20).fill(0.1), RATE, 1);
		const [right] = track([...new Array(15).fill(0), 1, 1, 1, 1, 1], RATE, 1);
		const window = loudestWindow({ channels: [left, right], sampleRate: RATE, seconds: 5 });
		expect(window).toEqual({ start: 15 * RATE, end: 20 * RATE });
	});

	it.each([44100, 48000, 96000])(
		'lands on whole blocks at %i Hz and stays inside the track',
		(rate) => {
			const amplitudes = [...new Array(70).fill(0.1), ...new Array(60).fill(0.5), 0.1, 0.1];
			const channels = track(amplitudes, rate, 1);
			const window = loudestWindow({ channels, sampleRate: rate, seconds: 60 });
			expect(window).toEqual({ start: 70 * rate, end: 130 * rate });
		}
	);

	it('keeps the end of the track reachable when the loudest part is at the very end', () => {
		const channels = [new Float32Array(Math.round(10.5 * RATE))];
		channels[0].fill(0.5, 8 * RATE);
		const window = loudestWindow({ channels, sampleRate: RATE, seconds: 3 });
		expect(window.end).toBeLessThanOrEqual(channels[0].length);
		expect(window.start).toBeGreaterThanOrEqual(7 * RATE);
	});

	it('takes the earliest of equally loud windows (silence gives the start)', () => {
		const channels = [new Float32Array(100 * RATE)];
		expect(loudestWindow({ channels, sampleRate: RATE, seconds: 60 })).toEqual({
			start: 0,
			end: 60 * RATE
		});
	});

	it('uses a track no longer than the window whole', () => {
		const channels = track([0.5, 0.5, 0.5]);
		expect(loudestWindow({ channels, sampleRate: RATE, seconds: 60 })).toEqual({
			start: 0,
			end: 3 * RATE
		});
	});
});
