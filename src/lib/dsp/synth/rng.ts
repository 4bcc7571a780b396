/**
 * A small seeded PRNG: mulberry32 by Tommy Ettinger (public domain,
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c). 32-bit state, period 2³²,
 * passes gjrand's tests for the lengths we draw (a few thousand numbers per clip). Not for cryptography.
 */

/** A seeded random source with the helpers composition needs. */
export interface Rng {
	/** Uniform float in [0, 1). */
	next(): number;
	/** Uniform integer in [min, max] (both inclusive). */
	int(min: number, max: number): number;
	/** Uniform float in [min, max). */
	range(min: number, max: number): number;
	/** One element of a non-empty array. */
	pick<T>(items: readonly T[]): T;
	/** True with probability `p`. */
	chance(p: number): boolean;
	/** Gaussian sample (Box–Muller transform). */
	normal(mean?: number, sd?: number): number;
	/** A new generator whose sequence is independent of later draws from this one. */
	fork(salt: number): Rng;
}

/** Mixes a 32-bit integer into a well-spread seed (the finalizer of MurmurHash3, Austin Appleby). */
export function hashSeed(value: number): number {
	let h = value | 0;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

/** Creates a mulberry32 generator; the same seed always yields the same sequence. */
export function createRng(seed: number): Rng {
	let state = hashSeed(seed) >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) | 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const rng: Rng = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		range: (min, max) => min + next() * (max - min),
		pick: (items) => {
			if (items.length === 0) throw new RangeError('pick needs a non-empty array');
			return items[Math.floor(next() * items.length)];
		},
		chance: (p) => next() < p,
		normal: (mean = 0, sd = 1) => {
			// 1 − u keeps the logarithm finite (u may be 0, never 1).
			const u = 1 - next();
			const v = next();
			return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		},
		fork: (salt) => createRng((hashSeed(salt) ^ Math.floor(next() * 4294967296)) >>> 0)
	};
	return rng;
}
