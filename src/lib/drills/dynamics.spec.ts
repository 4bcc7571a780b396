/**
 * The dynamics drills (`limiter`, `compression`, `clipping`), every level, 500 seeds each:
 * 1. questions are valid (A/B choices, answer among them, chains in named units that agree with the
 *    params, no EQ curve), deterministic per seed, and the answer's position is uniform (chi-square)
 *    with repeats at about the chance rate;
 * 2. the audio is honest. A question's audio depends only on its versions and the source, so the
 *    500 seeds of a level collapse to a couple of distinct recipes; each is rendered once with
 *    renderQuestion on 3 s of pink noise (−20 dBFS RMS, as source-audio.ts makes it), and the first
 *    seeds of each level also on a 3 s pop-rock arrangement, since noise has no transients. Measured:
 *    gain reduction (the chain's trace), PSR and PLR (analysis/levels), clipped samples (clip()'s
 *    count and flat runs in the output), loudness match (≤ 0.1 LU) and true peak (≤ −1 dBTP + 0.05),
 *    each per render and again as the worst over all renders.
 *    The compression release rungs: the fast release's gain-reduction trace never exceeds the slow
 *    one's, its mean is lower, and on the arrangement it recovers to half its peak sooner.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testBank } from '../../cli/test-music';
import { peakToLoudness } from '../dsp/analysis/levels';
import { measureLoudness } from '../dsp/analysis/loudness';
import { truePeak } from '../dsp/analysis/true-peak';
import type { ChainStep } from '../dsp/process/chain';
import { clip } from '../dsp/process/clipper';
import { renderNoise } from '../dsp/synth/noise';
import { renderArrangement } from '../dsp/synth/render';
import { dbToGain } from '../dsp/units';
import { answerPositionStats, CHI2_CRITICAL, distinctRecipes } from './question-stats';
import { CLIPPING_LADDER, clippingChain } from './clipping';
import {
	COMPRESSION_LADDER,
	compressStep,
	compressionDifferenceDb,
	RELEASE_ATTACK_MS
} from './compression';
import { LIMITER_LADDER, limiterChain } from './limiter';
import { generateQuestion } from './question-rng';
import { drillKinds } from './registry';
import { renderQuestion, type QuestionSourceAudio } from './render-question';
import { PINK_NOISE_RMS_DBFS } from './source-audio';
import type { DrillKind, Question } from './types';

const SEEDS = 500;
const sampleRate = 44100;
const SECONDS = 3;
/** Seeds per level also rendered on the arrangement. */
const ARRANGEMENT_SEEDS = 2;
/** Every version's integrated loudness lies within this of the matched loudness, LU. */
const MATCH_TOLERANCE_LU = 0.1;
/** renderQuestion's common true-peak guard, dBTP, and the overshoot allowed over it, dB. */
const GUARD_DBTP = -1;
const GUARD_TOLERANCE_DB = 0.05;

/** Fractions of the claimed difference the measurements must reach. */
const LIMITER_GR_FRACTION = 0.8;
const LIMITER_PSR_FRACTION = 0.25;
const COMPRESSION_GR_FRACTION = 0.5;
const ATTACK_ONSET_FRACTION = 0.5;
/**
 * Release rungs: the fast release's mean gain reduction over the clip must sit at least this far
 * (dB) below the slow one's. Same threshold, ratio and attack, so the gap comes only from the
 * recovery between hits.
 */
const RELEASE_MEAN_MARGIN_DB = 0.1;
/**
 * Release rungs: the largest amount by which the slow release holds more reduction than the fast
 * one must reach this fraction of the claimed difference (the claim assumes 6 dB of reduction on a
 * −6 dBFS peak; real peaks give less, as for the attack rungs).
 */
const RELEASE_GAP_FRACTION = 0.5;
/**
 * Release rungs on the arrangement: after each trace's largest peak, the fast release must fall
 * below half that peak at least this many ms sooner than the slow one (the slow one may never get
 * there before the next hit or the clip's end, which counts as later).
 */
const RELEASE_HALF_LEAD_MS = 50;

const dynamicsKinds = drillKinds.filter((k) =>
	['limiter', 'compression', 'clipping'].includes(k.id)
);
const cases = dynamicsKinds.flatMap((kind) => kind.levels.map((_, level) => ({ kind, level })));

/** The chain the params say each version should have. */
function expectedChain(question: Question, id: string): ChainStep[] {
	const p = question.params;
	const answerHere = id === question.answer;
	switch (question.kind) {
		case 'limiter':
			return limiterChain(Number(answerHere ? p.heavyDriveDb : p.lightDriveDb));
		case 'compression': {
			const spec = COMPRESSION_LADDER[question.level];
			if (spec.mode === 'release') {
				return [
					compressStep({
						grDb: spec.grDb,
						ratio: spec.ratio,
						attackMs: RELEASE_ATTACK_MS,
						releaseMs: answerHere ? spec.fastMs : spec.slowMs
					})
				];
			}
			if (spec.mode === 'attack') {
				return [
					compressStep({
						grDb: spec.grDb,
						ratio: spec.ratio,
						attackMs: answerHere ? spec.fastMs : spec.slowMs,
						releaseMs: Number(p.releaseMs)
					})
				];
			}
			if (answerHere) return [compressStep(spec.heavy)];
			return spec.light ? [compressStep(spec.light)] : [];
		}
		case 'clipping':
			return answerHere ? clippingChain(CLIPPING_LADDER[question.level]) : [];
		default:
			throw new Error(`not a dynamics kind: ${question.kind}`);
	}
}

function checkQuestion(question: Question, kind: DrillKind, level: number) {
	expect(question.kind).toBe(kind.id);
	expect(kind.family).toBe('dynamics');
	expect(question.level).toBe(level);
	expect(question.prompt.length).toBeGreaterThan(10);
	expect(question.prompt).toMatch(/\?/);
	expect(question.reveal.summary).toMatch(/\.$/);
	expect(question.reveal.facts.length).toBeGreaterThanOrEqual(3);
	expect(question.reveal.curve).toBeUndefined();
	expect(question.match).toBeUndefined();
	expect(question.choices).toEqual([
		{ id: 'A', label: 'A' },
		{ id: 'B', label: 'B' }
	]);
	expect(['A', 'B']).toContain(question.answer);
	expect(question.params.choiceCount).toBe(2);
	expect(question.versions.map((v) => v.id)).toEqual(['A', 'B']);
	for (const v of question.versions) {
		expect(v.chain).toEqual(expectedChain(question, v.id));
		for (const step of v.chain) expect(['gain', 'limit', 'compress', 'clip']).toContain(step.type);
	}
	// The two versions differ, and the params name the answer.
	expect(question.versions[0].chain).not.toEqual(question.versions[1].chain);
	const named =
		question.params.overLimitedVersion ??
		question.params.answerVersion ??
		question.params.clippedVersion;
	expect(named).toBe(question.answer);
	for (const value of Object.values(question.params)) {
		if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
	}
	expect(kind.grade(question, question.answer)).toMatchObject({ correct: true, score: 1 });
	const wrong = kind.grade(question, question.answer === 'A' ? 'B' : 'A');
	expect(wrong).toMatchObject({ correct: false, score: 0 });
	expect(wrong.feedback).toMatch(/^Not quite: it was [AB], .*, not [AB]\.$/);
}

describe('dynamics ladders', () => {
	it('have 6–8 rungs (compression 10: amount, attack, release), easiest first, values in dB that shrink', () => {
		for (const kind of dynamicsKinds) {
			expect(kind.unit).toBe('dB');
			expect(kind.levels.length).toBeGreaterThanOrEqual(6);
			expect(kind.levels.length).toBeLessThanOrEqual(kind.id === 'compression' ? 10 : 8);
			kind.levels.forEach((l, i) => {
				expect(l.value).toBeGreaterThan(0);
				if (i > 0) expect(l.value).toBeLessThan(kind.levels[i - 1].value);
				expect(l.description).not.toMatch(/^[A-Z]/);
			});
		}
		expect(LIMITER_LADDER[0]).toEqual({ lightDb: 2, heavyDb: 12 });
		expect(LIMITER_LADDER.at(-1)!.heavyDb - LIMITER_LADDER.at(-1)!.lightDb).toBe(2);
		expect(CLIPPING_LADDER.map((l) => l.overDb)).toEqual([12, 9, 6, 5, 4, 3, 2, 1]);
		expect(compressionDifferenceDb(COMPRESSION_LADDER[0])).toBe(10);
		// The release rungs come last, after the attack rungs, with the attack rungs' threshold and ratio.
		const modes = COMPRESSION_LADDER.map((l) => l.mode);
		expect(modes.slice(-3)).toEqual(['release', 'release', 'release']);
		expect(modes.lastIndexOf('attack')).toBe(modes.indexOf('release') - 1);
		// 6·(e^(−10/τslow) − e^(−10/τfast)): 40/400 ms → 1.18, 60/300 → 0.72, 80/240 → 0.46 dB.
		expect(COMPRESSION_LADDER.slice(-3).map(compressionDifferenceDb)).toEqual([1.2, 0.7, 0.5]);
	});

	it('are registered after the EQ kinds, in order', () => {
		const ids = drillKinds.map((k) => k.id);
		expect(ids.indexOf('limiter')).toBeGreaterThan(ids.indexOf('eq-match'));
		expect(ids.indexOf('compression')).toBe(ids.indexOf('limiter') + 1);
		expect(ids.indexOf('clipping')).toBe(ids.indexOf('compression') + 1);
	});
});

describe.each(cases)('$kind.id level $level over 500 seeds', ({ kind, level }) => {
	const source = { kind: 'pink-noise' } as const;
	const questions = Array.from({ length: SEEDS }, (_, seed) =>
		generateQuestion({ kind: kind.id, level, seed, source })
	);

	it('is valid, and its params match its chains', () => {
		for (const question of questions) checkQuestion(question, kind, level);
	});

	it('is deterministic for a seed', () => {
		for (const seed of [0, 1, 77, 499]) {
			expect(generateQuestion({ kind: kind.id, level, seed, source })).toEqual(questions[seed]);
		}
	});

	it('puts the answer at uniform, unpatterned positions', () => {
		const { n, chi2, repeatRate } = answerPositionStats(questions);
		expect(n).toBe(2);
		expect(chi2).toBeLessThan(CHI2_CRITICAL[1]);
		expect(repeatRate).toBeGreaterThan(0.4);
		expect(repeatRate).toBeLessThan(0.6);
	});
});

/** Gain-reduction statistics of one rendered version (zero when it has no dynamics step). */
function grStats(trace: Float32Array | undefined) {
	if (!trace) return { max: 0, mean: 0 };
	let max = 0;
	let sum = 0;
	for (const x of trace) {
		if (x > max) max = x;
		sum += x;
	}
	return { max, mean: sum / trace.length };
}

/**
 * Milliseconds from a gain-reduction trace's largest value until it first falls below half of it,
 * with that peak; Infinity if it never does before the end of the clip.
 */
function halfRecoveryMs(trace: Float32Array) {
	let peakIndex = 0;
	for (let i = 1; i < trace.length; i++) if (trace[i] > trace[peakIndex]) peakIndex = i;
	const peak = trace[peakIndex];
	for (let i = peakIndex + 1; i < trace.length; i++) {
		if (trace[i] < peak / 2)
			return {
				peak,
				peakMs: (peakIndex / sampleRate) * 1000,
				ms: ((i - peakIndex) / sampleRate) * 1000
			};
	}
	return { peak, peakMs: (peakIndex / sampleRate) * 1000, ms: Infinity };
}

/** Samples at the version's own peak, all of them or only those in flat runs (a clipper's signature). */
function flatSamples(channels: Float32Array[], runsOnly = true): number {
	let peak = 0;
	for (const c of channels) for (const x of c) peak = Math.max(peak, Math.abs(x));
	const floor = peak * (1 - 1e-6);
	let count = 0;
	for (const c of channels) {
		for (let i = 0; i < c.length; i++) {
			const here = Math.abs(c[i]) >= floor;
			const neighbour =
				(i > 0 && Math.abs(c[i - 1]) >= floor) || (i + 1 < c.length && Math.abs(c[i + 1]) >= floor);
			if (here && (neighbour || !runsOnly)) count++;
		}
	}
	return count;
}

/** Largest measured numbers, printed at the end. */
const report: string[] = [];
const worst = { lufs: 0, dbtp: -Infinity, renders: 0 };

function checkHonest(question: Question, audio: QuestionSourceAudio, label: string) {
	const { versions, matchedLufs } = renderQuestion({ question, source: audio });
	worst.renders++;
	const measured = versions.map((v) => {
		const loudness = measureLoudness({ channels: v.channels, sampleRate, series: true });
		const peak = truePeak({ channels: v.channels, sampleRate }).dbtp!;
		const { psr, plr } = peakToLoudness({ channels: v.channels, sampleRate, loudness });
		worst.lufs = Math.max(worst.lufs, Math.abs(loudness.integrated! - matchedLufs!));
		worst.dbtp = Math.max(worst.dbtp, peak);
		expect(Math.abs(loudness.integrated! - matchedLufs!)).toBeLessThan(MATCH_TOLERANCE_LU);
		expect(peak).toBeLessThanOrEqual(GUARD_DBTP + GUARD_TOLERANCE_DB);
		return { ...grStats(v.gainReductionDb), psr: psr!, plr: plr!, version: v };
	});
	const answerIndex = question.answer === 'A' ? 0 : 1;
	const target = measured[answerIndex];
	const other = measured[1 - answerIndex];
	const p = question.params;
	const head = `${label} ${question.kind} L${question.level}`;

	if (question.kind === 'limiter') {
		const claimed = Number(p.differenceDb);
		const grDifference = target.max - other.max;
		const psrDifference = other.psr - target.psr;
		report.push(
			`${head}: claimed ${claimed} dB; GR peak ${target.max.toFixed(2)} vs ${other.max.toFixed(2)} (Δ ${grDifference.toFixed(2)}), mean ${target.mean.toFixed(2)} vs ${other.mean.toFixed(2)}; PSR ${target.psr.toFixed(2)} vs ${other.psr.toFixed(2)} (Δ ${psrDifference.toFixed(2)}), PLR ${target.plr.toFixed(2)} vs ${other.plr.toFixed(2)}`
		);
		expect(grDifference).toBeGreaterThanOrEqual(LIMITER_GR_FRACTION * claimed);
		expect(target.mean).toBeGreaterThan(other.mean);
		if (label === 'arrangement') {
			expect(psrDifference).toBeGreaterThanOrEqual(LIMITER_PSR_FRACTION * claimed);
		} else {
			// Pink noise has no transients: its PSR bottoms out near 7.7 dB once limited hard.
			expect(psrDifference).toBeGreaterThanOrEqual(0);
		}
	} else if (question.kind === 'compression') {
		const claimed = Number(p.differenceDb);
		if (p.mode === 'release') {
			const fast = target.version.gainReductionDb!;
			const slow = other.version.gainReductionDb!;
			// Same attack, faster release: the detector never holds more reduction (monotone in α).
			let below = 0;
			for (let i = 0; i < fast.length; i++) {
				expect(fast[i]).toBeLessThanOrEqual(slow[i] + 1e-3);
				below = Math.max(below, slow[i] - fast[i]);
			}
			const fastHalf = halfRecoveryMs(fast);
			const slowHalf = halfRecoveryMs(slow);
			report.push(
				`${head}: claimed ${claimed} dB ${p.probeMs} ms after the drop (${p.fastReleaseMs} vs ${p.slowReleaseMs} ms); mean GR ${target.mean.toFixed(2)} vs ${other.mean.toFixed(2)}; largest GR gap ${below.toFixed(2)} dB; peak GR ${fastHalf.peak.toFixed(2)} at ${fastHalf.peakMs.toFixed(0)} ms vs ${slowHalf.peak.toFixed(2)} at ${slowHalf.peakMs.toFixed(0)} ms; half-recovery ${fastHalf.ms.toFixed(1)} vs ${slowHalf.ms.toFixed(1)} ms`
			);
			expect(target.mean).toBeLessThan(other.mean - RELEASE_MEAN_MARGIN_DB);
			expect(below).toBeGreaterThanOrEqual(RELEASE_GAP_FRACTION * claimed);
			if (label === 'arrangement') {
				expect(fastHalf.ms).toBeLessThan(slowHalf.ms - RELEASE_HALF_LEAD_MS);
			}
		} else if (p.mode === 'attack') {
			const fast = target.version.gainReductionDb!;
			const slow = other.version.gainReductionDb!;
			// A faster attack with the same release never reduces less (the detector is monotone in α).
			let lead = 0;
			for (let i = 0; i < fast.length; i++) {
				expect(fast[i]).toBeGreaterThanOrEqual(slow[i] - 1e-3);
				lead = Math.max(lead, fast[i] - slow[i]);
			}
			// The onset: the most the fast version leads by, on a hit.
			report.push(
				`${head}: claimed ${claimed} dB 1 ms into a hit; largest GR lead of the fast attack ${lead.toFixed(2)} dB; mean GR ${target.mean.toFixed(2)} vs ${other.mean.toFixed(2)}`
			);
			expect(lead).toBeGreaterThanOrEqual(ATTACK_ONSET_FRACTION * claimed);
			expect(target.mean).toBeGreaterThan(other.mean);
		} else {
			const grDifference = target.max - other.max;
			report.push(
				`${head}: claimed ${claimed} dB; GR peak ${target.max.toFixed(2)} vs ${other.max.toFixed(2)} (Δ ${grDifference.toFixed(2)}), mean ${target.mean.toFixed(2)} vs ${other.mean.toFixed(2)}; PSR ${target.psr.toFixed(2)} vs ${other.psr.toFixed(2)}`
			);
			expect(grDifference).toBeGreaterThanOrEqual(COMPRESSION_GR_FRACTION * claimed);
			expect(target.mean).toBeGreaterThan(other.mean + 0.1);
			if (Number(p.lightGrDb) === 0) expect(other.version.gainReductionDb).toBeUndefined();
		}
	} else {
		// The clean version is the original, only scaled: no sample altered.
		const matchGain = dbToGain(other.version.matchGainDb);
		let error = 0;
		audio.channels.forEach((samples, c) => {
			for (let i = 0; i < samples.length; i++) {
				error = Math.max(error, Math.abs(other.version.channels[c][i] - samples[i] * matchGain));
			}
		});
		expect(error).toBeLessThan(1e-6);
		expect(flatSamples(other.version.channels)).toBe(0);
		// The clipped version: clip()'s count on the same drive, and what the output shows.
		const copy = audio.channels.map((c) => c.slice());
		const { clippedSamples } = clip({
			channels: copy,
			driveDb: Number(p.clipDriveDb),
			shape: p.shape as 'hard' | 'cubic'
		});
		const flat = flatSamples(target.version.channels, false);
		// Undo the clipper's make-down and the match gain; unclipped samples of a hard clipper are untouched.
		const undo = dbToGain(Number(p.clipDriveDb) - target.version.matchGainDb);
		let altered = 0;
		let largest = 0;
		audio.channels.forEach((samples, c) => {
			for (let i = 0; i < samples.length; i++) {
				const deviation = Math.abs(
					target.version.channels[c][i] * undo - samples[i] * dbToGain(Number(p.clipDriveDb))
				);
				if (deviation > 1e-4) altered++;
				largest = Math.max(largest, deviation);
			}
		});
		report.push(
			`${head} (${p.shape}, ${p.overDb} dB over): clip() count ${clippedSamples}, samples at the ceiling ${flat}, samples altered > 1e-4 FS ${altered} (largest ${largest.toFixed(3)} FS at the clipper); clean version 0 flat, PSR ${target.psr.toFixed(2)} vs ${other.psr.toFixed(2)}`
		);
		expect(clippedSamples).toBeGreaterThan(0);
		expect(altered).toBeGreaterThan(0);
		expect(target.psr).toBeLessThan(other.psr);
		if (p.shape === 'hard') {
			expect(flat).toBeGreaterThan(0);
			expect(Math.abs(flat - clippedSamples)).toBeLessThanOrEqual(
				Math.max(2, 0.02 * clippedSamples)
			);
			expect(altered).toBeLessThanOrEqual(clippedSamples);
		} else {
			expect(altered).toBeGreaterThanOrEqual(clippedSamples * 0.5);
		}
	}
}

describe('dynamics drills render honestly', () => {
	const noise = renderNoise({
		color: 'pink',
		seed: 11,
		seconds: SECONDS,
		sampleRate,
		rmsDbfs: PINK_NOISE_RMS_DBFS
	});
	const noiseAudio: QuestionSourceAudio = { channels: [noise.left, noise.right], sampleRate };
	let arrangement: QuestionSourceAudio;
	beforeAll(async () => {
		const clipAudio = await renderArrangement({
			style: 'pop-rock',
			seed: 5,
			seconds: SECONDS,
			sampleRate,
			bank: testBank()
		});
		arrangement = { channels: [clipAudio.left, clipAudio.right], sampleRate };
	}, 60_000);

	describe.each(cases)('$kind.id level $level', ({ kind, level }) => {
		it(`is honest on pink noise for every distinct recipe of seeds 0…${SEEDS - 1}`, () => {
			const distinct = distinctRecipes(
				Array.from({ length: SEEDS }, (_, seed) =>
					generateQuestion({ kind: kind.id, level, seed, source: { kind: 'pink-noise' } })
				)
			);
			for (const question of distinct) checkHonest(question, noiseAudio, 'noise');
			// Both answer positions occur, so both orders were rendered.
			expect(distinct).toHaveLength(2);
		}, 60_000);

		it(`is honest on a pop-rock arrangement for seeds 0…${ARRANGEMENT_SEEDS - 1}`, () => {
			for (let seed = 0; seed < ARRANGEMENT_SEEDS; seed++) {
				const question = generateQuestion({
					kind: kind.id,
					level,
					seed,
					source: { kind: 'arrangement', style: 'pop-rock' }
				});
				checkHonest(question, arrangement, 'arrangement');
			}
		}, 60_000);
	});

	it('measured every recipe, all within the stated tolerances, and reports the worst', () => {
		console.log(
			[
				`dynamics honesty: ${worst.renders} renders; loudness match worst ${worst.lufs.toFixed(3)} LU; true peak worst ${worst.dbtp.toFixed(2)} dBTP`,
				...report
			].join('\n')
		);
		// Two distinct recipes per level on noise, ARRANGEMENT_SEEDS on music, one report line each.
		expect(worst.renders).toBe(cases.length * (2 + ARRANGEMENT_SEEDS));
		expect(report).toHaveLength(worst.renders);
		expect(worst.lufs).toBeLessThan(MATCH_TOLERANCE_LU);
		expect(worst.dbtp).toBeGreaterThan(-Infinity);
		expect(worst.dbtp).toBeLessThanOrEqual(GUARD_DBTP + GUARD_TOLERANCE_DB);
	});
});
