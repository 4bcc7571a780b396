import { describe, expect, it } from 'vitest';
import {
	BiquadFilter,
	BUTTERWORTH_Q,
	designBiquad,
	filterChannels,
	highpassCoefficients,
	highShelfCoefficients,
	lowpassCoefficients,
	lowShelfCoefficients,
	magnitudeDb,
	peakingCoefficients,
	type BiquadCoefficients,
	type BiquadType
} from './biquad';
import { sineAmplitude } from '../test-signals';

/** 24 log-spaced test frequencies from 20 Hz to 20 kHz. */
const FREQUENCIES = Array.from({ length: 24 }, (_, i) => 20 * Math.pow(1000, i / 23));

/**
 * Independent reference: the cookbook's analog prototypes H(s), evaluated on the bilinear transform's
 * frequency map s = j·tan(ω/2)/tan(ω0/2). The digital coefficients are exactly this bilinear transform
 * (prewarped at f0), so the two must agree to rounding error. Nothing here reuses the coefficient code.
 */
function prototypeDb({
	type,
	f0,
	gainDb,
	q,
	slope,
	frequency,
	sampleRate
}: {
	type: BiquadType;
	f0: number;
	gainDb: number;
	q?: number;
	slope?: number;
	frequency: number;
	sampleRate: number;
}): number {
	const A = Math.pow(10, gainDb / 40);
	const w = Math.tan((Math.PI * frequency) / sampleRate) / Math.tan((Math.PI * f0) / sampleRate);
	// Complex numbers as [re, im]; s = jw.
	const poly = (c2: number, c1: number, c0: number) => [c0 - c2 * w * w, c1 * w];
	let num: number[];
	let den: number[];
	let scale = 1;
	const invQ = q !== undefined ? 1 / q : Math.sqrt((A + 1 / A) * (1 / (slope ?? 1) - 1) + 2);
	switch (type) {
		case 'peaking':
			num = poly(1, A * invQ, 1);
			den = poly(1, invQ / A, 1);
			break;
		case 'lowshelf':
			scale = A;
			num = poly(1, Math.sqrt(A) * invQ, A);
			den = poly(A, Math.sqrt(A) * invQ, 1);
			break;
		case 'highshelf':
			scale = A;
			num = poly(A, Math.sqrt(A) * invQ, 1);
			den = poly(1, Math.sqrt(A) * invQ, A);
			break;
		case 'lowpass':
			num = poly(0, 0, 1);
			den = poly(1, invQ, 1);
			break;
		case 'highpass':
			num = poly(1, 0, 0);
			den = poly(1, invQ, 1);
			break;
	}
	const mag2 = (scale * scale * (num[0] ** 2 + num[1] ** 2)) / (den[0] ** 2 + den[1] ** 2);
	return 10 * Math.log10(mag2);
}

/** Samples until the slowest pole has decayed by `decayDb` (poles of z² + a1 z + a2). */
function settleSamples(c: BiquadCoefficients, decayDb = 140): number {
	const disc = c.a1 * c.a1 - 4 * c.a2;
	const radius =
		disc < 0
			? Math.sqrt(c.a2)
			: Math.max(Math.abs((-c.a1 + Math.sqrt(disc)) / 2), Math.abs((-c.a1 - Math.sqrt(disc)) / 2));
	return Math.ceil(-decayDb / (20 * Math.log10(radius)));
}

interface Setting {
	type: BiquadType;
	f0: number;
	gainDb: number;
	q?: number;
	slope?: number;
}

function coefficientsFor(s: Setting, sampleRate: number): BiquadCoefficients {
	const { type, f0: frequency, gainDb, q, slope } = s;
	switch (type) {
		case 'peaking':
			return peakingCoefficients({ sampleRate, frequency, gainDb, q: q ?? 1 });
		case 'lowshelf':
			return lowShelfCoefficients({ sampleRate, frequency, gainDb, q, slope });
		case 'highshelf':
			return highShelfCoefficients({ sampleRate, frequency, gainDb, q, slope });
		case 'lowpass':
			return lowpassCoefficients({ sampleRate, frequency, q });
		case 'highpass':
			return highpassCoefficients({ sampleRate, frequency, q });
	}
}

const F0S = [30, 100, 440, 1000, 4000, 12000, 18000];
const GAINS = [-15, -6, -1, 3, 9, 15];
const QS = [0.3, BUTTERWORTH_Q, 1.41, 4.32, 10];

function sweep(): Setting[] {
	const settings: Setting[] = [];
	for (const f0 of F0S) {
		for (const q of QS) {
			for (const gainDb of GAINS) settings.push({ type: 'peaking', f0, gainDb, q });
			settings.push({ type: 'lowpass', f0, gainDb: 0, q });
			settings.push({ type: 'highpass', f0, gainDb: 0, q });
		}
		for (const gainDb of GAINS) {
			for (const type of ['lowshelf', 'highshelf'] as const) {
				for (const slope of [0.5, 1]) settings.push({ type, f0, gainDb, slope });
				for (const q of [0.5, BUTTERWORTH_Q, 2]) settings.push({ type, f0, gainDb, q });
			}
		}
	}
	return settings;
}

describe('biquad closed form', () => {
	it.each([44100, 48000])(
		'matches the analog prototypes through the bilinear map at %i Hz (±0.01 dB, 24 frequencies)',
		(sampleRate) => {
			let worst = 0;
			let count = 0;
			for (const s of sweep()) {
				const c = coefficientsFor(s, sampleRate);
				for (const frequency of FREQUENCIES) {
					if (frequency >= sampleRate / 2) continue;
					const expected = prototypeDb({ ...s, frequency, sampleRate });
					const actual = magnitudeDb({ coefficients: c, frequency, sampleRate });
					worst = Math.max(worst, Math.abs(actual - expected));
					count++;
				}
			}
			expect(count).toBeGreaterThan(8000);
			expect(worst).toBeLessThan(0.01);
			// The match is really to rounding error; a formula slip would show up far above this.
			expect(worst).toBeLessThan(1e-6);
		}
	);

	it.each([
		['peaking', 1000, 6, 2],
		['peaking', 100, -12, 0.7],
		['peaking', 8000, 3, 4.32]
	] as const)('%s at %i Hz has exactly its gain at f0', (type, f0, gainDb, q) => {
		const c = designBiquad({ type, frequency: f0, gainDb, q }, 48000);
		expect(magnitudeDb({ coefficients: c, frequency: f0, sampleRate: 48000 })).toBeCloseTo(
			gainDb,
			9
		);
	});

	it.each([
		['lowshelf', 200, 6],
		['highshelf', 5000, -9]
	] as const)(
		'%s (S = 1) passes half its gain at f0 and full gain far away',
		(type, f0, gainDb) => {
			const c = designBiquad({ type, frequency: f0, gainDb }, 48000);
			expect(magnitudeDb({ coefficients: c, frequency: f0, sampleRate: 48000 })).toBeCloseTo(
				gainDb / 2,
				6
			);
			const far = type === 'lowshelf' ? 5 : 23000;
			expect(
				Math.abs(magnitudeDb({ coefficients: c, frequency: far, sampleRate: 48000 }) - gainDb)
			).toBeLessThan(0.05);
		}
	);

	it.each(['lowpass', 'highpass'] as const)('Butterworth %s is −3.01 dB at f0', (type) => {
		const c = designBiquad({ type, frequency: 1000 }, 44100);
		expect(magnitudeDb({ coefficients: c, frequency: 1000, sampleRate: 44100 })).toBeCloseTo(
			-3.0103,
			3
		);
	});

	it('rejects frequencies outside (0, Nyquist) and non-positive Q', () => {
		expect(() =>
			peakingCoefficients({ sampleRate: 48000, frequency: 24000, gainDb: 3, q: 1 })
		).toThrow(RangeError);
		expect(() => lowpassCoefficients({ sampleRate: 48000, frequency: 1000, q: 0 })).toThrow(
			RangeError
		);
	});
});

/** A smaller sweep for rendering (each setting renders 20 sines). */
function renderSweep(): Setting[] {
	const settings: Setting[] = [];
	for (const f0 of [60, 1000, 9000]) {
		for (const q of [0.5, 2, 6]) {
			for (const gainDb of [-12, 6]) settings.push({ type: 'peaking', f0, gainDb, q });
			settings.push({ type: 'lowpass', f0, gainDb: 0, q });
			settings.push({ type: 'highpass', f0, gainDb: 0, q });
		}
		for (const gainDb of [-9, 12]) {
			settings.push({ type: 'lowshelf', f0, gainDb });
			settings.push({ type: 'highshelf', f0, gainDb, q: 1.2 });
		}
	}
	return settings;
}

/** 20 log-spaced frequencies from 25 Hz to 19 kHz. */
const RENDER_FREQUENCIES = Array.from({ length: 20 }, (_, i) => 25 * Math.pow(760, i / 19));
/**
 * Below this response the float32 rounding noise of the input (about −150 dB re the test tone, but
 * passed at full gain by the filter) starts to bias the measurement; such points are skipped.
 */
const RENDER_FLOOR_DB = -70;
const IMPULSE_FLOOR_DB = -50;

describe('BiquadFilter rendering', () => {
	it('steady-state sine amplitude matches magnitudeDb within 0.01 dB over the sweep', () => {
		const sampleRate = 48000;
		let worst = 0;
		let measured = 0;
		for (const s of renderSweep()) {
			const c = coefficientsFor(s, sampleRate);
			const settle = settleSamples(c);
			const filter = new BiquadFilter({ coefficients: c, channelCount: 1 });
			for (const frequency of RENDER_FREQUENCIES) {
				const expectedDb = magnitudeDb({ coefficients: c, frequency, sampleRate });
				if (expectedDb < RENDER_FLOOR_DB) continue;
				// Measure over at least 20 cycles (and 2048 samples) after the transient has died out.
				const window = Math.max(2048, Math.ceil((20 * sampleRate) / frequency));
				const x = new Float32Array(settle + window);
				const w = (2 * Math.PI * frequency) / sampleRate;
				for (let n = 0; n < x.length; n++) x[n] = 0.5 * Math.sin(w * n);
				filter.reset();
				filter.process([x]);
				const gainDb =
					20 * Math.log10(sineAmplitude({ signal: x, frequency, sampleRate, start: settle }) / 0.5);
				worst = Math.max(worst, Math.abs(gainDb - expectedDb));
				measured++;
			}
		}
		expect(measured).toBeGreaterThan(20 * 30);
		expect(worst).toBeLessThan(0.01);
	});

	it('impulse response spectrum (direct DTFT) matches magnitudeDb within 0.01 dB', () => {
		const sampleRate = 44100;
		let worst = 0;
		for (const s of renderSweep()) {
			const c = coefficientsFor(s, sampleRate);
			const length = settleSamples(c) + 1;
			const impulse = new Float32Array(length);
			impulse[0] = 1;
			const [h] = filterChannels({ channels: [impulse], coefficients: c });
			for (const frequency of RENDER_FREQUENCIES) {
				const expectedDb = magnitudeDb({ coefficients: c, frequency, sampleRate });
				// The float32 impulse response rounds every tap; deep in a stop band the DTFT sums
				// thousands of cancelling taps and that rounding reaches 0.02 dB at −64 dB.
				if (expectedDb < IMPULSE_FLOOR_DB) continue;
				const w = (2 * Math.PI * frequency) / sampleRate;
				let re = 0;
				let im = 0;
				for (let n = 0; n < length; n++) {
					re += h[n] * Math.cos(w * n);
					im -= h[n] * Math.sin(w * n);
				}
				worst = Math.max(worst, Math.abs(10 * Math.log10(re * re + im * im) - expectedDb));
			}
		}
		expect(worst).toBeLessThan(0.01);
	});

	it('keeps per-channel state across blocks: block-wise equals one pass', () => {
		const c = peakingCoefficients({ sampleRate: 48000, frequency: 300, gainDb: 9, q: 3 });
		const left = Float32Array.from({ length: 4000 }, (_, n) => Math.sin(n * 0.05));
		const right = Float32Array.from({ length: 4000 }, (_, n) => (n % 100 < 50 ? 0.3 : -0.3));
		const whole = filterChannels({ channels: [left, right], coefficients: c });
		const filter = new BiquadFilter({ coefficients: c, channelCount: 2 });
		const l2 = left.slice();
		const r2 = right.slice();
		for (let start = 0; start < 4000; start += 1000) {
			filter.process([l2.subarray(start, start + 1000), r2.subarray(start, start + 1000)]);
		}
		let diff = 0;
		for (let n = 0; n < 4000; n++) {
			diff = Math.max(diff, Math.abs(l2[n] - whole[0][n]), Math.abs(r2[n] - whole[1][n]));
		}
		expect(diff).toBeLessThan(1e-6);
		// Each channel has its own state: filtering the right one alone gives the same result.
		const [rightAlone] = filterChannels({ channels: [right], coefficients: c });
		let crossTalk = 0;
		for (let n = 0; n < 4000; n++)
			crossTalk = Math.max(crossTalk, Math.abs(rightAlone[n] - whole[1][n]));
		expect(crossTalk).toBeLessThan(1e-6);
	});

	it('a cascade of two stages equals the sum of their responses in dB', () => {
		const sampleRate = 48000;
		const stages = [
			highpassCoefficients({ sampleRate, frequency: 200 }),
			peakingCoefficients({ sampleRate, frequency: 3000, gainDb: 6, q: 1 })
		];
		const filter = new BiquadFilter({ coefficients: stages, channelCount: 1 });
		for (const frequency of [100, 400, 3000, 10000]) {
			const settle = Math.max(...stages.map((c) => settleSamples(c)));
			const x = Float32Array.from(
				{ length: settle + 4096 },
				(_, n) => 0.25 * Math.sin((2 * Math.PI * frequency * n) / sampleRate)
			);
			filter.reset();
			filter.process([x]);
			const gainDb =
				20 * Math.log10(sineAmplitude({ signal: x, frequency, sampleRate, start: settle }) / 0.25);
			const expected = magnitudeDb({ coefficients: stages, frequency, sampleRate });
			expect(Math.abs(gainDb - expected)).toBeLessThan(0.01);
		}
	});
});
