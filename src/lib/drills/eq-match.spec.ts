import { describe, expect, it } from 'vitest';
import { eqMatch, octaveDistance, parseMatchAnswer } from './eq-match';
import { generateQuestion } from './question-rng';
import type { Question } from './types';

/** A question at `level` with the hidden EQ replaced by 1 kHz at `gainDb`. */
function question(level: number, gainDb = 6): Question {
	const q = generateQuestion({ kind: 'eq-match', level, seed: 1, source: { kind: 'pink-noise' } });
	const step = { type: 'peaking' as const, frequencyHz: 1000, gainDb, q: 1.41 };
	return {
		...q,
		versions: [
			{ id: 'A', chain: [step] },
			{ id: 'B', chain: [] }
		],
		answer: JSON.stringify({ frequencyHz: 1000, gainDb }),
		params: { ...q.params, frequencyHz: 1000, gainDb }
	};
}
const answer = (frequencyHz: number, gainDb?: number) => JSON.stringify({ frequencyHz, gainDb });

describe('eq-match grading', () => {
	it.each([
		// Level 0: frequency only, ⅔ octave.
		{ level: 0, f: 1000, g: undefined, correct: true, score: 1 },
		{ level: 0, f: 1000 * 2 ** 0.66, g: undefined, correct: true, score: 1 },
		{ level: 0, f: 1000 / 2 ** 0.66, g: -40, correct: true, score: 1 },
		{ level: 0, f: 1000 * 2 ** 0.7, g: undefined, correct: false, score: 1 - (0.7 - 2 / 3) },
		{ level: 0, f: 1000 * 2 ** (2 / 3 + 0.5), g: undefined, correct: false, score: 0.5 },
		{ level: 0, f: 20000, g: undefined, correct: false, score: 0 },
		// Level 2: ½ octave.
		{ level: 2, f: 1000 * 2 ** 0.49, g: undefined, correct: true, score: 1 },
		{ level: 2, f: 1000 * 2 ** 0.55, g: undefined, correct: false, score: 0.95 },
		// Level 4: ⅓ octave and 3 dB.
		{ level: 4, f: 1000 * 2 ** 0.3, g: 8.9, correct: true, score: 1 },
		{ level: 4, f: 1000 * 2 ** 0.3, g: 9.5, correct: false, score: (1 + (1 - 0.5 / 6)) / 2 },
		{ level: 4, f: 1000 * 2 ** 0.5, g: 6, correct: false, score: (1 - 1 / 6 + 1) / 2 },
		// Level 5: ⅓ octave and 2 dB.
		{ level: 5, f: 1000, g: 8.1, correct: false, score: (1 + (1 - 0.1 / 6)) / 2 },
		{ level: 5, f: 1000, g: 7.9, correct: true, score: 1 }
	])('level $level: $f Hz, $g dB → correct $correct', ({ level, f, g, correct, score }) => {
		const grade = eqMatch.grade(question(level), answer(f, g));
		expect(grade.correct).toBe(correct);
		expect(grade.score).toBeCloseTo(score, 6);
		expect(grade.feedback).toMatch(correct ? /^Right: it was a 6 dB boost at 1 kHz/ : /^Not quite/);
	});

	it.each([
		['not json', /not JSON/],
		['null', /expected/],
		['42', /expected/],
		['{}', /frequency/],
		['{"frequencyHz":"1000"}', /frequency/],
		['{"frequencyHz":-5}', /frequency/],
		['{"frequencyHz":0}', /frequency/],
		['{"frequencyHz":1e999}', /frequency/]
	])('grades the malformed answer %s as wrong with a clear message', (bad, message) => {
		const grade = eqMatch.grade(question(0), bad);
		expect(grade).toMatchObject({ correct: false, score: 0 });
		expect(grade.feedback).toMatch(/could not be read/);
		expect(grade.feedback).toMatch(message);
	});

	it('asks for the gain only at the levels that show a gain control', () => {
		expect(eqMatch.grade(question(0), answer(1000)).correct).toBe(true);
		expect(eqMatch.grade(question(4), answer(1000)).feedback).toMatch(/gain must be a number/);
		expect(parseMatchAnswer({ answer: answer(500, 3), needGain: true })).toEqual({
			frequencyHz: 500,
			gainDb: 3
		});
	});

	it('measures octave distance symmetrically on a log scale', () => {
		expect(octaveDistance(2000, 1000)).toBeCloseTo(1, 12);
		expect(octaveDistance(500, 1000)).toBeCloseTo(1, 12);
		expect(octaveDistance(1000, 1000)).toBe(0);
	});

	it('describes cuts in the reveal and feedback', () => {
		const grade = eqMatch.grade(question(3, -9), answer(1000, -9));
		expect(grade.feedback).toMatch(/^Right: it was a 9 dB cut at 1 kHz; you set −9 dB at 1 kHz/);
	});
});
