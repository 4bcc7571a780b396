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

/** Minimum answers in a band before its accuracy counts (fewer reads as untried). */
export const MIN_BAND_ANSWERS = 3;

/**
 * Weights per octave band (centre as a string, '1000') from recent [questions, correct] counts,
 * with the same curve as the kinds: bands the learner misses come up more.
 */
export function bandWeights(counts: Record<string, [number, number]>): Record<string, number> {
	const weights: Record<string, number> = {};
	for (const [band, [n, correct]] of Object.entries(counts)) {
		weights[band] = weaknessWeights([n >= MIN_BAND_ANSWERS ? correct / n : null])[0];
	}
	return weights;
}

/**
 * Picks a question seed so that the band the question asks about follows `weights` (rejection
 * sampling: a candidate is kept with probability weight / largest weight, so bands come up in
 * proportion to their weight times how often the drill would pick them anyway). Bands without a
 * weight count as untried. Questions with no band (non-EQ kinds) keep the first seed. Gives up after
 * `maxTries` and keeps the last candidate, so a session never stalls.
 */
export function pickWeakBandSeed({
	bandOf,
	weights,
	nextSeed,
	uniform,
	maxTries = 24
}: {
	/** The octave band the question from `seed` asks about, or null. */
	bandOf: (seed: number) => string | null;
	weights: Record<string, number>;
	nextSeed: () => number;
	uniform: () => number;
	maxTries?: number;
}): number {
	const largest = Math.max(UNTRIED_WEIGHT, ...Object.values(weights));
	let seed = nextSeed();
	for (let tries = 1; tries < maxTries; tries++) {
		const band = bandOf(seed);
		if (band === null) return seed;
		if (uniform() * largest < (weights[band] ?? UNTRIED_WEIGHT)) return seed;
		seed = nextSeed();
	}
	return seed;
}
