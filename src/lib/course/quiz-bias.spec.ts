/** The quizzes must not give their answers away by length or by position. */
import { describe, expect, it } from 'vitest';
import {
	answerPositions,
	describeShare,
	describeTally,
	firstTwo,
	longestCorrect,
	MAX_LONGEST_CORRECT_SHARE,
	type ChoiceSet
} from './quiz-bias';
import { readCourse } from './vite-plugin';

/** A question with `k` choices, the right one at `answer`: longer than the rest when `long`. */
function question({ k, answer, long = false }: { k: number; answer: number; long?: boolean }) {
	const choices = Array.from({ length: k }, (_, i) => (i === answer && long ? 'longer' : 'short'));
	return { choices, answer };
}

/** `n` three-choice questions whose answers cycle through `positions`. */
function quiz({ n, positions, long = false }: { n: number; positions: number[]; long?: boolean }) {
	return Array.from({ length: n }, (_, i) =>
		question({ k: 3, answer: positions[i % positions.length], long })
	);
}

describe('longestCorrect', () => {
	it.each([
		['the right choice longer than the rest', [{ choices: ['a', 'bbb', 'cc'], answer: 1 }], 1],
		['a tie for the longest', [{ choices: ['aaa', 'bbb', 'c'], answer: 1 }], 0],
		['another choice longer', [{ choices: ['aaaa', 'bbb', 'c'], answer: 1 }], 0],
		['characters, not words', [{ choices: ['one two', 'threefour'], answer: 1 }], 1]
	])('%s', (_, questions, count) => {
		expect(longestCorrect(questions)).toEqual({ count, total: 1, share: count });
	});

	it('leaves out questions with fewer than two choices, and an empty quiz is 0', () => {
		expect(longestCorrect([{ choices: ['only'], answer: 0 }])).toEqual({
			count: 0,
			total: 0,
			share: 0
		});
		expect(longestCorrect([]).share).toBe(0);
	});
});

describe('answerPositions', () => {
	it('compares each position with chance over the questions long enough to have it', () => {
		const questions: ChoiceSet[] = [
			question({ k: 2, answer: 0 }),
			question({ k: 3, answer: 2 }),
			question({ k: 4, answer: 3 })
		];
		const tallies = answerPositions(questions);
		expect(tallies.map((t) => t.count)).toEqual([1, 0, 1, 1]);
		// Position 0: 1/2 + 1/3 + 1/4; position 2: 1/3 + 1/4; position 3: 1/4 alone.
		const expected = [13 / 12, 13 / 12, 7 / 12, 1 / 4];
		const variance = [1 / 4 + 2 / 9 + 3 / 16, 1 / 4 + 2 / 9 + 3 / 16, 2 / 9 + 3 / 16, 3 / 16];
		for (const [p, t] of tallies.entries()) {
			expect(t.expected).toBeCloseTo(expected[p], 12);
			expect(t.bound).toBeCloseTo(expected[p] + 2 * Math.sqrt(variance[p]), 12);
		}
	});

	it('has no positions for no questions', () => {
		expect(answerPositions([])).toEqual([]);
	});
});

describe('firstTwo', () => {
	it('counts only questions with three or more choices, against 2/k each', () => {
		const questions = [
			question({ k: 2, answer: 0 }),
			question({ k: 3, answer: 1 }),
			question({ k: 4, answer: 2 })
		];
		const two = firstTwo(questions);
		expect(two.total).toBe(2);
		expect(two.count).toBe(1);
		expect(two.expected).toBeCloseTo(2 / 3 + 2 / 4, 12);
		expect(two.bound).toBeCloseTo(7 / 6 + 2 * Math.sqrt(2 / 9 + 1 / 4), 12);
	});
});

/** The course's rules, as assertions whose messages carry the numbers. */
function expectUnbiased({ name, questions }: { name: string; questions: readonly ChoiceSet[] }) {
	const longest = longestCorrect(questions);
	expect(
		longest.share,
		`${name}: the right choice is the strictly longest in ${describeShare(longest)}`
	).toBeLessThanOrEqual(MAX_LONGEST_CORRECT_SHARE);
	for (const [position, t] of answerPositions(questions).entries()) {
		expect(t.count, `${name}: position ${position + 1}: ${describeTally(t)}`).toBeLessThanOrEqual(
			t.bound
		);
	}
	const two = firstTwo(questions);
	expect(
		two.count,
		`${name}: first two positions of the ${two.total} with 3+ choices: ${describeTally(two)}`
	).toBeLessThanOrEqual(two.bound);
}

describe('the rules', () => {
	// Twelve three-choice questions: chance is 4 answers per position (bound 7.3) and 8 in the
	// first two (bound 11.3).
	it.each([
		['answers spread evenly, none longest', quiz({ n: 12, positions: [0, 1, 2] })],
		['repeats within the bounds', quiz({ n: 12, positions: [0, 0, 1, 2, 2, 1] })]
	])('pass %s', (_, questions) => {
		expect(() => expectUnbiased({ name: 'quiz', questions })).not.toThrow();
	});

	it.each([
		[
			'the right choice always the longest',
			quiz({ n: 12, positions: [0, 1, 2], long: true }),
			/quiz: the right choice is the strictly longest in 12 of 12 \(100 %\)/
		],
		[
			'every answer last',
			quiz({ n: 12, positions: [2] }),
			/quiz: position 3: 12 answers, chance 4\.0, bound 7\.3/
		],
		[
			'every answer in the first two, alternating',
			quiz({ n: 12, positions: [0, 1] }),
			/quiz: first two positions of the 12 with 3\+ choices: 12 answers, chance 8\.0, bound 11\.3/
		],
		['every answer first', quiz({ n: 12, positions: [0] }), /quiz: position 1: 12 answers/]
	])('fail %s', (_, questions, message) => {
		expect(() => expectUnbiased({ name: 'quiz', questions })).toThrow(message);
	});

	it('allow the longest right choice up to the limit, not beyond', () => {
		const atLimit = [
			...quiz({ n: 4, positions: [0, 1, 2, 1], long: true }),
			...quiz({ n: 6, positions: [2, 0, 1, 2, 0, 2] })
		];
		expect(longestCorrect(atLimit).share).toBe(MAX_LONGEST_CORRECT_SHARE);
		expect(() => expectUnbiased({ name: 'quiz', questions: atLimit })).not.toThrow();
		const over = [...atLimit, question({ k: 3, answer: 0, long: true })];
		expect(() => expectUnbiased({ name: 'quiz', questions: over })).toThrow(/longest in 5 of 11/);
	});
});

describe('the course’s quizzes', () => {
	const questions = readCourse(process.cwd()).lessons.flatMap((lesson) => lesson.quiz);

	// Listening questions whose choices are just "A" and "B" can't be fixed by rewording, and never
	// have a longest choice: the text questions are measured on their own too, so those can't hide
	// a bias there.
	it.each([
		['all questions', questions],
		['text questions', questions.filter((q) => !q.listen)]
	])('%s do not give the answer away by its length or its position', (name, group) => {
		expectUnbiased({ name, questions: group });
	});
});
