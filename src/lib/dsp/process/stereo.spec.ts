import { describe, expect, it } from 'vitest';
import { db, sineAmplitude, sineWave } from '../test-signals';
import { applyGain, delayChannel, invertPolarity, monoFold, setWidth } from './stereo';

const sampleRate = 48000;
const sine = (peak: number, frequency: number, length = 9600) =>
	sineWave({ peak, frequency, sampleRate, length });

describe('applyGain', () => {
	it.each([-24, -6, 0, 3.5, 12])('changes the level by %s dB (±0.001 dB)', (gainDb) => {
		const left = sine(0.25, 440);
		const right = sine(0.1, 3000);
		applyGain({ channels: [left, right], gainDb });
		expect(db(sineAmplitude({ signal: left, frequency: 440, sampleRate }) / 0.25)).toBeCloseTo(
			gainDb,
			3
		);
		expect(db(sineAmplitude({ signal: right, frequency: 3000, sampleRate }) / 0.1)).toBeCloseTo(
			gainDb,
			3
		);
	});
});

describe('setWidth', () => {
	// Left carries 500 Hz, right carries 1300 Hz: M and S both hold half of each tone.
	it.each([0, 0.5, 1, 1.5, 2])('scales the side by %s and keeps the mid', (width) => {
		const left = sine(0.4, 500);
		const right = sine(0.4, 1300);
		const out = [new Float32Array(left.length), new Float32Array(left.length)];
		setWidth({ channels: [left, right], width, output: out });
		const mid = out[0].map((l, i) => 0.5 * (l + out[1][i]));
		const side = out[0].map((l, i) => 0.5 * (l - out[1][i]));
		for (const f of [500, 1300]) {
			expect(sineAmplitude({ signal: mid, frequency: f, sampleRate })).toBeCloseTo(0.2, 5);
			expect(sineAmplitude({ signal: side, frequency: f, sampleRate })).toBeCloseTo(0.2 * width, 5);
		}
		if (width === 1) {
			for (let i = 0; i < left.length; i++)
				expect(Math.abs(out[0][i] - left[i])).toBeLessThan(1e-6);
		}
	});
});

describe('monoFold', () => {
	it('keeps a centred source, halves a hard-panned one and cancels opposite polarity', () => {
		const centred = sine(0.5, 700);
		const hardLeft = sine(0.5, 2100);
		const antiphase = sine(0.5, 4100);
		const left = centred.map((v, i) => v + hardLeft[i] + antiphase[i]);
		const right = centred.map((v, i) => v - antiphase[i]);
		monoFold({ channels: [left, right] });
		for (const channel of [left, right]) {
			expect(db(sineAmplitude({ signal: channel, frequency: 700, sampleRate }) / 0.5)).toBeCloseTo(
				0,
				3
			);
			expect(db(sineAmplitude({ signal: channel, frequency: 2100, sampleRate }) / 0.5)).toBeCloseTo(
				-6.0206,
				3
			);
			expect(
				db(sineAmplitude({ signal: channel, frequency: 4100, sampleRate }) / 0.5)
			).toBeLessThan(-120);
		}
		for (let i = 0; i < left.length; i++) expect(Math.abs(left[i] - right[i])).toBeLessThan(1e-9);
	});
});

describe('invertPolarity', () => {
	it('flips only the chosen channels, so identical channels then cancel in mono', () => {
		const left = sine(0.5, 1000);
		const right = left.slice();
		invertPolarity({ channels: [left, right], invert: [false, true] });
		expect(sineAmplitude({ signal: left, frequency: 1000, sampleRate })).toBeCloseTo(0.5, 5);
		for (let i = 0; i < left.length; i++) expect(Math.abs(right[i] + left[i])).toBeLessThan(1e-9);
		monoFold({ channels: [left, right] });
		expect(Math.max(...left.map(Math.abs))).toBeLessThan(1e-9);
	});
});

describe('delayChannel', () => {
	it.each([0.25, 0.5, 1, 2.5])(
		'%s ms then mono fold gives the comb |cos(π f τ)| (±0.01 dB above −30 dB)',
		(delayMs) => {
			let checked = 0;
			for (const frequency of [100, 250, 400, 700, 1100, 1700, 2900, 4500, 7000, 11000]) {
				const left = sine(0.5, frequency);
				const right = left.slice();
				const { delaySamples } = delayChannel({
					channels: [left, right],
					sampleRate,
					delayMs,
					channel: 1
				});
				expect(delaySamples).toBe(Math.round((delayMs * sampleRate) / 1000));
				monoFold({ channels: [left, right] });
				const tau = delaySamples / sampleRate;
				const expectedDb = db(Math.abs(Math.cos(Math.PI * frequency * tau)));
				if (expectedDb < -30) continue;
				const measuredDb = db(
					sineAmplitude({ signal: left, frequency, sampleRate, start: delaySamples }) / 0.5
				);
				expect(Math.abs(measuredDb - expectedDb), `${frequency} Hz`).toBeLessThan(0.01);
				checked++;
			}
			expect(checked).toBeGreaterThan(5);
		}
	);

	it('shifts the chosen channel later by whole samples and leaves the other alone', () => {
		const left = Float32Array.from({ length: 100 }, (_, i) => i + 1);
		const right = left.slice();
		const outLeft = new Float32Array(100);
		const outRight = new Float32Array(100);
		const { delaySamples } = delayChannel({
			channels: [left, right],
			sampleRate: 44100,
			delayMs: 0.2,
			channel: 0,
			output: [outLeft, outRight]
		});
		expect(delaySamples).toBe(9);
		expect(Array.from(outLeft.subarray(0, 10))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
		expect(outRight).toEqual(right);
		expect(left[0]).toBe(1);
	});
});
