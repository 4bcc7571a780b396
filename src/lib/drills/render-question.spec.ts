/**
 * The rendered audio is honest: for every kind and level, each question rendered on pink noise
 * differs from the original only by its claimed EQ, the versions are loudness-matched, and none
 * exceeds −1 dBTP, for 500 seeds per kind and level. A question's audio is a function of its
 * versions' chains and the source alone, and the seed only picks those chains (band, gain, which
 * version), so the 500 seeds of a level collapse to a few dozen distinct recipes: each distinct
 * recipe is rendered and measured once, and every seed's question is one of them. Question validity
 * (choices, answers, params) is checked on the same 500 seeds in questions.spec.ts.
 *
 * How (a) is measured. The claimed gain is the gain at the centre frequency: a third-octave band
 * average cannot show it, because a third-octave filter's half-gain points are the band's edges
 * (a +9 dB, Q 4.32 peak averages ~+6 dB over its band), and the bilinear transform narrows peaks
 * near Nyquist. So: (a1) the third-octave difference (analysis/spectrum, 32768-point frames) is largest in magnitude at
 * the claimed band and agrees with the cookbook filter's band-averaged response within ±1 dB in
 * every band 31.5 Hz–16 kHz; (a2) a narrow-band ratio (±1/48 octave, Hann-windowed FFT of the
 * whole clip) at the claimed frequency equals the claimed gain within ±1 dB; (a3) unprocessed
 * versions equal the source times their matching gain, sample for sample.
 */
import FFT from 'fft.js';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBank, bankPath } from '../../cli/build-bank';
import { measureLoudness } from '../dsp/analysis/loudness';
import { thirdOctaveSpectrum, type Band } from '../dsp/analysis/spectrum';
import { truePeak } from '../dsp/analysis/true-peak';
import { magnitudeDb, peakingCoefficients } from '../dsp/process/biquad';
import type { ChainStep } from '../dsp/process/chain';
import { planLoudnessMatch } from '../dsp/process/loudness-match';
import { renderNoise } from '../dsp/synth/noise';
import { loadBank, renderArrangement } from '../dsp/synth/render';
import { dbToGain } from '../dsp/units';
import { generateQuestion } from './question-rng';
import { drillKinds } from './registry';
import { distinctRecipes } from './question-stats';
import { renderQuestion, type QuestionSourceAudio } from './render-question';
import type { Question } from './types';

const sampleRate = 44100;
type PeakingStep = Extract<ChainStep, { type: 'peaking' | 'lowshelf' | 'highshelf' }>;
const AUDIO_SEEDS = 500;
let recipesRendered = 0;
const FFT_SIZE = 65536;
/** Finer than the analyser's default (16384) so narrow low-frequency dips are resolved (1.35 Hz bins). */
const BAND_FFT_SIZE = 32768;

/** Per-bin power of a Hann-windowed FFT of the whole clip, summed over channels. */
function binPower(channels: Float32Array[], fft: FFT): Float64Array {
	const power = new Float64Array(FFT_SIZE / 2 + 1);
	const input = new Float64Array(FFT_SIZE);
	const output: number[] = fft.createComplexArray();
	for (const samples of channels) {
		input.fill(0);
		for (let i = 0; i < samples.length; i++) {
			input[i] = samples[i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / samples.length));
		}
		fft.realTransform(output, input);
		for (let k = 0; k <= FFT_SIZE / 2; k++) power[k] += output[2 * k] ** 2 + output[2 * k + 1] ** 2;
	}
	return power;
}

/** A source clip with the reference measurements the checks compare against. */
interface Reference {
	audio: QuestionSourceAudio;
	bands: Band[];
	power: Float64Array;
	fft: FFT;
}

function reference(channels: Float32Array[]): Reference {
	const fft = new FFT(FFT_SIZE);
	return {
		audio: { channels, sampleRate },
		bands: thirdOctaveSpectrum({ channels, sampleRate, fftSize: BAND_FFT_SIZE }),
		power: binPower(channels, fft),
		fft
	};
}

/** The cookbook response averaged (as power, uniformly in log frequency: pink weighting) over a band. */
function predictedBandDb(step: PeakingStep, band: Band): number {
	const coefficients = peakingCoefficients({
		sampleRate,
		frequency: step.frequencyHz,
		gainDb: step.gainDb,
		q: step.q
	});
	let sum = 0;
	const points = 48;
	for (let j = 0; j < points; j++) {
		const f = band.lower * (band.upper / band.lower) ** ((j + 0.5) / points);
		sum += 10 ** (magnitudeDb({ coefficients, frequency: f, sampleRate }) / 10);
	}
	return 10 * Math.log10(sum / points);
}

/** Largest errors seen, reported at the end. */
const worst = { bandDb: 0, bandAt: '', centreDb: 0, lufs: 0, dbtp: -Infinity, guarded: 0 };

/** Checks (a)–(c) for one question; returns nothing, fails loudly. */
function checkHonest(question: Question, ref: Reference) {
	const { versions, matchedLufs } = renderQuestion({ question, source: ref.audio });
	expect(versions.map((v) => v.id)).toEqual(question.versions.map((v) => v.id));
	for (const [i, version] of versions.entries()) {
		expect(version.chain).toEqual(question.versions[i].chain);
		const gain = dbToGain(version.matchGainDb);
		// (c) true peak, (b) matched loudness.
		const peak = truePeak({ channels: version.channels, sampleRate }).dbtp!;
		worst.dbtp = Math.max(worst.dbtp, peak);
		expect(peak).toBeLessThanOrEqual(-1 + 0.05);
		const lufs = measureLoudness({ channels: version.channels, sampleRate }).integrated!;
		worst.lufs = Math.max(worst.lufs, Math.abs(lufs - matchedLufs!));
		expect(Math.abs(lufs - matchedLufs!)).toBeLessThan(0.1);

		if (version.chain.length === 0) {
			// (a3) The original, only scaled.
			let error = 0;
			ref.audio.channels.forEach((samples, c) => {
				for (let n = 0; n < samples.length; n++) {
					error = Math.max(error, Math.abs(version.channels[c][n] - samples[n] * gain));
				}
			});
			expect(error).toBeLessThan(1e-6);
			continue;
		}
		const step = version.chain[0] as PeakingStep;
		const undone = version.channels.map((c) => c.map((x) => x / gain));
		// (a1) Third-octave difference: extreme at the claimed band, the filter's shape everywhere.
		const bands = thirdOctaveSpectrum({ channels: undone, sampleRate, fftSize: BAND_FFT_SIZE });
		let extreme = { nominal: 0, db: 0 };
		bands.forEach((band, b) => {
			if (band.nominal < 31.5 || band.nominal > 16000) return;
			const differenceDb = band.db! - ref.bands[b].db!;
			const error = Math.abs(differenceDb - predictedBandDb(step, band));
			if (error > worst.bandDb) {
				worst.bandDb = error;
				worst.bandAt = `${question.kind} L${question.level} seed ${question.seed}, ${band.nominal} Hz band`;
			}
			expect(error, `${band.nominal} Hz band`).toBeLessThan(1);
			if (Math.abs(differenceDb) > Math.abs(extreme.db))
				extreme = { nominal: band.nominal, db: differenceDb };
		});
		expect(extreme.nominal).toBe(step.frequencyHz);
		expect(Math.sign(extreme.db)).toBe(Math.sign(step.gainDb));
		// (a2) The claimed gain at the claimed frequency.
		const power = binPower(undone, ref.fft);
		const lo = Math.floor((step.frequencyHz * 2 ** (-1 / 48) * FFT_SIZE) / sampleRate);
		const hi = Math.ceil((step.frequencyHz * 2 ** (1 / 48) * FFT_SIZE) / sampleRate);
		let processed = 0;
		let original = 0;
		for (let k = lo; k <= hi; k++) {
			processed += power[k];
			original += ref.power[k];
		}
		const centreDb = 10 * Math.log10(processed / original);
		worst.centreDb = Math.max(worst.centreDb, Math.abs(centreDb - step.gainDb));
		expect(Math.abs(centreDb - step.gainDb)).toBeLessThan(1);
	}
}

describe('renderQuestion on pink noise', () => {
	// 1.4 s of decorrelated stereo pink noise, rendered once.
	const noise = renderNoise({ color: 'pink', seed: 11, seconds: 1.4, sampleRate, rmsDbfs: -14 });
	const ref = reference([noise.left, noise.right]);

	// EQ kinds; dynamics.spec.ts and translation-mono.spec.ts measure the other families' claims.
	const eqKinds = drillKinds.filter((kind) => kind.family === 'eq');
	describe.each(eqKinds.flatMap((kind) => kind.levels.map((_, level) => ({ kind, level }))))(
		'$kind.id level $level',
		({ kind, level }) => {
			it(`is honest for seeds 0…${AUDIO_SEEDS - 1}`, () => {
				const distinct = distinctRecipes(
					Array.from({ length: AUDIO_SEEDS }, (_, seed) =>
						generateQuestion({ kind: kind.id, level, seed, source: { kind: 'pink-noise' } })
					)
				);
				for (const question of distinct) checkHonest(question, ref);
				recipesRendered += distinct.length;
			}, 60_000);
		}
	);

	it('reports the largest errors seen', () => {
		console.log(
			`renderQuestion honesty, worst over ${AUDIO_SEEDS} seeds × every level (${recipesRendered} distinct recipes rendered): band ${worst.bandDb.toFixed(2)} dB (${worst.bandAt}), ` +
				`centre gain ${worst.centreDb.toFixed(2)} dB, loudness ${worst.lufs.toFixed(3)} LU, true peak ${worst.dbtp.toFixed(2)} dBTP`
		);
		expect(worst.centreDb).toBeGreaterThan(0);
	});

	it('gives the same gains as planLoudnessMatch targeting the original, cached or not', () => {
		const question = generateQuestion({
			kind: 'eq-boost',
			level: 0,
			seed: 3,
			source: { kind: 'pink-noise' }
		});
		const fresh = renderQuestion({ question, source: ref.audio });
		const cached = renderQuestion({
			question,
			source: {
				...ref.audio,
				loudness: measureLoudness(ref.audio).integrated,
				truePeak: truePeak(ref.audio).dbtp
			}
		});
		const before = question.versions.map(
			(v, i) =>
				fresh.versions[i].channels.map((c) =>
					c.map((x) => x / dbToGain(fresh.versions[i].matchGainDb))
				) ?? v
		);
		const plan = planLoudnessMatch({
			versions: before,
			sampleRate,
			targetLufs: measureLoudness(ref.audio).integrated!
		});
		fresh.versions.forEach((v, i) => {
			expect(v.matchGainDb).toBeCloseTo(plan.gainsDb[i], 4);
			expect(cached.versions[i].matchGainDb).toBeCloseTo(v.matchGainDb, 9);
		});
		expect(fresh.matchedLufs).toBeCloseTo(plan.matchedLufs!, 4);
		// A +12 dB boost would push the louder version over the ceiling: the guard lowers both.
		expect(Math.max(...plan.truePeakAfter.map((p) => p!))).toBeLessThanOrEqual(-1 + 1e-6);
	});

	it("with matched: false keeps the EQ's level change and still guards the true peak", () => {
		// A +12 dB octave at 2 kHz: about +4 LU louder on pink noise.
		const question = {
			versions: [
				{ id: 'A', chain: [{ type: 'peaking' as const, frequencyHz: 2000, gainDb: 12, q: 1.41 }] },
				{ id: 'B', chain: [] }
			]
		};
		const { versions, matchedLufs } = renderQuestion({
			question,
			source: ref.audio,
			matched: false
		});
		expect(matchedLufs).toBeNull();
		// One common gain (the guard, ≤ 0 dB) for both versions: their level difference survives.
		expect(versions[0].matchGainDb).toBe(versions[1].matchGainDb);
		expect(versions[0].matchGainDb).toBeLessThanOrEqual(0);
		const [a, b] = versions.map(
			(v) => measureLoudness({ channels: v.channels, sampleRate }).integrated!
		);
		expect(a - b).toBeGreaterThan(1);
		for (const v of versions) {
			expect(truePeak({ channels: v.channels, sampleRate }).dbtp!).toBeLessThanOrEqual(-1 + 1e-6);
		}
	});

	it('does not modify the source, and silence renders as silence with 0 dB gains', () => {
		const copy = ref.audio.channels.map((c) => c.slice());
		const question = generateQuestion({
			kind: 'eq-cut',
			level: 4,
			seed: 9,
			source: { kind: 'pink-noise' }
		});
		renderQuestion({ question, source: ref.audio });
		expect(ref.audio.channels).toEqual(copy);
		const silent = [new Float32Array(sampleRate), new Float32Array(sampleRate)];
		const result = renderQuestion({ question, source: { channels: silent, sampleRate } });
		expect(result.matchedLufs).toBeNull();
		expect(result.versions.map((v) => v.matchGainDb)).toEqual([0, 0]);
	});
});

describe('renderQuestion on a real arrangement', () => {
	let ref: Reference;
	beforeAll(async () => {
		buildBank();
		const bank = loadBank(readFileSync(bankPath).buffer as ArrayBuffer);
		const clip = await renderArrangement({
			style: 'pop-rock',
			seed: 5,
			seconds: 4,
			sampleRate,
			bank
		});
		ref = reference([
			clip.left.subarray(0, 4 * sampleRate),
			clip.right.subarray(0, 4 * sampleRate)
		]);
	}, 60_000);

	it.each([
		{ kind: 'eq-boost', level: 3, seed: 2 },
		{ kind: 'eq-cut', level: 4, seed: 5 },
		{ kind: 'eq-detect', level: 0, seed: 1 },
		{ kind: 'eq-match', level: 4, seed: 4 }
	] as const)('$kind level $level seed $seed is honest', ({ kind, level, seed }) => {
		const question = generateQuestion({
			kind,
			level,
			seed,
			source: { kind: 'arrangement', style: 'pop-rock' }
		});
		checkHonest(question, ref);
	});
});
