import { describe, expect, it } from 'vitest';
import { oversamplingFactor, truePeak, truePeakOvers, TruePeakInterpolator } from './true-peak';

/** EBU Tech 3341 true-peak tolerance: +0.2 / −0.4 dB. */
function expectTruePeak(actual: number | null, expected: number) {
	expect(actual).not.toBeNull();
	expect(actual as number).toBeLessThanOrEqual(expected + 0.2);
	expect(actual as number).toBeGreaterThanOrEqual(expected - 0.4);
}

function sine({
	frequency,
	sampleRate,
	peakDbfs,
	phaseDegrees = 0,
	seconds = 0.5
}: {
	frequency: number;
	sampleRate: number;
	peakDbfs: number;
	phaseDegrees?: number;
	seconds?: number;
}): Float32Array {
	const amplitude = Math.pow(10, peakDbfs / 20);
	const out = new Float32Array(Math.round(seconds * sampleRate));
	const phase = (phaseDegrees * Math.PI) / 180;
	for (let i = 0; i < out.length; i++) {
		out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate + phase);
	}
	return out;
}

describe('oversamplingFactor', () => {
	it.each([
		[8000, 4],
		[44100, 4],
		[48000, 4],
		[88200, 4],
		[96000, 2],
		[176400, 1],
		[192000, 1]
	])('%i Hz → %i×', (sampleRate, factor) => expect(oversamplingFactor(sampleRate)).toBe(factor));
});

describe('truePeak: EBU Tech 3341 style fs/4 sines (48 kHz)', () => {
	it.each([0, 45, 60, 67.5, 88.2])(
		'a −6 dBFS-amplitude sine at fs/4, phase %s°, reads −6.0 dBTP',
		(phase) => {
			const channels = [
				sine({ frequency: 12000, sampleRate: 48000, peakDbfs: -6, phaseDegrees: phase })
			];
			expectTruePeak(truePeak({ channels, sampleRate: 48000 }).dbtp, -6);
		}
	);

	it('a 0 dBFS sample-peak sine at fs/4 and 45° has a true peak of +3.01 dBTP', () => {
		// Samples land at ±sin(45°)·A: scaling A to √2 puts them at ±1.0 while the wave peaks at √2.
		const x = sine({ frequency: 12000, sampleRate: 48000, peakDbfs: 3.0103, phaseDegrees: 45 });
		const samplePeak = x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
		expect(Math.abs(samplePeak - 1)).toBeLessThan(1e-6);
		expectTruePeak(truePeak({ channels: [x], sampleRate: 48000 }).dbtp, 3.01);
	});
});

describe('truePeak: sample-rate sweep and edge cases', () => {
	it.each([8000, 22050, 44100, 48000, 96000, 192000])(
		'a −1 dBFS 997 Hz sine at 30.3° reads −1.0 dBTP at %i Hz',
		(sampleRate) => {
			const channels = [sine({ frequency: 997, sampleRate, peakDbfs: -1, phaseDegrees: 30.3 })];
			expectTruePeak(truePeak({ channels, sampleRate }).dbtp, -1);
		}
	);

	it('includes the original samples: an isolated full-scale impulse reads ≥ 0 dBTP', () => {
		const x = new Float32Array(100);
		x[50] = 1;
		expect(truePeak({ channels: [x], sampleRate: 48000 }).dbtp).toBeGreaterThanOrEqual(0);
	});

	it('does not overshoot on a constant (DC) signal at full scale', () => {
		const x = new Float32Array(1000).fill(1);
		expect(Math.abs(truePeak({ channels: [x], sampleRate: 48000 }).dbtp as number)).toBeLessThan(
			0.01
		);
	});

	it('returns null dBTP and 0 linear for digital silence', () => {
		expect(truePeak({ channels: [new Float32Array(1000)], sampleRate: 48000 })).toEqual({
			dbtp: null,
			linear: 0
		});
	});

	it('takes the loudest channel', () => {
		const quiet = sine({ frequency: 1000, sampleRate: 48000, peakDbfs: -20 });
		const loud = sine({ frequency: 1000, sampleRate: 48000, peakDbfs: -3 });
		expectTruePeak(truePeak({ channels: [quiet, loud], sampleRate: 48000 }).dbtp, -3);
	});
});

describe('TruePeakInterpolator', () => {
	it('reports latency 7 at 4× and 0 at 1×', () => {
		expect(new TruePeakInterpolator(4).latency).toBe(7);
		expect(new TruePeakInterpolator(1).latency).toBe(0);
	});

	it('finds the +3 dB inter-sample peak of the fs/4, 45° sine, delayed by `latency`', () => {
		const tp = new TruePeakInterpolator(4);
		const x = sine({ frequency: 12000, sampleRate: 48000, peakDbfs: 3.0103, phaseDegrees: 45 });
		const readings = Array.from(x, (s) => tp.next(s));
		const settled = Math.max(...readings.slice(100));
		expectTruePeak(20 * Math.log10(settled), 3.01);
	});

	it('agrees with the batch meter on a signal that starts and ends in silence', () => {
		const x = new Float32Array(4800);
		for (let i = 1000; i < 3800; i++)
			x[i] = 0.7 * Math.sin(i * 2.1) * Math.sin(((i - 1000) / 2800) * Math.PI);
		const tp = new TruePeakInterpolator(4);
		let peak = 0;
		for (const s of x) peak = Math.max(peak, tp.next(s));
		for (let i = 0; i < tp.latency; i++) peak = Math.max(peak, tp.next(0));
		expect(Math.abs(peak - truePeak({ channels: [x], sampleRate: 48000 }).linear)).toBeLessThan(
			1e-9
		);
	});

	it('reset clears the history', () => {
		const tp = new TruePeakInterpolator(4);
		for (let i = 0; i < 20; i++) tp.next(1);
		tp.reset();
		let peak = 0;
		for (let i = 0; i < 20; i++) peak = Math.max(peak, tp.next(0));
		expect(peak).toBe(0);
	});

	it('rejects a non-integer factor and a negative floor', () => {
		expect(() => new TruePeakInterpolator(2.5)).toThrow(RangeError);
		expect(() => new TruePeakInterpolator(4, -0.1)).toThrow(RangeError);
	});

	it('with a floor, is exact above it and never reads above it where the exact reading does not', () => {
		// A sine with noise under a swelling envelope (silence to 1.1), at several floors, 4× and 2×.
		for (const [factor, floor] of [
			[4, 0.5],
			[4, 0.891],
			[2, 0.3],
			[4, 0.05]
		]) {
			let seed = factor * 1000 + Math.round(floor * 1000);
			const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
			const exact = new TruePeakInterpolator(factor);
			const fast = new TruePeakInterpolator(factor, floor);
			let above = 0;
			let skipped = 0;
			for (let i = 0; i < 50_000; i++) {
				const envelope = 1.1 * Math.sin(i / 3000) ** 2;
				const x = envelope * (0.6 * Math.sin(i * 0.37) + 0.4 * random());
				const a = exact.next(x);
				const b = fast.next(x);
				if (a > floor) {
					expect(b).toBe(a);
					above++;
				} else {
					expect(b).toBeLessThanOrEqual(floor);
					if (b !== a) skipped++;
				}
			}
			// Both branches really ran: readings above the floor, and windows skipped below it.
			expect(above).toBeGreaterThan(100);
			expect(skipped).toBeGreaterThan(100);
		}
	});
});

describe('truePeakOvers', () => {
	it.each([44100, 48000, 96000, 192000])(
		'counts the oversampled points of a 0 dBFS sine above each threshold as the closed form does (%i Hz)',
		(sampleRate) => {
			const factor = oversamplingFactor(sampleRate);
			const x = sine({ frequency: 997, sampleRate, peakDbfs: 0, phaseDegrees: 11, seconds: 1 });
			for (const thresholdDb of [-6, -3, -1, -0.5, -0.1]) {
				const threshold = 10 ** (thresholdDb / 20);
				// |sin| spends 1 − (2/π)·asin(T) of its time above T; every point is equally likely.
				const expected = x.length * factor * (1 - (2 / Math.PI) * Math.asin(threshold));
				const overs = truePeakOvers({ channels: [x], sampleRate, threshold });
				// Within 1 % (points near the threshold, and the file's ends, where only samples count);
				// 3 % at −0.1 dB, where an interpolation ripple of 0.002 dB moves the count by about 1 %.
				expect(Math.abs(overs - expected) / expected, `${thresholdDb} dB`).toBeLessThan(
					thresholdDb > -0.3 ? 0.03 : 0.01
				);
			}
		}
	);

	it('is zero exactly when the true peak is at or under the threshold, on noise and both channels', () => {
		let state = 7;
		const noise = () =>
			Float32Array.from({ length: 4410 }, () => {
				state = (state * 1103515245 + 12345) % 2 ** 31;
				return 0.6 * (state / 2 ** 30 - 1);
			});
		const channels = [noise(), noise()];
		const { linear } = truePeak({ channels, sampleRate: 44100 });
		expect(truePeakOvers({ channels, sampleRate: 44100, threshold: linear })).toBe(0);
		expect(
			truePeakOvers({ channels, sampleRate: 44100, threshold: linear * 0.999 })
		).toBeGreaterThan(0);
		const lower = truePeakOvers({ channels, sampleRate: 44100, threshold: linear * 0.5 });
		const higher = truePeakOvers({ channels, sampleRate: 44100, threshold: linear * 0.7 });
		expect(lower).toBeGreaterThan(higher);
	});

	it('rejects a negative threshold', () => {
		expect(() =>
			truePeakOvers({ channels: [new Float32Array(10)], sampleRate: 48000, threshold: -1 })
		).toThrow(/threshold/);
	});
});
