import FFT from 'fft.js';
import { describe, expect, it } from 'vitest';
import { renderNoise } from '../synth/noise';
import { mulberry32 } from '../test-signals';
import { alignReference, referenceCurve } from './reference-curve';
import { thirdOctaveSpectrum, type Band } from './spectrum';

const sampleRate = 44100;

/** Measured band minus reference curve, for the bands from `from` to `to` Hz. */
function deviations(bands: Band[], from: number, to: number): number[] {
	const inRange = bands.filter((b) => b.nominal >= from && b.nominal <= to);
	const curve = referenceCurve(inRange.map((b) => b.centre));
	return inRange.map((b, i) => (b.db as number) - curve[i]);
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Noise that follows the reference exactly: random phases, and in each FFT bin the power density the
 * curve implies (band power 10^(dB/10) spread over a band whose width is proportional to f).
 */
function referenceNoise(length: number): Float32Array {
	const fft = new FFT(length);
	const spectrum: number[] = fft.createComplexArray();
	const random = mulberry32(5);
	for (let k = 1; k < length / 2; k++) {
		const hz = (k * sampleRate) / length;
		const magnitude = Math.sqrt(Math.pow(10, referenceCurve([hz])[0] / 10) / hz);
		const phase = 2 * Math.PI * random();
		spectrum[2 * k] = magnitude * Math.cos(phase);
		spectrum[2 * k + 1] = magnitude * Math.sin(phase);
		spectrum[2 * (length - k)] = magnitude * Math.cos(phase);
		spectrum[2 * (length - k) + 1] = -magnitude * Math.sin(phase);
	}
	const time: number[] = fft.createComplexArray();
	fft.inverseTransform(time, spectrum);
	const out = new Float32Array(length);
	let peak = 0;
	for (let i = 0; i < length; i++) peak = Math.max(peak, Math.abs(time[2 * i]));
	for (let i = 0; i < length; i++) out[i] = (0.5 * time[2 * i]) / peak;
	return out;
}

describe('referenceCurve', () => {
	it.each([
		[25, -3],
		[50, -1.5],
		[100, 0],
		[315, 0],
		[1000, 0],
		[2000, -1.5],
		[4000, -3],
		[16000, -6]
	])('at %d Hz is %d dB', (hz, db) => {
		expect(Math.abs(referenceCurve([hz])[0] - db)).toBeLessThan(1e-12);
	});

	it('is continuous at its corners and never rises above 1 kHz', () => {
		for (const corner of [100, 1000]) {
			const [below, above] = referenceCurve([corner * 0.999999, corner * 1.000001]);
			expect(Math.abs(below - above)).toBeLessThan(1e-5);
		}
		const high = referenceCurve([1000, 1250, 2500, 5000, 10000, 20000]);
		for (let i = 1; i < high.length; i++) expect(high[i]).toBeLessThan(high[i - 1]);
	});

	it('rejects a frequency that is not positive', () => {
		expect(() => referenceCurve([0])).toThrow(RangeError);
		expect(() => referenceCurve([Number.NaN])).toThrow(RangeError);
	});
});

describe('referenceCurve against measured spectra (third-octave band power)', () => {
	const { left, right } = renderNoise({
		color: 'pink',
		seed: 4,
		seconds: 30,
		sampleRate,
		rmsDbfs: -20
	});
	const pink = thirdOctaveSpectrum({ channels: [left, right], sampleRate });

	it('matches the shape of pink noise within ±0.5 dB from 100 Hz to 1 kHz', () => {
		const d = deviations(pink, 100, 1000);
		const m = mean(d);
		for (const x of d) expect(Math.abs(x - m)).toBeLessThanOrEqual(0.5);
	});

	it('falls 1.5 dB per octave below pink noise from 1 kHz to 16 kHz (±0.2 dB/octave)', () => {
		const d = deviations(pink, 1000, 16000);
		const slope = (d[d.length - 1] - d[0]) / 4;
		expect(Math.abs(slope - 1.5)).toBeLessThanOrEqual(0.2);
	});

	it('is what noise shaped to the curve measures: ±0.2 dB from 125 Hz, ±1 dB below', () => {
		const x = referenceNoise(1 << 20);
		const bands = thirdOctaveSpectrum({ channels: [x], sampleRate }).filter(
			(b) => b.nominal >= 31.5 && b.nominal <= 16000
		);
		const { referenceDb } = alignReference(bands.map((b) => ({ hz: b.centre, db: b.db })));
		// The analyser's 2.7 Hz bins put only 3–9 bins in each band below 125 Hz, so a band's power
		// there depends on how many bins it happens to hold (up to about ±0.7 dB).
		bands.forEach((b, i) =>
			expect(Math.abs((b.db as number) - referenceDb[i]), `${b.nominal} Hz`).toBeLessThanOrEqual(
				b.nominal >= 125 ? 0.2 : 1
			)
		);
	});
});

describe('alignReference', () => {
	const hz = [31.5, 63, 100, 250, 1000, 2500, 5000, 10000];
	const curve = referenceCurve(hz);

	it('finds the offset of a spectrum that is the curve plus a constant', () => {
		const spectrum = hz.map((f, i) => ({ hz: f, db: curve[i] - 7.25 }));
		const { offsetDb, referenceDb } = alignReference(spectrum);
		expect(Math.abs((offsetDb as number) + 7.25)).toBeLessThan(1e-12);
		referenceDb.forEach((db, i) => expect(Math.abs(db - spectrum[i].db)).toBeLessThan(1e-12));
	});

	it('fits only 100 Hz – 5 kHz, by least squares (the mean difference there)', () => {
		// +10 dB at 31.5 and 63 Hz (outside) is ignored; +2 and −1 dB on two of the five bands inside
		// move the offset by (2 − 1) / 5 dB.
		const bumps = [10, 10, 2, 0, 0, -1, 0, 0];
		const spectrum = hz.map((f, i) => ({ hz: f, db: curve[i] + bumps[i] }));
		expect(Math.abs((alignReference(spectrum).offsetDb as number) - 0.2)).toBeLessThan(1e-12);
		// A wider range counts them: (10 + 10 + 2 − 1) / 8.
		const wide = alignReference(spectrum, { fromHz: 20, toHz: 20000 }).offsetDb as number;
		expect(Math.abs(wide - 21 / 8)).toBeLessThan(1e-12);
	});

	it('skips empty bands and gives a null offset when nothing is in range', () => {
		const spectrum = hz.map((f, i) => ({ hz: f, db: f === 250 ? null : curve[i] + 3 }));
		expect(Math.abs((alignReference(spectrum).offsetDb as number) - 3)).toBeLessThan(1e-12);
		const silent = alignReference(hz.map((f) => ({ hz: f, db: null })));
		expect(silent.offsetDb).toBeNull();
		expect(silent.referenceDb).toEqual(curve);
	});
});
