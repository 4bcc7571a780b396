import { describe, expect, it } from 'vitest';
import { UNTRIED_WEIGHT, weaknessWeights } from './weakness';

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
