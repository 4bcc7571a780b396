import { describe, expect, it } from 'vitest';
import { answerPositionStats, distinctRecipes } from './question-stats';
import type { Question } from './types';

const q = (answer: string, chain = 0) =>
	({
		answer,
		choices: [
			{ id: 'A', label: 'A' },
			{ id: 'B', label: 'B' }
		],
		versions: [{ id: 'A', chain: chain ? [{ type: 'gain', gainDb: chain }] : [] }],
		params: {}
	}) as unknown as Question;

describe('answerPositionStats', () => {
	it('is 0 for a perfectly even spread and counts repeats', () => {
		const stats = answerPositionStats(['A', 'B', 'A', 'B'].map((a) => q(a)));
		expect(stats).toEqual({ n: 2, chi2: 0, repeatRate: 0 });
	});

	it('grows when one position dominates', () => {
		const stats = answerPositionStats(['A', 'A', 'A', 'B'].map((a) => q(a)));
		expect(stats.chi2).toBeCloseTo(1); // (3 − 2)²/2 + (1 − 2)²/2
		expect(stats.repeatRate).toBeCloseTo(2 / 3);
	});
});

describe('distinctRecipes', () => {
	it('keeps the first question of each recipe, in order', () => {
		const questions = [q('A', 1), q('B', 1), q('A', 2), q('A', 1)];
		expect(distinctRecipes(questions)).toEqual([questions[0], questions[2]]);
		expect(distinctRecipes(questions, (x) => x.answer)).toEqual([questions[0], questions[1]]);
	});
});
