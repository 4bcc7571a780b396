/**
 * A mix project on the device: one song section of a style, as stems with the level's problems
 * planted, the rough mix the learner starts from and the target mix the generator knows. Same
 * style, seed, level and length give the same samples.
 */
import type { SynthBank } from '../dsp/synth/render';
import type { StyleId } from '../dsp/synth/styles';
import type { SampleRate, Seconds } from '../dsp/units';
import { checkedLevel, PROJECT_SAMPLE_RATE, PROJECT_SECONDS, projectOf } from './assemble';
import { renderStems } from './stems';
import type { Project } from './types';

export { isLevel, PROJECT_SAMPLE_RATE, PROJECT_SECONDS } from './assemble';

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
	checkedLevel({ level, seed });
	const rendered = await renderStems({ style, seed, seconds, sampleRate, bank });
	return projectOf({ style, seed, level, seconds, sampleRate, rendered });
}
