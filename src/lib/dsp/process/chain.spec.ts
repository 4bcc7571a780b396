import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../analysis/loudness';
import { truePeak } from '../analysis/true-peak';
import { sineWave } from '../test-signals';
import { applyChain, ChainError } from './chain';
import { magnitudeDb, peakingCoefficients } from './biquad';

const sampleRate = 48000;
const sine = (frequency: number, amplitude: number, seconds = 2) =>
	sineWave({ peak: amplitude, frequency, sampleRate, length: seconds * sampleRate });
const rmsDb = (x: Float32Array) => {
	const mid = x.subarray(x.length / 4, (3 * x.length) / 4);
	return 10 * Math.log10(mid.reduce((s, v) => s + v * v, 0) / mid.length);
};

describe('applyChain', () => {
	it('leaves the input untouched and applies steps in order', () => {
		const left = sine(1000, 0.1);
		const input = [left, left.slice()];
		const { channels } = applyChain({
			channels: input,
			sampleRate,
			chain: [
				{ type: 'gain', gainDb: 12 },
				{ type: 'peaking', frequencyHz: 1000, gainDb: -6, q: 1.41 }
			]
		});
		expect(input[0][1000]).toBe(left[1000]);
		const expected =
			12 +
			magnitudeDb({
				coefficients: peakingCoefficients({ sampleRate, frequency: 1000, gainDb: -6, q: 1.41 }),
				frequency: 1000,
				sampleRate
			});
		expect(Math.abs(rmsDb(channels[0]) - rmsDb(left) - expected)).toBeLessThan(0.02);
	});

	it('writes into given buffers, or in place, to the bit as into new ones; traces only when asked', () => {
		const left = sine(440, 0.5);
		const right = sine(660, 0.4);
		const chain = [
			{ type: 'highpass', frequencyHz: 120, q: Math.SQRT1_2 },
			{ type: 'compress', thresholdDb: -20, ratio: 4, attackMs: 5, releaseMs: 80 },
			{ type: 'peaking', frequencyHz: 3000, gainDb: 4, q: 1 }
		] as const;
		const fresh = applyChain({ channels: [left, right], sampleRate, chain: [...chain] });
		// Buffers holding other audio are overwritten.
		const into = [sine(50, 0.9), sine(70, 0.9)];
		const reused = applyChain({ channels: [left, right], sampleRate, chain: [...chain], into });
		expect(reused.channels[0]).toBe(into[0]);
		expect(reused.channels).toEqual(fresh.channels);
		expect(reused.gainReductionDb.get(1)).toEqual(fresh.gainReductionDb.get(1));
		expect(Math.max(...fresh.gainReductionDb.get(1)!)).toBeGreaterThan(3);
		const own = [left.slice(), right.slice()];
		const inPlace = applyChain({
			channels: own,
			sampleRate,
			chain: [...chain],
			into: own,
			traces: false
		});
		expect(inPlace.channels[1]).toBe(own[1]);
		expect(own).toEqual(fresh.channels);
		expect(inPlace.gainReductionDb.size).toBe(0);
		expect(() =>
			applyChain({
				channels: [left, right],
				sampleRate,
				chain: [...chain],
				into: [new Float32Array(10)]
			})
		).toThrow(RangeError);
	});

	it('inverts one channel and delays another by whole samples', () => {
		const left = sine(500, 0.2);
		const { channels } = applyChain({
			channels: [left, left.slice()],
			sampleRate,
			chain: [
				{ type: 'polarity', channel: 1 },
				{ type: 'delay', channel: 0, delayMs: 1 }
			]
		});
		for (const i of [5000, 12345, 50000]) {
			expect(channels[1][i]).toBeCloseTo(-left[i], 6);
			expect(channels[0][i]).toBeCloseTo(left[i - 48], 6);
		}
	});

	it('reports the limiter’s gain reduction by step index and holds its ceiling', () => {
		const loud = sine(997, 1.5);
		const { channels, gainReductionDb } = applyChain({
			channels: [loud, loud.slice()],
			sampleRate,
			chain: [
				{ type: 'gain', gainDb: -3 },
				{ type: 'limit', ceilingDbtp: -1 }
			]
		});
		expect(truePeak({ channels, sampleRate }).dbtp!).toBeLessThanOrEqual(-0.9);
		const trace = gainReductionDb.get(1)!;
		expect(trace).toHaveLength(loud.length);
		expect(Math.max(...trace.subarray(sampleRate))).toBeGreaterThan(1.5);
	});

	it('normalizes to a target loudness within 0.1 LU', () => {
		const { channels } = applyChain({
			channels: [sine(997, 0.01), sine(997, 0.01)],
			sampleRate,
			chain: [{ type: 'normalize', targetLufs: -20 }]
		});
		expect(Math.abs(measureLoudness({ channels, sampleRate }).integrated! + 20)).toBeLessThan(0.1);
	});

	it.each([
		[[{ type: 'width', factor: 2 }], 1, /width needs stereo/],
		[[{ type: 'lowpass', frequencyHz: 30000, q: 0.7 }], 2, /Nyquist/],
		[[{ type: 'normalize', targetLufs: -14 }], 2, /silent/]
	] as const)('throws a ChainError for %j', (chain, count, message) => {
		const silence = Array.from({ length: count }, () => new Float32Array(sampleRate));
		expect(() => applyChain({ channels: silence, sampleRate, chain })).toThrow(ChainError);
		expect(() => applyChain({ channels: silence, sampleRate, chain })).toThrow(message);
	});
});
