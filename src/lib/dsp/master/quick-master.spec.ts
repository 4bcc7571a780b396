/**
 * quickMaster on the app's music (8 s of pop-rock and electronic, rendered once each), on a quiet
 * dynamic version and on a loud, already limited one. Everything is measured on the output: integrated
 * loudness within 0.15 LU of the target (the search stops within 0.1 LU; the brief allows 0.3), true
 * peak at most 0.05 dB over the ceiling, and the glue's gain reduction on the loud parts within
 * 0.3 dB of 2 dB. The tilt is checked on its closed-form response.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testBank } from '../../../cli/test-music';
import { measureLoudness } from '../analysis/loudness';
import { thirdOctaveSpectrum } from '../analysis/spectrum';
import { designBiquad, magnitudeDb } from '../process/biquad';
import { applyChain, type ChainStep } from '../process/chain';
import { renderArrangement } from '../synth/render';
import type { StyleId } from '../synth/styles';
import {
	compressorForGainReduction,
	DEFAULT_QUICK_MASTER,
	GLUE_TARGET_GR_DB,
	LOUD_PARTS_PERCENTILE,
	quickMaster,
	TILT_PIVOT_HZ,
	tiltSteps,
	type QuickMasterResult
} from './quick-master';

const sampleRate = 44100;
const SECONDS = 8;
/** Loudness tolerance on the output, LU. */
const LUFS_TOLERANCE = 0.15;
/** True-peak tolerance over the ceiling, dB. */
const TP_TOLERANCE = 0.05;
/** Per-test timeout for tests that run quickMaster (about 0.4–1.4 s each here; room for a busy machine). */
const SLOW = 30_000;

type Clip = { channels: Float32Array[]; sampleRate: number };
const music = new Map<StyleId, Clip>();
const masters = new Map<StyleId, QuickMasterResult>();

beforeAll(async () => {
	const bank = testBank();
	for (const style of ['pop-rock', 'electronic'] as const) {
		const clip = await renderArrangement({ style, seed: 1, seconds: SECONDS, sampleRate, bank });
		music.set(style, { channels: [clip.left, clip.right], sampleRate });
	}
}, 60_000);

function masterOf(style: StyleId): QuickMasterResult {
	let result = masters.get(style);
	if (!result) {
		result = quickMaster(music.get(style)!);
		masters.set(style, result);
	}
	return result;
}

/** The LOUD_PARTS_PERCENTILE point of a GR trace over the loudest 3 s (the short-term maximum). */
function loudPartsGrDb(clip: Clip, trace: Float32Array): number {
	const shortTerm = measureLoudness({ ...clip, series: true }).series!.shortTerm;
	let best = shortTerm[0];
	for (const point of shortTerm) if ((point[1] ?? -Infinity) > (best[1] ?? -Infinity)) best = point;
	const end = Math.round(best[0] * clip.sampleRate);
	const window = trace.slice(end - 3 * clip.sampleRate, end).sort();
	return window[Math.floor(window.length * LOUD_PARTS_PERCENTILE)];
}

/** Gain reduction trace of the chain's compress step applied to `clip`. */
function glueTrace(clip: Clip, chain: ChainStep[]): Float32Array {
	const index = chain.findIndex((s) => s.type === 'compress');
	const prefix = chain.slice(0, index + 1);
	return applyChain({ ...clip, chain: prefix }).gainReductionDb.get(index)!;
}

function maxAbsDifference(a: Float32Array[], b: Float32Array[]): number {
	let max = 0;
	for (let c = 0; c < a.length; c++)
		for (let i = 0; i < a[c].length; i++) max = Math.max(max, Math.abs(a[c][i] - b[c][i]));
	return max;
}

function expectOnTarget(result: QuickMasterResult, targetLufs: number, ceilingDbtp: number) {
	expect(Math.abs(result.after.lufs! - targetLufs)).toBeLessThanOrEqual(LUFS_TOLERANCE);
	expect(result.after.truePeak!).toBeLessThanOrEqual(ceilingDbtp + TP_TOLERANCE);
}

describe('settings', () => {
	const noise = { channels: [new Float32Array(sampleRate).fill(0.1)], sampleRate };
	it.each([
		[{ targetLufs: -4 }, /−30 … −5 LUFS/],
		[{ targetLufs: -31 }, /−30 … −5 LUFS/],
		[{ targetLufs: Number.NaN }, /−30 … −5 LUFS/],
		[{ ceilingDbtp: 0.5 }, /−6 … 0 dBTP/],
		[{ ceilingDbtp: -7 }, /−6 … 0 dBTP/],
		[{ tiltDb: Number.POSITIVE_INFINITY }, /tiltDb/]
	])('rejects %o with a RangeError', (settings, message) => {
		expect(() => quickMaster(noise, settings)).toThrow(RangeError);
		expect(() => quickMaster(noise, settings)).toThrow(message);
	});

	it('rejects silence and clips too short to measure', () => {
		const silent = {
			channels: [new Float32Array(sampleRate), new Float32Array(sampleRate)],
			sampleRate
		};
		expect(() => quickMaster(silent)).toThrow(/silent/);
		const short = { channels: [new Float32Array(sampleRate / 10).fill(0.1)], sampleRate };
		expect(() => quickMaster(short)).toThrow(RangeError);
	});

	it('defaults to −14 LUFS, −1 dBTP, no tilt, glue on', () => {
		expect(DEFAULT_QUICK_MASTER).toEqual({
			targetLufs: -14,
			ceilingDbtp: -1,
			tiltDb: 0,
			glue: true
		});
	});
});

describe('tiltSteps', () => {
	// Closed-form response of the two shelves (RBJ cookbook), tolerance 0.3 dB at the ends, 0.05 dB
	// at the pivot, where the shelves are at exactly half their gains and cancel.
	it.each([-6, -2, 2, 4])(
		'tilt %d dB: −tilt/2 at 30 Hz, 0 at the pivot, +tilt/2 at 16 kHz',
		(tiltDb) => {
			for (const rate of [44100, 48000]) {
				const coefficients = tiltSteps(tiltDb).map((step) => {
					if (step.type !== 'lowshelf' && step.type !== 'highshelf') throw new Error(step.type);
					return designBiquad(
						{ type: step.type, frequency: step.frequencyHz, gainDb: step.gainDb, q: step.q },
						rate
					);
				});
				const response = (f: number) =>
					magnitudeDb({ coefficients, frequency: f, sampleRate: rate });
				expect(Math.abs(response(30) + tiltDb / 2)).toBeLessThan(0.3);
				expect(Math.abs(response(TILT_PIVOT_HZ))).toBeLessThan(0.05);
				expect(Math.abs(response(16000) - tiltDb / 2)).toBeLessThan(0.3);
			}
		}
	);

	it('is empty for 0 dB', () => {
		expect(tiltSteps(0)).toEqual([]);
	});
});

describe('quickMaster on the app’s music', { timeout: SLOW }, () => {
	it.each(['pop-rock', 'electronic'] as const)(
		'%s: −14 LUFS ±0.15 LU, true peak ≤ −1 dBTP + 0.05, and the chain reproduces the audio',
		(style) => {
			const clip = music.get(style)!;
			const result = masterOf(style);
			expectOnTarget(result, -14, -1);
			expect(result.before.lufs!).toBeLessThan(-18);
			expect(result.gainDb).toBeGreaterThan(0);
			expect(result.limiterMaxGrDb).toBeGreaterThan(0);
			expect(result.chain.map((s) => s.type)).toEqual(['compress', 'gain', 'limit']);
			expect(result.chain[1]).toEqual({ type: 'gain', gainDb: result.gainDb });
			// Same steps, same order, same float32 intermediates: the difference is rounding noise at most.
			expect(
				maxAbsDifference(applyChain({ ...clip, chain: result.chain }).channels, result.channels)
			).toBeLessThan(1e-6);
			// The input is left alone.
			expect(measureLoudness(clip).integrated).toBeCloseTo(result.before.lufs!, 2);
		}
	);

	it.each(['pop-rock', 'electronic'] as const)(
		'%s: the glue does 2 dB ±0.3 of gain reduction on the loud parts',
		(style) => {
			const clip = music.get(style)!;
			const { chain } = masterOf(style);
			const gr = loudPartsGrDb(clip, glueTrace(clip, chain));
			expect(Math.abs(gr - GLUE_TARGET_GR_DB)).toBeLessThanOrEqual(0.3);
		}
	);

	it('pop-rock to −8 LUFS ±0.15: heavily limited, PLR at least 5 dB below the −14 master', () => {
		const loud = quickMaster(music.get('pop-rock')!, { targetLufs: -8 });
		expectOnTarget(loud, -8, -1);
		expect(loud.limiterMaxGrDb).toBeGreaterThan(10);
		expect(loud.after.plr!).toBeLessThanOrEqual(masterOf('pop-rock').after.plr! - 5);
	});

	it('electronic, custom settings (−16 LUFS, −2 dBTP, +3 dB tilt, no glue): on target, brighter', () => {
		const clip = music.get('electronic')!;
		const result = quickMaster(clip, { targetLufs: -16, ceilingDbtp: -2, tiltDb: 3, glue: false });
		expectOnTarget(result, -16, -2);
		expect(result.chain.map((s) => s.type)).toEqual(['lowshelf', 'highshelf', 'gain', 'limit']);
		// The 5 kHz band gains about 3 dB on the 80 Hz band against the untilted master (±1 dB:
		// the limiter acts on slightly different peaks).
		const flat = quickMaster(clip, { targetLufs: -16, ceilingDbtp: -2, glue: false });
		const bandDb = (r: QuickMasterResult, hz: number) =>
			thirdOctaveSpectrum({ channels: r.channels, sampleRate }).find((b) => b.nominal === hz)!.db!;
		const tilt =
			bandDb(result, 5000) - bandDb(result, 80) - (bandDb(flat, 5000) - bandDb(flat, 80));
		expect(Math.abs(tilt - 3)).toBeLessThan(1);
	});

	it('asks for an unreachable −5 LUFS: returns the closest pass, still under the ceiling', () => {
		const result = quickMaster(music.get('pop-rock')!, { targetLufs: -5 });
		expect(result.after.lufs!).toBeLessThan(-5.5);
		expect(result.after.lufs!).toBeGreaterThan(-8);
		expect(result.after.truePeak!).toBeLessThanOrEqual(-1 + TP_TOLERANCE);
	});
});

describe('quickMaster on other levels', { timeout: SLOW }, () => {
	it('a quiet, dynamic input (−12 dB, a verse 15 dB quieter still): −14 LUFS ±0.15, TP ≤ −0.95, glue 2 dB ±0.3', () => {
		const source = music.get('pop-rock')!;
		const half = source.channels[0].length / 2;
		const channels = source.channels.map((c) =>
			c.map((v, i) => v * 10 ** ((i < half ? -27 : -12) / 20))
		);
		const clip = { channels, sampleRate };
		const result = quickMaster(clip);
		expect(result.before.lufs!).toBeLessThan(-30);
		expectOnTarget(result, -14, -1);
		expect(
			Math.abs(loudPartsGrDb(clip, glueTrace(clip, result.chain)) - GLUE_TARGET_GR_DB)
		).toBeLessThanOrEqual(0.3);
	});

	it('a loud, already limited input (about −7 LUFS at −0.1 dBTP): turned down to −14 LUFS ±0.15', () => {
		const loud = applyChain({
			...music.get('electronic')!,
			chain: [
				{ type: 'gain', gainDb: 30 },
				{ type: 'limit', ceilingDbtp: -0.1, releaseMs: 20 }
			]
		});
		const result = quickMaster({ channels: loud.channels, sampleRate });
		expect(result.before.lufs!).toBeGreaterThan(-9);
		expect(result.gainDb).toBeLessThan(-4);
		expectOnTarget(result, -14, -1);
		expect(result.limiterMaxGrDb).toBeLessThan(0.5);
	});
});

describe('compressorForGainReduction', { timeout: SLOW }, () => {
	it('heavy 4:1, 3 ms attack: 10 dB ±0.3 of gain reduction on the loud parts of pop-rock', () => {
		const clip = music.get('pop-rock')!;
		const step = compressorForGainReduction({
			...clip,
			shape: { ratio: 4, attackMs: 3, releaseMs: 80 },
			targetGrDb: 10
		});
		expect(step).toMatchObject({ type: 'compress', ratio: 4, attackMs: 3, releaseMs: 80 });
		const trace = applyChain({ ...clip, chain: [step] }).gainReductionDb.get(0)!;
		expect(Math.abs(loudPartsGrDb(clip, trace) - 10)).toBeLessThanOrEqual(0.3);
	});
});
