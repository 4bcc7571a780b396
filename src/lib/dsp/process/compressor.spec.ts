import { describe, expect, it } from 'vitest';
import { db, sineAmplitude } from '../test-signals';
import { compress, Compressor, staticCurveDb } from './compressor';

function sine({ peak, frequency, sampleRate, seconds }: Record<string, number>) {
	const length = Math.round(seconds * sampleRate);
	const w = (2 * Math.PI * frequency) / sampleRate;
	return Float32Array.from({ length }, (_, n) => peak * Math.sin(w * n));
}

describe('staticCurveDb', () => {
	it.each([
		[2, 0],
		[4, 6],
		[10, 12],
		[Infinity, 10]
	])('ratio %s, knee %s dB: identity below, slope 1/R above, continuous', (ratio, kneeDb) => {
		const thresholdDb = -18;
		const curve = (inputDb: number) => staticCurveDb({ inputDb, thresholdDb, ratio, kneeDb });
		expect(curve(-60)).toBeCloseTo(-60, 9);
		expect(curve(thresholdDb - kneeDb / 2 - 0.01)).toBeCloseTo(thresholdDb - kneeDb / 2 - 0.01, 9);
		expect(curve(0) - curve(-1)).toBeCloseTo(1 / ratio, 9);
		// Continuous (and smooth) at both knee edges: one-sided slopes agree.
		for (const edge of [thresholdDb - kneeDb / 2, thresholdDb + kneeDb / 2]) {
			const h = 1e-6;
			expect(Math.abs(curve(edge + h) - curve(edge - h))).toBeLessThan(1e-5);
			if (kneeDb > 0) {
				const left = (curve(edge) - curve(edge - h)) / h;
				const right = (curve(edge + h) - curve(edge)) / h;
				expect(Math.abs(left - right)).toBeLessThan(1e-3);
			}
		}
		// Halfway: the soft knee is W·(1/R − 1)/8 below the input at the threshold.
		if (kneeDb > 0) {
			expect(curve(thresholdDb)).toBeCloseTo(thresholdDb + (kneeDb * (1 / ratio - 1)) / 8, 9);
		}
	});
});

describe('Compressor static curve (rendered steady sines)', () => {
	const sampleRate = 48000;
	const frequency = 997;
	const levels = [-40, -30, -26, -23, -21, -20, -19, -17, -14, -10, -5, 0];
	const cases = [
		{ ratio: 2, kneeDb: 0, makeupDb: 0 },
		{ ratio: 4, kneeDb: 6, makeupDb: 3 },
		{ ratio: 10, kneeDb: 12, makeupDb: 0 },
		{ ratio: 3, kneeDb: 3, makeupDb: -2 }
	];

	it.each(cases)(
		'peak detection: output level = curve(input peak) + makeup within 0.1 dB (%o)',
		({ ratio, kneeDb, makeupDb }) => {
			const thresholdDb = -20;
			// A peak detector reads a sine's crest only with a (near) instant attack and a slow release
			// (their section 3.2): at 0.5 ms attack it already reads up to 0.08 dB low at 1 kHz.
			for (const attackMs of [0, 0.1]) {
				for (const levelDb of levels) {
					const x = sine({ peak: 10 ** (levelDb / 20), frequency, sampleRate, seconds: 1 });
					const { channels } = compress({
						channels: [x],
						sampleRate,
						thresholdDb,
						ratio,
						kneeDb,
						makeupDb,
						attackMs,
						releaseMs: 500
					});
					const outDb = db(
						sineAmplitude({ signal: channels[0], frequency, sampleRate, start: sampleRate / 2 })
					);
					const expected =
						staticCurveDb({ inputDb: levelDb, thresholdDb, ratio, kneeDb }) + makeupDb;
					expect(Math.abs(outDb - expected), `${levelDb} dBFS, ${attackMs} ms`).toBeLessThan(0.1);
				}
			}
		}
	);

	it.each(cases)(
		'RMS detection: output level follows the curve of the RMS level within 0.1 dB (%o)',
		({ ratio, kneeDb, makeupDb }) => {
			const thresholdDb = -24;
			for (const levelDb of levels) {
				const peak = 10 ** (levelDb / 20);
				const x = sine({ peak, frequency, sampleRate, seconds: 1 });
				const { channels } = compress({
					channels: [x, x],
					sampleRate,
					thresholdDb,
					ratio,
					kneeDb,
					makeupDb,
					attackMs: 5,
					releaseMs: 50,
					detection: 'rms',
					rmsWindowMs: 50
				});
				const rmsDb = levelDb - 10 * Math.log10(2);
				const gainDb = db(
					sineAmplitude({ signal: channels[1], frequency, sampleRate, start: sampleRate / 2 }) /
						peak
				);
				const expected = staticCurveDb({ inputDb: rmsDb, thresholdDb, ratio, kneeDb }) - rmsDb;
				expect(Math.abs(gainDb - (expected + makeupDb)), `${levelDb} dBFS in`).toBeLessThan(0.1);
			}
		}
	);
});

/**
 * A tone at Nyquist (+a, −a, +a…) has a constant magnitude, so the peak detector sees a clean level
 * step: the measured times are the detector's own, not the ripple of a sine's half cycles.
 */
function steppedNyquist(levelsDb: number[], segmentSamples: number): Float32Array {
	const x = new Float32Array(levelsDb.length * segmentSamples);
	for (let n = 0; n < x.length; n++) {
		const amplitude = 10 ** (levelsDb[Math.floor(n / segmentSamples)] / 20);
		x[n] = n % 2 === 0 ? amplitude : -amplitude;
	}
	return x;
}

/** Samples from `start` until `trace` first crosses `target` (upwards if rising). */
function samplesToCross(trace: Float32Array, start: number, target: number, rising: boolean) {
	for (let n = start; n < trace.length; n++) {
		if (rising ? trace[n] >= target : trace[n] <= target) return n - start + 1;
	}
	return Infinity;
}

describe('Compressor time constants', () => {
	const sweep = [44100, 48000].flatMap((sampleRate) =>
		[
			[1, 50],
			[5, 100],
			[20, 300],
			[50, 800]
		].map(([attackMs, releaseMs]) => ({ sampleRate, attackMs, releaseMs }))
	);

	it.each(sweep)(
		'a step reaches 1 − 1/e of its gain change within ±10 % of τ (%o)',
		({ sampleRate, attackMs, releaseMs }) => {
			const segment = Math.round(sampleRate * 1.2 * (releaseMs / 100 + 1));
			// −40 dBFS (below threshold) → 0 dBFS → −40 dBFS; threshold −20, ratio 4 → 15 dB reduction.
			const x = steppedNyquist([-40, 0, -40], segment);
			const { gainReductionDb } = compress({
				channels: [x],
				sampleRate,
				thresholdDb: -20,
				ratio: 4,
				attackMs,
				releaseMs
			});
			const finalDb = gainReductionDb[2 * segment - 1];
			expect(finalDb).toBeCloseTo(15, 2);
			const target = (1 - 1 / Math.E) * finalDb;
			const attackMeasured =
				(samplesToCross(gainReductionDb, segment, target, true) / sampleRate) * 1000;
			const releaseMeasured =
				(samplesToCross(gainReductionDb, 2 * segment, finalDb - target, false) / sampleRate) * 1000;
			expect(Math.abs(attackMeasured / attackMs - 1)).toBeLessThan(0.1);
			expect(Math.abs(releaseMeasured / releaseMs - 1)).toBeLessThan(0.1);
		}
	);

	it('is stereo-linked: a loud left channel turns the quiet right one down by the same amount', () => {
		const sampleRate = 48000;
		const left = sine({ peak: 1, frequency: 440, sampleRate, seconds: 0.5 });
		const right = sine({ peak: 0.01, frequency: 440, sampleRate, seconds: 0.5 });
		const { channels, gainReductionDb } = compress({
			channels: [left, right],
			sampleRate,
			thresholdDb: -20,
			ratio: 4,
			attackMs: 1,
			releaseMs: 100
		});
		const end = gainReductionDb[gainReductionDb.length - 1];
		expect(end).toBeGreaterThan(10);
		const start = sampleRate / 4;
		const rightGainDb = db(
			sineAmplitude({ signal: channels[1], frequency: 440, sampleRate, start }) / 0.01
		);
		const leftGainDb = db(
			sineAmplitude({ signal: channels[0], frequency: 440, sampleRate, start }) / 1
		);
		expect(Math.abs(rightGainDb - leftGainDb)).toBeLessThan(0.01);
		expect(rightGainDb).toBeLessThan(-10);
	});

	it('streams: block-wise processing equals one pass', () => {
		const sampleRate = 44100;
		const x = steppedNyquist([-30, -5, -25, 0], 5000);
		const settings = { thresholdDb: -15, ratio: 3, kneeDb: 4, attackMs: 3, releaseMs: 40 };
		const whole = compress({ channels: [x], sampleRate, ...settings });
		const compressor = new Compressor({ sampleRate, channelCount: 1, ...settings });
		const y = x.slice();
		const trace = new Float32Array(x.length);
		for (let start = 0; start < x.length; start += 777) {
			const end = Math.min(x.length, start + 777);
			compressor.process({
				channels: [y.subarray(start, end)],
				gainReductionDb: trace.subarray(start, end)
			});
		}
		let diff = 0;
		for (let n = 0; n < x.length; n++) {
			diff = Math.max(diff, Math.abs(y[n] - whole.channels[0][n]));
			diff = Math.max(diff, Math.abs(trace[n] - whole.gainReductionDb[n]));
		}
		expect(diff).toBeLessThan(1e-6);
	});
});
