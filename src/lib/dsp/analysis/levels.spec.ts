import { describe, expect, it } from 'vitest';
import {
	correlationSeries,
	crestFactor,
	peakToLoudness,
	rmsLevel,
	samplePeak,
	stereoCorrelation
} from './levels';
import { lcgNoise as noise, sineWave } from '../test-signals';

const sampleRate = 48000;

function sine(amplitude: number, seconds: number, frequency = 1000): Float32Array {
	const length = Math.round(seconds * sampleRate);
	return sineWave({ peak: amplitude, frequency, sampleRate, length });
}

describe('samplePeak, rmsLevel, crestFactor', () => {
	it('reads a full-scale sine as 0 dBFS peak, −3.01 dBFS RMS, crest 3.01 dB', () => {
		const channels = [sine(1, 1)];
		expect(Math.abs(samplePeak({ channels }).dbfs as number)).toBeLessThan(0.01);
		expect(Math.abs((rmsLevel({ channels }).dbfs as number) + 3.0103)).toBeLessThan(0.01);
		expect(Math.abs((crestFactor({ channels }) as number) - 3.0103)).toBeLessThan(0.01);
	});

	it('reads a −20 dBFS square wave with crest factor 0 dB', () => {
		const x = sine(1, 1, 100).map((v) => (v >= 0 ? 0.1 : -0.1));
		expect(Math.abs((rmsLevel({ channels: [x] }).dbfs as number) + 20)).toBeLessThan(0.01);
		expect(Math.abs(crestFactor({ channels: [x] }) as number)).toBeLessThan(0.01);
	});

	it('returns null rather than −Infinity for silence', () => {
		const channels = [new Float32Array(100), new Float32Array(100)];
		expect(samplePeak({ channels }).dbfs).toBeNull();
		expect(rmsLevel({ channels }).dbfs).toBeNull();
		expect(crestFactor({ channels })).toBeNull();
		expect(rmsLevel({ channels: [] }).dbfs).toBeNull();
	});
});

describe('peakToLoudness', () => {
	it('gives PLR ≈ PSR ≈ 0 dB for a stereo −23 dBFS 1 kHz sine (true peak −23 dBTP, I −23 LUFS)', () => {
		const left = sine(Math.pow(10, -23 / 20), 10);
		const r = peakToLoudness({ channels: [left, left.slice()], sampleRate });
		expect(Math.abs(r.plr as number)).toBeLessThan(0.15);
		expect(Math.abs(r.psr as number)).toBeLessThan(0.15);
		expect(r.psrSeries).toHaveLength(71);
		for (const [, psr] of r.psrSeries) expect(Math.abs(psr as number)).toBeLessThan(0.15);
	});

	it('shows a high PSR where short bursts sit on a quiet bed', () => {
		// 10 ms full-scale clicks every second on a −40 dBFS tone: peaks far above the loudness.
		const left = sine(0.01, 6);
		for (let s = 0; s < 6; s++) left.fill(0.9, s * sampleRate, s * sampleRate + 480);
		const r = peakToLoudness({ channels: [left], sampleRate });
		expect(r.psr as number).toBeGreaterThan(12);
		expect(r.plr as number).toBeGreaterThan(12);
	});

	it('returns nulls for silence', () => {
		const r = peakToLoudness({ channels: [new Float32Array(4 * sampleRate)], sampleRate });
		expect(r.plr).toBeNull();
		expect(r.psr).toBeNull();
		expect(r.psrSeries.every(([, v]) => v === null)).toBe(true);
	});
});

describe('stereoCorrelation and correlationSeries', () => {
	const left = noise(sampleRate, 1);
	it.each([
		['identical', left.slice(), 1, 1e-9],
		['inverted', left.map((v) => -v), -1, 1e-9],
		['independent noise', noise(sampleRate, 99), 0, 0.03],
		['scaled copy', left.map((v) => 0.1 * v), 1, 1e-6]
	])('%s channels give r ≈ %d', (_label, right, expected, tolerance) => {
		const r = stereoCorrelation({ left, right: right as Float32Array });
		expect(Math.abs((r as number) - (expected as number))).toBeLessThanOrEqual(tolerance as number);
	});

	it('returns null when a channel is constant or silent', () => {
		expect(stereoCorrelation({ left, right: new Float32Array(left.length) })).toBeNull();
	});

	it('reports one value per 100 ms block, following a change of polarity', () => {
		const right = left.slice();
		for (let i = sampleRate / 2; i < right.length; i++) right[i] = -right[i];
		const series = correlationSeries({ left, right, sampleRate });
		expect(series).toHaveLength(10);
		expect(series[0][0]).toBeCloseTo(0.1, 9);
		expect(series[0][1]).toBeCloseTo(1, 6);
		expect(series[9][1]).toBeCloseTo(-1, 6);
	});
});
