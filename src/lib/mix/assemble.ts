/**
 * A project put together from stems already rendered: the parts joined and the problems planted.
 * Nothing here renders (no synth, no bank), so the mix worker, which only mixes, does not load one;
 * `project.ts` renders and then calls this.
 */
import type { SampleRate, Seconds } from '../dsp/units';
import type { StyleId } from '../dsp/synth/styles';
import { LEVELS, plantProblems, type Level } from './problems';
import type { RenderedStems } from './stems';
import { stemIds, type Project } from './types';

/** Length of a project's section: a verse into a chorus. */
export const PROJECT_SECONDS: Seconds = 20;
export const PROJECT_SAMPLE_RATE: SampleRate = 44100;

/** Whether `level` is a level the generator knows. */
export function isLevel(level: number): level is Level {
	return (LEVELS as readonly number[]).includes(level);
}

/** Stems rendered in parts (`renderStems` with `only`), as one render of them all. */
export function joinStems(parts: RenderedStems[]): RenderedStems {
	const byId = new Map(parts.flatMap((part) => part.stems).map((stem) => [stem.id, stem]));
	const missing = stemIds.filter((id) => !byId.has(id));
	if (missing.length > 0 || parts.length === 0)
		throw new RangeError(`stems missing: ${missing.join(', ') || 'all'}`);
	return {
		stems: stemIds.map((id) => byId.get(id)!),
		chorusAt: parts[0].chorusAt,
		vocalNotes: parts[0].vocalNotes
	};
}

/** `level`, once it and `seed` are known to be a project's; a RangeError when not. */
export function checkedLevel({ level, seed }: { level: number; seed: number }): Level {
	if (!isLevel(level)) throw new RangeError(`level must be one of ${LEVELS.join(', ')}`);
	if (!Number.isInteger(seed) || seed < 0) throw new RangeError('seed must be a whole number ≥ 0');
	return level;
}

/**
 * The project made from stems already rendered (by `renderStems` for the same style, seed, length
 * and rate, whole or in parts put together by `joinStems`): its problems planted, in place.
 */
export function projectOf({
	style,
	seed,
	level,
	seconds,
	sampleRate,
	rendered
}: {
	style: StyleId;
	seed: number;
	level: number;
	seconds: Seconds;
	sampleRate: SampleRate;
	rendered: Pick<RenderedStems, 'stems' | 'chorusAt'>;
}): Project {
	const planted = plantProblems({
		stems: rendered.stems,
		style,
		seed,
		level: checkedLevel({ level, seed }),
		sampleRate,
		inPlace: true
	});
	return {
		style,
		seed,
		level,
		sampleRate,
		seconds,
		chorusAt: rendered.chorusAt,
		stems: planted.stems,
		problems: planted.problems,
		rough: planted.rough,
		target: planted.target
	};
}
