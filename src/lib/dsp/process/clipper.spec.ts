import { describe, expect, it } from 'vitest';
import { db, sineAmplitude, sineWave } from '../test-signals';
import { clip, clipSample, type ClipperShape } from './clipper';

const sampleRate = 48000;
/** 750 Hz: 64 samples per cycle, and its 3rd harmonic (2250 Hz) is far from Nyquist (no aliasing). */
const frequency = 750;
function sine(peak: number, cycles = 100) {
	return sineWave({ peak, frequency, sampleRate, length: (cycles * sampleRate) / frequency });
}
const SHAPES: ClipperShape[] = ['hard', 'tanh', 'cubic'];

describe('clip', () => {
	it.each(SHAPES)(
		'%s: small signals pass at the drive gain; output never exceeds the ceiling',
		(shape) => {
			for (const driveDb of [0, 6, 12]) {
				const quiet = sine(0.001);
				clip({ channels: [quiet], shape, driveDb });
				expect(
					Math.abs(db(sineAmplitude({ signal: quiet, frequency, sampleRate }) / 0.001) - driveDb)
				).toBeLessThan(0.01);
				for (const ceilingDb of [0, -3, -6]) {
					const loud = sine(1);
					clip({ channels: [loud], shape, driveDb: driveDb + 10, ceilingDb });
					const ceiling = 10 ** (ceilingDb / 20);
					expect(Math.max(...loud.map(Math.abs))).toBeLessThanOrEqual(ceiling * (1 + 1e-6));
				}
			}
		}
	);

	it.each(SHAPES)('%s is odd-symmetric and monotonic', (shape) => {
		let previous = -Infinity;
		for (let x = -4; x <= 4; x += 0.01) {
			const y = clipSample({ shape, x, ceiling: 0.8 });
			expect(Math.abs(y + clipSample({ shape, x: -x, ceiling: 0.8 }))).toBeLessThan(1e-12);
			expect(y).toBeGreaterThanOrEqual(previous - 1e-12);
			previous = y;
		}
	});

	it.each([0, 3, 6, 9, 20])(
		'hard: counts the samples beyond the ceiling (%i dB drive on a full-scale sine)',
		(driveDb) => {
			// 997 Hz over one second visits the phases of the cycle densely, so counts match the fraction.
			const x = Float32Array.from({ length: sampleRate }, (_, n) =>
				Math.sin((2 * Math.PI * 997 * n) / sampleRate)
			);
			const left = x.slice();
			const right = x.slice();
			const { clippedSamples } = clip({ channels: [left, right], driveDb, ceilingDb: 0 });
			// |g·sin θ| > 1 for a fraction 1 − (2/π)·asin(1/g) of a cycle.
			const g = 10 ** (driveDb / 20);
			const fraction = g > 1 ? 1 - (2 / Math.PI) * Math.asin(1 / g) : 0;
			expect(Math.abs(clippedSamples / (2 * x.length) - fraction)).toBeLessThan(0.001);
			for (let n = 0; n < x.length; n++) {
				if (Math.abs(g * x[n]) <= 1) expect(Math.abs(left[n] - g * x[n])).toBeLessThan(1e-6);
				else expect(Math.abs(left[n])).toBeCloseTo(1, 6);
			}
		}
	);

	it('cubic: fundamental and 3rd harmonic match the closed form within 0.01 dB', () => {
		// With u = a·sin θ (a ≤ 1): u − u³/3 = (a − a³/4)·sin θ + (a³/12)·sin 3θ.
		for (const ceilingDb of [0, -6]) {
			const ceiling = 10 ** (ceilingDb / 20);
			for (const a of [0.2, 0.5, 0.8, 0.95, 1]) {
				const x = sine(1.5 * ceiling * a);
				const y = x.slice();
				clip({ channels: [y], shape: 'cubic', ceilingDb });
				const fundamental = 1.5 * ceiling * (a - a ** 3 / 4);
				const third = (1.5 * ceiling * a ** 3) / 12;
				expect(
					Math.abs(db(sineAmplitude({ signal: y, frequency, sampleRate }) / fundamental))
				).toBeLessThan(0.01);
				expect(
					Math.abs(db(sineAmplitude({ signal: y, frequency: 3 * frequency, sampleRate }) / third))
				).toBeLessThan(0.01);
				expect(sineAmplitude({ signal: y, frequency: 5 * frequency, sampleRate })).toBeLessThan(
					1e-5
				);
			}
		}
	});

	it('tanh: harmonics match a numerical Fourier series of tanh(a·sin θ) within 0.01 dB; no even ones', () => {
		/** b_k = (1/π)∫ tanh(a sin θ) sin kθ dθ by the midpoint rule (spectrally accurate here). */
		const fourier = (a: number, k: number) => {
			const steps = 20000;
			let sum = 0;
			for (let i = 0; i < steps; i++) {
				const theta = ((i + 0.5) / steps) * 2 * Math.PI;
				sum += Math.tanh(a * Math.sin(theta)) * Math.sin(k * theta);
			}
			return Math.abs((sum * 2) / steps);
		};
		for (const driveDb of [0, 6, 12, 18]) {
			const y = sine(0.5);
			clip({ channels: [y], shape: 'tanh', driveDb });
			const a = 0.5 * 10 ** (driveDb / 20);
			for (const k of [1, 3, 5]) {
				const measured = sineAmplitude({ signal: y, frequency: k * frequency, sampleRate });
				expect(
					Math.abs(db(measured / fourier(a, k))),
					`drive ${driveDb}, harmonic ${k}`
				).toBeLessThan(0.01);
			}
			for (const k of [2, 4]) {
				expect(
					db(sineAmplitude({ signal: y, frequency: k * frequency, sampleRate }) / 0.5)
				).toBeLessThan(-100);
			}
		}
	});

	it('writes into a separate output and leaves the input alone', () => {
		const x = sine(1, 4);
		const copy = x.slice();
		const out = new Float32Array(x.length);
		const { clippedSamples } = clip({ channels: [x], output: [out], driveDb: 6, shape: 'tanh' });
		expect(clippedSamples).toBeGreaterThan(0);
		expect(x).toEqual(copy);
		expect(Math.max(...out)).toBeGreaterThan(0.9);
	});
});
