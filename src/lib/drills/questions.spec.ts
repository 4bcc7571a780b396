/**
 * Every drill kind, every level, 500 seeds: the question is well formed, its parameters agree with
 * its chains and reveal, the same seed gives the same question, seeds vary it, and the answer's
 * position among the choices is uniform (chi-square) with repeats at about the chance rate. The
 * audio itself is checked in render-question.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { BAND_Q, bandCentres, bandId, OCTAVE_BANDS_HZ } from './bands';
import { BAND_LADDER } from './eq-band';
import { DETECT_LADDER } from './eq-detect';
import { MATCH_LADDER } from './eq-match';
import { generateQuestion } from './question-rng';
import { answerPositionStats, CHI2_CRITICAL } from './question-stats';
import { drillKinds } from './registry';
import type { Question } from './types';

const SEEDS = 500;
const source = { kind: 'pink-noise' } as const;

// The EQ family; the dynamics and translation kinds have their own specs (dynamics.spec.ts,
// translation-mono.spec.ts) because their claims are measured differently.
const eqKinds = drillKinds.filter((kind) => kind.family === 'eq');
const cases = eqKinds.flatMap((kind) => kind.levels.map((_, level) => ({ kind, level })));

/** The processed version and its chain, checked to be the only processing. */
function processedSteps(question: Question) {
	const processed = question.versions.filter((v) => v.chain.length > 0);
	expect(processed.length).toBeLessThanOrEqual(1);
	for (const v of processed) {
		expect(v.chain).toHaveLength(1);
		expect(v.chain[0].type).toBe('peaking');
	}
	return processed;
}

function checkQuestion(question: Question, { kind, level }: (typeof cases)[number]) {
	expect(question.kind).toBe(kind.id);
	expect(question.level).toBe(level);
	expect(question.prompt.length).toBeGreaterThan(5);
	expect(question.reveal.summary).toMatch(/\.$/);
	expect(question.versions.map((v) => v.id)).toEqual(['A', 'B']);
	const processed = processedSteps(question);
	const p = question.params;
	if (processed.length === 1) {
		const step = processed[0].chain[0];
		expect(step).toEqual({ type: 'peaking', frequencyHz: p.frequencyHz, gainDb: p.gainDb, q: p.q });
		expect(p.processedVersion).toBe(processed[0].id);
		expect(question.reveal.curve).toEqual([step]);
	} else {
		expect(p.processedVersion).toBe('none');
		expect(question.reveal.curve ?? []).toEqual([]);
	}
	expect(p.choiceCount).toBe(question.choices.length);
	const ids = question.choices.map((c) => c.id);
	expect(new Set(ids).size).toBe(ids.length);
	for (const c of question.choices) expect(c.label.length).toBeGreaterThan(0);

	if (kind.id === 'eq-boost' || kind.id === 'eq-cut') {
		const spec = BAND_LADDER[level];
		expect(ids).toContain(question.answer);
		expect(question.answer).toBe(bandId(Number(p.frequencyHz)));
		expect(p.gainDb).toBe((kind.id === 'eq-boost' ? 1 : -1) * spec.gainDb);
		expect(p.q).toBe(BAND_Q[spec.width]);
		expect(ids).toHaveLength(spec.choiceCount);
		const centres = bandCentres(spec.width).map(bandId);
		const indices = ids.map((id) => centres.indexOf(id));
		// Real bands, low to high; third-octave choices are neighbours.
		expect(indices.every((x, i) => x >= 0 && (i === 0 || x > indices[i - 1]))).toBe(true);
		if (spec.width === 'third-octave') {
			expect(indices.at(-1)! - indices[0]).toBe(spec.choiceCount - 1);
		}
		if (spec.minSpacing) {
			expect(indices.every((x, i) => i === 0 || x - indices[i - 1] >= spec.minSpacing!)).toBe(true);
		}
	} else if (kind.id === 'eq-detect') {
		const spec = DETECT_LADDER[level];
		expect(ids).toEqual(spec.neither ? ['A', 'B', 'neither'] : ['A', 'B']);
		expect(ids).toContain(question.answer);
		if (question.answer === 'neither') expect(processed).toHaveLength(0);
		else {
			expect(processed[0].id).toBe(question.answer);
			expect(Math.abs(Number(p.gainDb))).toBe(spec.gainDb);
			expect(OCTAVE_BANDS_HZ).toContain(p.frequencyHz);
		}
	} else {
		const spec = MATCH_LADDER[level];
		expect(question.choices).toEqual([]);
		expect(processed[0].id).toBe('A');
		expect(JSON.parse(question.answer)).toEqual({ frequencyHz: p.frequencyHz, gainDb: p.gainDb });
		expect(spec.gainsDb).toContain(p.gainDb);
		expect(question.controls?.frequency).toEqual({ minHz: 20, maxHz: 20000 });
		expect(question.controls?.gain !== undefined).toBe(spec.toleranceDb !== undefined);
	}
	// The right answer grades right.
	const grade = kind.grade(question, question.answer);
	expect(grade).toMatchObject({ correct: true, score: 1 });
}

describe.each(cases)('$kind.id level $level over 500 seeds', ({ kind, level }) => {
	const questions = Array.from({ length: SEEDS }, (_, seed) =>
		generateQuestion({ kind: kind.id, level, seed, source })
	);

	it('is valid, and its parameters match its chains', () => {
		for (const question of questions) checkQuestion(question, { kind, level });
	});

	it('is deterministic for a seed and varies across seeds', () => {
		for (const seed of [0, 1, 77, 499]) {
			expect(generateQuestion({ kind: kind.id, level, seed, source })).toEqual(questions[seed]);
		}
		const distinct = new Set(questions.map((q) => JSON.stringify([q.versions, q.choices])));
		// All-ten-band rungs have only ten distinct questions (one per band).
		expect(distinct.size).toBeGreaterThanOrEqual(10);
		const answers = new Set(questions.map((q) => q.answer));
		expect(answers.size).toBeGreaterThanOrEqual(Math.min(questions[0].choices.length, 10) || 10);
	});

	it('puts the answer at uniform, unpatterned positions', () => {
		if (kind.id === 'eq-match') {
			// No choices: the hidden frequency itself must not be predictable.
			const frequencies = questions.map((q) => q.params.frequencyHz);
			expect(new Set(frequencies).size).toBeGreaterThan(18);
			return;
		}
		const { n, chi2, repeatRate } = answerPositionStats(questions);
		expect(chi2).toBeLessThan(CHI2_CRITICAL[n - 1]);
		// Repeats allowed, at about the chance rate 1/n: no alternation, no runs.
		expect(repeatRate).toBeGreaterThan(0.5 / n);
		expect(repeatRate).toBeLessThan(1.6 / n);
	});
});

describe('generateQuestion', () => {
	it.each([{ level: -1 }, { level: 99 }, { level: 1.5 }])('rejects level $level', ({ level }) => {
		expect(() => generateQuestion({ kind: 'eq-boost', level, seed: 1, source })).toThrow(
			RangeError
		);
	});

	it('rejects an unknown kind', () => {
		expect(() =>
			generateQuestion({ kind: 'eq-nope' as 'eq-boost', level: 0, seed: 1, source })
		).toThrow(/unknown drill kind/);
	});
});
