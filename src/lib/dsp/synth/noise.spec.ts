import FFT from 'fft.js';
import { describe, expect, it } from 'vitest';
import { gainToDb } from '../units';
import { renderNoise } from './noise';

const sampleRate = 44100;

/** Welch power spectrum (Hann, 50 % overlap) of `x`; bin k is at k·fs/size. */
function welch(x: Float32Array, size = 8192): Float64Array {
	const fft = new FFT(size);
	const out = fft.createComplexArray() as number[];
	const frame = new Array<number>(size);
	const power = new Float64Array(size / 2);
	let frames = 0;
	for (let start = 0; start + size <= x.length; start += size / 2) {
		for (let i = 0; i < size; i++)
			frame[i] = x[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
		fft.realTransform(out, frame);
		for (let k = 0; k < size / 2; k++) power[k] += out[2 * k] ** 2 + out[2 * k + 1] ** 2;
		frames++;
	}
	for (let k = 0; k < power.length; k++) power[k] /= frames;
	return power;
}

/** Mean power spectral density (dB) in the octave band centred on `fc`. */
function octaveDensityDb(power: Float64Array, fc: number, size = 8192): number {
	const lo = Math.ceil(((fc / Math.SQRT2) * size) / sampleRate);
	const hi = Math.min(power.length - 1, Math.floor((fc * Math.SQRT2 * size) / sampleRate));
	let sum = 0;
	for (let k = lo; k <= hi; k++) sum += power[k];
	return 10 * Math.log10(sum / (hi - lo + 1));
}

const centres = [63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000];

/** Least-squares slope of `db` against octave number, in dB per octave. */
function slopePerOctave(db: number[]): number {
	const xs = centres.map((f) => Math.log2(f / 1000));
	const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
	const my = db.reduce((a, b) => a + b, 0) / db.length;
	let num = 0;
	let den = 0;
	xs.forEach((x, i) => {
		num += (x - mx) * (db[i] - my);
		den += (x - mx) ** 2;
	});
	return num / den;
}

describe('renderNoise', () => {
	it.each([
		['white', -20],
		['pink', -20],
		['pink', -30]
	] as const)('%s noise has an RMS of %i dBFS ± 0.01 dB and no DC', (color, rmsDbfs) => {
		const { left, right } = renderNoise({ color, seed: 1, seconds: 2, sampleRate, rmsDbfs });
		let sumSquares = 0;
		for (const c of [left, right]) {
			let sum = 0;
			for (const v of c) {
				sumSquares += v * v;
				sum += v;
			}
			expect(Math.abs(sum / c.length)).toBeLessThan(1e-4);
		}
		expect(gainToDb(Math.sqrt(sumSquares / (2 * left.length)))).toBeCloseTo(rmsDbfs, 2);
	});

	it.each([
		['pink', -3],
		['white', 0]
	] as const)(
		'%s noise falls %i dB/octave ± 1 dB, every band within ±1 dB of the fit',
		(color, slope) => {
			const { left } = renderNoise({ color, seed: 2, seconds: 10, sampleRate, rmsDbfs: -20 });
			const power = welch(left);
			const db = centres.map((fc) => octaveDensityDb(power, fc));
			const fitted = slopePerOctave(db);
			expect(Math.abs(fitted - slope)).toBeLessThan(1);
			const mean = db.reduce((a, b) => a + b, 0) / db.length;
			const xs = centres.map((f) => Math.log2(f / 1000));
			const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
			db.forEach((d, i) => expect(Math.abs(d - (mean + fitted * (xs[i] - mx)))).toBeLessThan(1));
		}
	);

	it('is deterministic per seed, different across seeds, and decorrelated between channels', () => {
		const a = renderNoise({ color: 'pink', seed: 9, seconds: 1, sampleRate, rmsDbfs: -20 });
		const b = renderNoise({ color: 'pink', seed: 9, seconds: 1, sampleRate, rmsDbfs: -20 });
		const c = renderNoise({ color: 'pink', seed: 10, seconds: 1, sampleRate, rmsDbfs: -20 });
		expect(b.left).toEqual(a.left);
		expect(c.left).not.toEqual(a.left);
		let lr = 0;
		let ll = 0;
		let rr = 0;
		for (let i = 0; i < a.left.length; i++) {
			lr += a.left[i] * a.right[i];
			ll += a.left[i] ** 2;
			rr += a.right[i] ** 2;
		}
		// |r| < 0.1: pink noise has few independent low-frequency cycles in one second.
		expect(Math.abs(lr / Math.sqrt(ll * rr))).toBeLessThan(0.1);
	});

	it.each(['white', 'pink'] as const)(
		'%s noise loops: the seam step is a typical step',
		(color) => {
			const { left, right } = renderNoise({ color, seed: 4, seconds: 2, sampleRate, rmsDbfs: -20 });
			for (const x of [left, right]) {
				let meanStep = 0;
				for (let i = 1; i < x.length; i++) meanStep += Math.abs(x[i] - x[i - 1]);
				meanStep /= x.length - 1;
				// A Gaussian step exceeds 4× its mean magnitude with probability ~0.1 %.
				expect(Math.abs(x[0] - x[x.length - 1])).toBeLessThan(4 * meanStep);
			}
		}
	);
});
