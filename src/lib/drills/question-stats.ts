/**
 * Statistics the drill specs apply to many seeded questions: where the answer sits among the choices
 * (uniform, unpatterned) and which questions differ in their audio recipe. Test support, pure.
 */
import type { Question } from './types';

/** Chi-square critical values at p = 0.001 by degrees of freedom: fixed-seed tests, so no flakes. */
export const CHI2_CRITICAL: Readonly<Record<number, number>> = {
	1: 10.83,
	2: 13.82,
	3: 16.27,
	4: 18.47,
	5: 20.52,
	6: 22.46,
	7: 24.32,
	9: 27.88
};

/**
 * The answer's position in each question's choices, the chi-square of those positions against a
 * uniform spread over `n` choices, and how often consecutive questions repeat a position.
 */
export function answerPositionStats(questions: Question[]): {
	n: number;
	chi2: number;
	repeatRate: number;
} {
	const n = questions[0].choices.length;
	const positions = questions.map((q) => q.choices.findIndex((c) => c.id === q.answer));
	const expected = questions.length / n;
	let chi2 = 0;
	for (let i = 0; i < n; i++) {
		const count = positions.filter((x) => x === i).length;
		chi2 += (count - expected) ** 2 / expected;
	}
	let repeats = 0;
	for (let i = 1; i < positions.length; i++) if (positions[i] === positions[i - 1]) repeats++;
	return { n, chi2, repeatRate: repeats / (positions.length - 1) };
}

/**
 * The questions whose audio recipe (`recipe`, default: versions and params) differs from every earlier
 * one: a question's audio depends only on its recipe and the source, so checking these covers all.
 */
export function distinctRecipes(
	questions: Iterable<Question>,
	recipe: (q: Question) => unknown = (q) => ({ versions: q.versions, params: q.params })
): Question[] {
	const seen = new Set<string>();
	const distinct: Question[] = [];
	for (const q of questions) {
		const key = JSON.stringify(recipe(q));
		if (seen.has(key)) continue;
		seen.add(key);
		distinct.push(q);
	}
	return distinct;
}
