/** How often each drill kind comes up in the daily mix: weaker kinds more, none ever left out. */

/** Weight for an untried kind: between a strong and a weak one, so new skills get introduced. */
export const UNTRIED_WEIGHT = 1.5;

/**
 * Weights from each kind's recent accuracy (0…1, null when untried): 0.5 + 2 × (1 − accuracy), so a
 * kind at 50 % comes up three times as often as one at 100 %, and a mastered kind still appears.
 */
export function weaknessWeights(accuracies: (number | null)[]): number[] {
	return accuracies.map((a) =>
		a === null ? UNTRIED_WEIGHT : 0.5 + 2 * (1 - Math.min(1, Math.max(0, a)))
	);
}
