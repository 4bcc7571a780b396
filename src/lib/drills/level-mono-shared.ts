/**
 * Shared by the two-version drills that ask "which of A and B?" (level, mono, and the translation
 * drill's bass-on-a-phone rung): the two choices, a fair draw of the answer, and the other version.
 */
import type { Rng } from '../dsp/synth/rng';
import type { Choice } from './types';

/** The choices of an A/B question, in button order. */
export const AB_CHOICES: readonly Choice[] = [
	{ id: 'A', label: 'A' },
	{ id: 'B', label: 'B' }
];

/** Draws which version carries the difference: A or B with equal odds, independently per seed. */
export function pickVersion(rng: Rng): 'A' | 'B' {
	return rng.chance(0.5) ? 'A' : 'B';
}

/** The version that is not `id`. */
export function otherVersion(id: string): 'A' | 'B' {
	return id === 'A' ? 'B' : 'A';
}
