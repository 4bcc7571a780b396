/**
 * Answer bias in the lesson quizzes: clues that give the right choice away without knowing the
 * subject. Two are measured, the classic flaws of multiple-choice writing: the right answer is the
 * longest choice, and the right answer sits in the same few positions. Positions are compared with
 * chance, a right answer equally likely at each of a question's k positions (p = 1/k for one
 * position, 2/k for the first two), with a bound two standard deviations above it: a count of
 * independent yes/no events with chances p has variance Σ p(1 − p). Pure: quiz-bias.spec.ts holds
 * the course to these bounds.
 */
import type { QuizQuestion } from './lessons';

/** What the measures need from a question: its choices and the index of the right one. */
export type ChoiceSet = Pick<QuizQuestion, 'choices' | 'answer'>;

/** The largest share of questions whose right choice may be the strictly longest. */
export const MAX_LONGEST_CORRECT_SHARE = 0.4;

/** A count of questions out of `total`. */
export interface Share {
	count: number;
	total: number;
	/** count / total (0 when there are no questions). */
	share: number;
}

/** A count of answers against chance: `expected`, and `bound` = expected + 2 standard deviations. */
export interface Tally {
	count: number;
	expected: number;
	bound: number;
}

/** Questions (of those with two or more choices) whose right choice is longer than every other. */
export function longestCorrect(questions: readonly ChoiceSet[]): Share {
	const asked = questions.filter((q) => q.choices.length >= 2);
	const count = asked.filter(({ choices, answer }) => {
		const right = choices[answer].length;
		return choices.every((choice, i) => i === answer || choice.length < right);
	}).length;
	return { count, total: asked.length, share: asked.length ? count / asked.length : 0 };
}

/** For each choice position (index 0 first), how many right answers sit there, against chance. */
export function answerPositions(questions: readonly ChoiceSet[]): Tally[] {
	const positions = Math.max(0, ...questions.map((q) => q.choices.length));
	return Array.from({ length: positions }, (_, position) =>
		tally({
			questions: questions.filter((q) => q.choices.length > position),
			hit: (q) => q.answer === position,
			chance: (k) => 1 / k
		})
	);
}

/** Among questions with three or more choices, right answers in the first two positions. */
export function firstTwo(questions: readonly ChoiceSet[]): Tally & { total: number } {
	const asked = questions.filter((q) => q.choices.length >= 3);
	const result = tally({ questions: asked, hit: (q) => q.answer < 2, chance: (k) => 2 / k });
	return { ...result, total: asked.length };
}

/** "12 of 52 (23 %)" */
export function describeShare({ count, total, share }: Share): string {
	return `${count} of ${total} (${percent(share)})`;
}

/** "14 answers, chance 12.9, bound 18.8" */
export function describeTally({ count, expected, bound }: Tally): string {
	return `${count} answers, chance ${expected.toFixed(1)}, bound ${bound.toFixed(1)}`;
}

function percent(share: number): string {
	return `${Math.round(share * 100)} %`;
}

/** Counts `hit` questions; each is a hit by chance with probability `chance(k)`, k its choices. */
function tally({
	questions,
	hit,
	chance
}: {
	questions: readonly ChoiceSet[];
	hit: (q: ChoiceSet) => boolean;
	chance: (k: number) => number;
}): Tally {
	let count = 0;
	let expected = 0;
	let variance = 0;
	for (const q of questions) {
		const p = chance(q.choices.length);
		if (hit(q)) count++;
		expected += p;
		variance += p * (1 - p);
	}
	return { count, expected, bound: expected + 2 * Math.sqrt(variance) };
}
