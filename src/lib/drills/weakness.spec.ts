import { describe, expect, it } from 'vitest';
import { createRng } from '../dsp/synth/rng';
import { OCTAVE_BANDS_HZ, octaveBandOf } from './bands';
import { generateQuestion } from './question-rng';
import { bandWeights, pickWeakBandSeed, UNTRIED_WEIGHT, weaknessWeights } from './weakness';

describe('weaknessWeights', () => {
	it('weights weak kinds up and never drops a strong one', () => {
		const [perfect, half, none, untried] = weaknessWeights([1, 0.5, 0, null]);
		expect(perfect).toBeCloseTo(0.5);
		expect(half).toBeCloseTo(1.5);
		expect(none).toBeCloseTo(2.5);
		expect(untried).toBe(UNTRIED_WEIGHT);
		expect(half / perfect).toBeCloseTo(3);
	});

	it('clamps accuracies outside 0…1', () => {
		expect(weaknessWeights([1.2, -0.1])).toEqual([0.5, 2.5]);
	});
});

describe('weak-band review', () => {
	it('turns band counts into weights, treating bands with few answers as untried', () => {
		const w = bandWeights({ '125': [10, 2], '1000': [10, 10], '4000': [2, 0] });
		expect(w['125']).toBeCloseTo(0.5 + 2 * 0.8);
		expect(w['1000']).toBeCloseTo(0.5);
		expect(w['4000']).toBe(UNTRIED_WEIGHT);
	});

	it('draws eq-boost questions from a weak band about as often as the weights say', () => {
		// The learner misses 125 Hz (20 %) and gets every other octave band right.
		const counts: Record<string, [number, number]> = {};
		for (const hz of OCTAVE_BANDS_HZ) counts[String(hz)] = [20, 20];
		counts['125'] = [20, 4];
		const weights = bandWeights(counts);
		const rng = createRng(7);
		let seedCounter = 1000;
		const bandOf = (seed: number) =>
			octaveBandOf(
				generateQuestion({ kind: 'eq-boost', level: 2, seed, source: { kind: 'pink-noise' } })
					.params.frequencyHz
			);
		const trials = 3000;
		let weak = 0;
		let baseline = 0;
		for (let i = 0; i < trials; i++) {
			const seed = pickWeakBandSeed({
				bandOf,
				weights,
				nextSeed: () => seedCounter++,
				uniform: () => rng.next()
			});
			if (bandOf(seed) === '125') weak++;
			if (bandOf(i + 1_000_000) === '125') baseline++;
		}
		// Level 2 asks about all ten octave bands equally: 10 % baseline. With weight 2.1 against
		// 0.5 for the rest the expected share is 2.1 / (2.1 + 9 × 0.5) ≈ 31.8 %.
		expect(baseline / trials).toBeGreaterThan(0.08);
		expect(baseline / trials).toBeLessThan(0.12);
		expect(weak / trials).toBeGreaterThan(0.28);
		expect(weak / trials).toBeLessThan(0.36);
	});

	it('keeps the first seed for questions without a band', () => {
		let n = 5;
		const seed = pickWeakBandSeed({
			bandOf: () => null,
			weights: { '125': 2.5 },
			nextSeed: () => n++,
			uniform: () => 0.99
		});
		expect(seed).toBe(5);
	});
});
