import { describe, expect, it } from 'vitest';
import { createRng } from '../dsp/synth/rng';
import { createStaircase, recordAnswer, thresholdLevel, type StaircaseState } from './staircase';

const answer = (state: StaircaseState, correct: boolean, maxLevel = 7) =>
	recordAnswer({ state, correct, maxLevel });
const play = (answers: boolean[], start = createStaircase(), maxLevel = 7) =>
	answers.reduce((state, correct) => answer(state, correct, maxLevel), start);

describe('staircase (3-down/1-up)', () => {
	it.each([
		{ answers: [true, true], level: 0, correctRun: 2 },
		{ answers: [true, true, true], level: 1, correctRun: 0 },
		{ answers: [true, true, true, true, true, true], level: 2, correctRun: 0 },
		{ answers: [true, true, false, true, true, true], level: 1, correctRun: 0 },
		{ answers: [true, true, true, false], level: 0, correctRun: 0 }
	])('$answers → level $level', ({ answers, level, correctRun }) => {
		const state = play(answers);
		expect(state.level).toBe(level);
		expect(state.correctRun).toBe(correctRun);
		expect(state.trials).toBe(answers.length);
	});

	it('never leaves 0…maxLevel', () => {
		expect(play([false, false, false]).level).toBe(0);
		const top = play(Array(30).fill(true), createStaircase(), 3);
		expect(top.level).toBe(3);
		expect(top.reversals).toEqual([]);
		expect(answer(createStaircase(9), true, 3).level).toBe(3);
	});

	it('records a reversal at the turning level each time the direction changes', () => {
		// Up to 2, down to 1, up to 2, down to 1.
		const state = play([true, true, true, true, true, true, false, true, true, true, false]);
		expect(state.level).toBe(1);
		expect(state.reversals).toEqual([2, 1, 2]);
		expect(state.lastDirection).toBe('easier');
	});

	it('estimates the threshold from the last six reversals, or the level with fewer than two', () => {
		expect(thresholdLevel({ ...createStaircase(4), reversals: [3] })).toBe(4);
		expect(thresholdLevel({ ...createStaircase(4), reversals: [9, 9, 2, 3, 2, 3, 2, 3] })).toBe(
			2.5
		);
	});

	it('does not modify its input and stays JSON-serializable', () => {
		const before = play([true, true, true, false]);
		const copy = structuredClone(before);
		answer(before, true);
		expect(before).toEqual(copy);
		expect(JSON.parse(JSON.stringify(before))).toEqual(before);
	});

	it('drives a simulated learner to about 79.4 % correct (±5 %)', () => {
		// A 2-choice learner: chance 50 %, a logistic psychometric function falling from ~100 % at
		// level 0 to chance at the top of a 40-rung ladder (midpoint 20, slope 3 rungs).
		const maxLevel = 40;
		const pCorrect = (level: number) => 0.5 + 0.5 / (1 + Math.exp((level - 20) / 3));
		for (const seed of [1, 2, 3]) {
			const rng = createRng(seed);
			let state = createStaircase();
			let correctCount = 0;
			let counted = 0;
			const trials = 6000;
			for (let t = 0; t < trials; t++) {
				const correct = rng.next() < pCorrect(state.level);
				// Skip the approach from level 0.
				if (t >= 500) {
					counted++;
					if (correct) correctCount++;
				}
				state = answer(state, correct, maxLevel);
			}
			expect(Math.abs(correctCount / counted - 0.794)).toBeLessThan(0.05);
			// The threshold estimate sits near the level where P(correct) = 0.794.
			const target = 20 + 3 * Math.log(0.5 / (0.794 - 0.5) - 1);
			expect(Math.abs(thresholdLevel(state) - target)).toBeLessThan(4);
		}
	});
});
