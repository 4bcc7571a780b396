/**
 * Helpers shared by the dynamics drills (`limiter`, `compression`, `clipping`): two versions A and
 * B, the answer drawn uniformly from them per seed (repeats allowed, no pattern), and the level the
 * generator assumes for the source. The generator never sees the audio, so amounts are set against
 * the sources' known gain staging: arrangements peak at −6 dBFS (renderArrangement's default) and
 * sit around −20 LUFS; pink noise at −20 dBFS RMS peaks within about a dB of that.
 */
import type { Rng } from '../dsp/synth/rng';
import type { Dbfs, Decibels } from '../dsp/units';
import type { Choice } from './types';

/** The sample peak the dynamics drills assume for their source, dBFS. */
export const ASSUMED_SOURCE_PEAK_DBFS: Dbfs = -6;

/** The two versions' ids, in display order. */
export const VERSION_IDS = ['A', 'B'] as const;
export type VersionId = (typeof VERSION_IDS)[number];

/** The A/B choices every dynamics drill offers. */
export function abChoices(): Choice[] {
	return VERSION_IDS.map((id) => ({ id, label: id }));
}

/** Draws the version that carries the answer, uniformly; the other is returned too. */
export function pickVersion(rng: Rng): { answer: VersionId; other: VersionId } {
	const answer = rng.pick(VERSION_IDS);
	return { answer, other: answer === 'A' ? 'B' : 'A' };
}

/** A number of decibels without a sign, to one decimal: "2.5 dB". */
export function formatDb(db: Decibels): string {
	return `${Math.round(Math.abs(db) * 10) / 10} dB`;
}

/** "a 10 dB" / "an 8 dB" / "an 11 dB": the article a spoken number needs. */
export function dbPhrase(db: Decibels): string {
	const magnitude = String(Math.round(Math.abs(db) * 10) / 10);
	const article = /^(8|11|18)(\.|$)/.test(magnitude) ? 'an' : 'a';
	return `${article} ${magnitude} dB`;
}
