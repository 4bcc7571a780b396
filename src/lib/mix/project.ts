/**
 * A mix project on the device: one song section of a style, as stems with the level's problems
 * planted, the rough mix the learner starts from and the target mix the generator knows. Same
 * style, seed, level and length give the same samples.
 */
import type { SynthBank } from '../dsp/synth/render';
import type { StyleId } from '../dsp/synth/styles';
import type { SampleRate, Seconds } from '../dsp/units';
import { LEVELS, plantProblems, type Level } from './problems';
import { renderStems } from './stems';
import type { Project } from './types';

/** Length of a project's section: a verse into a chorus. */
export const PROJECT_SECONDS: Seconds = 20;
export const PROJECT_SAMPLE_RATE: SampleRate = 44100;

/** Whether `level` is a level the generator knows. */
export function isLevel(level: number): level is Level {
	return (LEVELS as readonly number[]).includes(level);
}

/** Renders a project: stems, planted problems, rough and target settings. */
export async function renderProject({
	style,
	seed,
	level,
	bank,
	seconds = PROJECT_SECONDS,
	sampleRate = PROJECT_SAMPLE_RATE
}: {
	style: StyleId;
	seed: number;
	level: number;
	bank: SynthBank;
	seconds?: Seconds;
	sampleRate?: SampleRate;
}): Promise<Project> {
	if (!isLevel(level)) throw new RangeError(`level must be one of ${LEVELS.join(', ')}`);
	if (!Number.isInteger(seed) || seed < 0) throw new RangeError('seed must be a whole number ≥ 0');
	const rendered = await renderStems({ style, seed, seconds, sampleRate, bank });
	const planted = plantProblems({
		stems: rendered.stems,
		style,
		seed,
		level,
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
