import { describe, expect, it } from 'vitest';
import { createRng } from '../dsp/synth/rng';
import { choiceOrder } from './quiz-order';

describe('choiceOrder', () => {
	it('gives every order of 2 to 5 choices equally often (χ² over 24,000 shuffles)', () => {
		const rng = createRng(7);
		const random = () => rng.next();
		for (const count of [2, 3, 4, 5]) {
			const choices = Array.from({ length: count }, (_, i) => `choice ${i}`);
			const seen = new Map<string, number>();
			const draws = 24_000;
			let notPermutations = 0;
			for (let n = 0; n < draws; n++) {
				const order = choiceOrder({ choices, random });
				// Each index once (checked cheaply: one expect per draw took seconds under load).
				if (
					order.length !== count ||
					new Set(order).size !== count ||
					order.some((i) => !(i in choices))
				)
					notPermutations++;
				const key = order.join();
				seen.set(key, (seen.get(key) ?? 0) + 1);
			}
			expect(notPermutations).toBe(0);
			const orders = [1, 2, 6, 24, 120][count - 1];
			expect(seen.size).toBe(orders);
			const expected = draws / orders;
			const chi2 = [...seen.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
			// The 99.9th percentile of χ² with orders − 1 degrees of freedom (1, 5, 23, 119).
			expect(chi2).toBeLessThan({ 2: 10.83, 3: 20.52, 4: 49.73, 5: 169.1 }[count]!);
		}
	});

	it('puts the right answer in each position equally often, so the stored index still grades it', () => {
		const rng = createRng(11);
		const random = () => rng.next();
		const choices = ['a', 'b', 'c', 'd'];
		const at = [0, 0, 0, 0];
		for (let n = 0; n < 8000; n++) {
			const order = choiceOrder({ choices, random });
			// The learner picks the choice shown at position p; its index is what is graded.
			const shownRight = order.indexOf(2);
			at[shownRight]++;
			expect(choices[order[shownRight]]).toBe('c');
		}
		for (const count of at) expect(Math.abs(count - 2000)).toBeLessThan(200);
	});

	it('keeps a listening question’s version labels in the player’s order', () => {
		expect(choiceOrder({ choices: ['A', 'B'], random: () => 0 })).toEqual([0, 1]);
		expect(choiceOrder({ choices: ['A', 'B', 'C'], random: () => 0 })).toEqual([0, 1, 2]);
		// Anything else is shuffled (random() = 0 takes the first remaining choice last).
		expect(choiceOrder({ choices: ['13', '15', '−15'], random: () => 0 })).toEqual([1, 2, 0]);
	});
});
