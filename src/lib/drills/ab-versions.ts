/**
 * The two versions of an A/B question (level, mono, the translation drill's A/B rung and the
 * dynamics drills): their ids and buttons, and a fair draw of the one that carries the difference,
 * uniform and independent per seed (repeats allowed, so there is no pattern to learn).
 */
import type { Rng } from '../dsp/synth/rng';
import type { Choice } from './types';

/** The two versions' ids, in display order. */
export const VERSION_IDS = ['A', 'B'] as const;
export type VersionId = (typeof VERSION_IDS)[number];

/** The choices of an A/B question, in button order (a new array, so a question may own it). */
export function abChoices(): Choice[] {
	return VERSION_IDS.map((id) => ({ id, label: id }));
}

/** Draws the version that carries the answer, A or B with equal odds; the other is returned too. */
export function pickVersion(rng: Rng): { answer: VersionId; other: VersionId } {
	const answer = rng.pick(VERSION_IDS);
	return { answer, other: answer === 'A' ? 'B' : 'A' };
}
