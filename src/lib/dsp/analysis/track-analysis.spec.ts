import { describe, expect, it } from 'vitest';
import { renderNoise } from '../synth/noise';
import { sineWave } from '../test-signals';
import { dbToGain } from '../units';
import { referenceCurve } from './reference-curve';
import { thirdOctaveSpectrum } from './spectrum';
import {
	analyzeTrack,
	DEFAULT_GRAPH_POINTS,
	longTermSpectrum,
	SPECTRUM_FRAMES_PER_CHANNEL
} from './track-analysis';

/** A stereo (or mono) 1 kHz sine whose samples peak at `peakDbfs` (EBU Tech 3341 case 1 style). */
function sineTrack({
	peakDbfs = -23,
	seconds = 20,
	sampleRate = 48000,
	invert = false,
	mono = false
}: {
	peakDbfs?: number;
	seconds?: number;
	sampleRate?: number;
	invert?: boolean;
	mono?: boolean;
} = {}) {
	const left = sineWave({
		peak: dbToGain(peakDbfs),
		frequency: 1000,
		sampleRate,
		length: Math.round(seconds * sampleRate)
	});
	if (mono) return { channels: [left], sampleRate };
	return { channels: [left, invert ? left.map((v) => -v) : left.slice()], sampleRate };
}

/** EBU Tech 3341 tolerances: ±0.1 LU for M, S and I; true peak +0.2 / −0.4 dB. */
const expectLufs = (actual: number | null, expected: number) =>
	expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(0.1);

describe('analyzeTrack: the stereo 1 kHz sine at −23 dBFS (Tech 3341 case 1)', () => {
	it.each([44100, 48000])('reads −23.0 LUFS, −23 dBTP, PLR ≈ 0 and r = +1 at %i Hz', (rate) => {
		const a = analyzeTrack(sineTrack({ sampleRate: rate }));
		expect(a.durationS).toBeCloseTo(20, 9);
		expect(a.sampleRate).toBe(rate);
		expect(a.channels).toBe(2);
		expectLufs(a.integratedLufs, -23);
		expectLufs(a.maxMomentaryLufs, -23);
		expectLufs(a.maxShortTermLufs, -23);
		// A steady tone has no loudness range (Tech 3342 tolerance ±1 LU).
		expect(Math.abs(a.lraLu as number)).toBeLessThanOrEqual(1);
		expect(a.truePeakDbtp as number).toBeLessThanOrEqual(-23 + 0.2);
		expect(a.truePeakDbtp as number).toBeGreaterThanOrEqual(-23 - 0.4);
		expect(Math.abs((a.samplePeakDbfs as number) + 23)).toBeLessThan(0.05);
		expect(Math.abs(a.plrDb as number)).toBeLessThan(0.15);
		expect(Math.abs((a.correlation as number) - 1)).toBeLessThan(1e-6);
		expect(a.negativeCorrelationShare).toBe(0);
	});

	it('puts the tone in the 1 kHz band, the loudest (0 dB), with the neighbours far below', () => {
		const a = analyzeTrack(sineTrack());
		const band = (hz: number) => a.spectrum.find((b) => b.hz === hz)!.db as number;
		expect(band(1000)).toBe(0);
		expect(band(800)).toBeLessThan(-60);
		expect(band(1250)).toBeLessThan(-60);
	});

	it('reads r = −1 and a negative share of 1 when the right channel is inverted', () => {
		const a = analyzeTrack(sineTrack({ invert: true }));
		expect(Math.abs((a.correlation as number) + 1)).toBeLessThan(1e-6);
		expect(a.negativeCorrelationShare).toBe(1);
		// BS.1770 sums channel powers: polarity does not change the loudness.
		expectLufs(a.integratedLufs, -23);
	});

	it('reads a mono file as one channel (no +3 dB) with no correlation', () => {
		const a = analyzeTrack(sineTrack({ mono: true }));
		expect(a.channels).toBe(1);
		expectLufs(a.integratedLufs, -26.01);
		expect(a.correlation).toBeNull();
		expect(a.negativeCorrelationShare).toBeNull();
	});
});

describe('analyzeTrack: short-term graph', () => {
	const track = sineTrack({ seconds: 60, sampleRate: 8000 });

	it.each([1, 2, 10, 100, DEFAULT_GRAPH_POINTS, 10_000])(
		'gives at most %i evenly spaced points',
		(graphPoints) => {
			const { shortTerm } = analyzeTrack(track, { graphPoints });
			// 100 ms steps from the first full 3 s window (t = 3 s) to t = 60 s: 571 readings in all.
			expect(shortTerm.length).toBe(Math.min(graphPoints, 571));
			expect(shortTerm[shortTerm.length - 1][0]).toBeCloseTo(60, 6);
			if (shortTerm.length >= 2) {
				expect(shortTerm[0][0]).toBeCloseTo(3, 6);
				const step = (60 - 3) / (shortTerm.length - 1);
				shortTerm.forEach(([t], i) =>
					expect(Math.abs(t - (3 + i * step))).toBeLessThanOrEqual(0.05)
				);
			}
			for (const [, lufs] of shortTerm) expectLufs(lufs, -23);
		}
	);

	it('defaults to at most DEFAULT_GRAPH_POINTS points', () => {
		expect(analyzeTrack(track).shortTerm).toHaveLength(DEFAULT_GRAPH_POINTS);
	});

	it('is empty for a track shorter than the 3 s window, which still has an integrated loudness', () => {
		const a = analyzeTrack(sineTrack({ seconds: 1 }));
		expect(a.shortTerm).toEqual([]);
		expect(a.maxShortTermLufs).toBeNull();
		expect(a.lraLu).toBeNull();
		expectLufs(a.integratedLufs, -23);
	});
});

describe('analyzeTrack: progress and edge cases', () => {
	it('reports a handful of increasing fractions ending at 1', () => {
		const fractions: number[] = [];
		analyzeTrack(sineTrack({ seconds: 5 }), { onProgress: (f) => fractions.push(f) });
		expect(fractions.length).toBeGreaterThanOrEqual(4);
		expect(fractions.length).toBeLessThanOrEqual(10);
		fractions.forEach((f, i) => {
			expect(f).toBeGreaterThan(i === 0 ? 0 : fractions[i - 1]);
			expect(f).toBeLessThanOrEqual(1);
		});
		expect(fractions[fractions.length - 1]).toBe(1);
	});

	it('gives nulls, not −Infinity or NaN, for digital silence', () => {
		const silent = [new Float32Array(5 * 48000), new Float32Array(5 * 48000)];
		const a = analyzeTrack({ channels: silent, sampleRate: 48000 });
		for (const key of [
			'integratedLufs',
			'lraLu',
			'truePeakDbtp',
			'samplePeakDbfs',
			'plrDb',
			'maxShortTermLufs',
			'maxMomentaryLufs',
			'correlation',
			'negativeCorrelationShare'
		] as const) {
			expect(a[key], key).toBeNull();
		}
		expect(a.spectrum.every((b) => b.db === null && Number.isFinite(b.referenceDb))).toBe(true);
		expect(a.shortTerm.every(([, v]) => v === null)).toBe(true);
	});

	it('leaves bands above Nyquist empty', () => {
		const a = analyzeTrack({
			channels: sineTrack({ seconds: 4, sampleRate: 22050 }).channels,
			sampleRate: 22050
		});
		expect(a.spectrum.find((b) => b.hz === 12500)!.db).toBeNull();
		expect(a.spectrum.find((b) => b.hz === 1000)!.db).toBe(0);
	});

	it('rejects a track without channels, unequal channels and a bad graphPoints', () => {
		expect(() => analyzeTrack({ channels: [], sampleRate: 48000 })).toThrow(RangeError);
		expect(() =>
			analyzeTrack({ channels: [new Float32Array(10), new Float32Array(11)], sampleRate: 48000 })
		).toThrow(RangeError);
		expect(() => analyzeTrack(sineTrack({ seconds: 1 }), { graphPoints: 0 })).toThrow(RangeError);
	});
});

describe('analyzeTrack: spectrum against the reference curve', () => {
	const sampleRate = 44100;
	const pink = renderNoise({ color: 'pink', seed: 3, seconds: 60, sampleRate, rmsDbfs: -20 });
	const a = analyzeTrack({ channels: [pink.left, pink.right], sampleRate });

	it('covers the 29 bands from 25 Hz to 16 kHz, relative to the loudest band', () => {
		expect(a.spectrum.map((b) => b.hz)).toEqual([
			25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600,
			2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000
		]);
		expect(Math.max(...a.spectrum.map((b) => b.db as number))).toBe(0);
	});

	it('reads pink noise flat (±0.5 dB) where the reference is flat, 100 Hz – 1 kHz', () => {
		const flat = a.spectrum.filter((b) => b.hz >= 100 && b.hz <= 1000);
		const deviations = flat.map((b) => (b.db as number) - b.referenceDb);
		const mean = deviations.reduce((s, d) => s + d, 0) / deviations.length;
		for (const d of deviations) expect(Math.abs(d - mean)).toBeLessThanOrEqual(0.5);
	});

	it('reads pink noise about 1.5 dB per octave brighter than the reference above 1 kHz', () => {
		const at = (hz: number) => {
			const band = a.spectrum.find((b) => b.hz === hz)!;
			return (band.db as number) - band.referenceDb;
		};
		const slope = (at(8000) - at(1000)) / 3;
		expect(Math.abs(slope - 1.5)).toBeLessThanOrEqual(0.2);
	});

	it('aligns the reference by least squares over 100 Hz – 5 kHz (mean deviation 0 there)', () => {
		const aligned = a.spectrum.filter((b) => b.hz >= 100 && b.hz <= 5000);
		const mean = aligned.reduce((s, b) => s + (b.db as number) - b.referenceDb, 0) / aligned.length;
		expect(Math.abs(mean)).toBeLessThan(1e-9);
		// …and keeps the curve's shape: a constant offset from referenceCurve.
		const curve = referenceCurve(a.spectrum.map((b) => b.hz));
		const offset = a.spectrum[0].referenceDb - curve[0];
		a.spectrum.forEach((b, i) =>
			expect(Math.abs(b.referenceDb - curve[i] - offset)).toBeLessThan(1e-9)
		);
	});
});

describe('longTermSpectrum: a subset of Welch frames', () => {
	const sampleRate = 44100;
	const bandsFrom40To12k5 = (bands: ReturnType<typeof thirdOctaveSpectrum>) =>
		bands.filter((b) => b.nominal >= 40 && b.nominal <= 12500);

	it('stays within 0.5 dB of the full average on pink noise with a thump every 0.5 s', () => {
		const { left, right } = renderNoise({
			color: 'pink',
			seed: 11,
			seconds: 60,
			sampleRate,
			rmsDbfs: -24
		});
		for (let start = 0; start < left.length - 4000; start += sampleRate / 2) {
			for (let i = 0; i < 4000; i++) {
				const thump = 0.4 * Math.exp(-i / 600) * Math.sin((2 * Math.PI * 60 * i) / sampleRate);
				left[start + i] += thump;
				right[start + i] += thump;
			}
		}
		const channels = [left, right];
		const full = bandsFrom40To12k5(thirdOctaveSpectrum({ channels, sampleRate }));
		const subset = bandsFrom40To12k5(longTermSpectrum({ channels, sampleRate }));
		full.forEach((band, i) =>
			expect(
				Math.abs((band.db as number) - (subset[i].db as number)),
				`${band.nominal} Hz`
			).toBeLessThanOrEqual(0.5)
		);
	});

	it('does not lock onto a pattern that repeats exactly once per stretch', () => {
		// 4 minutes, one 50 ms 1 kHz burst per stretch of the track: frames taken at the same place in
		// every stretch would all miss it (or all catch it); the spread offsets catch it about as often
		// as the full average does.
		const frames = 240 * sampleRate;
		const size = 16384;
		const stride = (frames - size) / SPECTRUM_FRAMES_PER_CHANNEL;
		const x = new Float32Array(frames);
		const burst = Math.round(0.05 * sampleRate);
		for (let j = 0; j < SPECTRUM_FRAMES_PER_CHANNEL; j++) {
			const start = Math.floor(j * stride + 0.7 * stride);
			for (let i = 0; i < burst && start + i < frames; i++) {
				x[start + i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / sampleRate);
			}
		}
		const at1k = (bands: ReturnType<typeof thirdOctaveSpectrum>) =>
			bands.find((b) => b.nominal === 1000)!.db as number;
		const full = at1k(thirdOctaveSpectrum({ channels: [x], sampleRate }));
		const subset = at1k(longTermSpectrum({ channels: [x], sampleRate }));
		expect(Math.abs(full - subset)).toBeLessThanOrEqual(1);
	});

	it('uses the full average for a short track', () => {
		const { left } = renderNoise({
			color: 'white',
			seed: 2,
			seconds: 10,
			sampleRate,
			rmsDbfs: -20
		});
		expect(longTermSpectrum({ channels: [left], sampleRate })).toEqual(
			thirdOctaveSpectrum({ channels: [left], sampleRate })
		);
	});
});
