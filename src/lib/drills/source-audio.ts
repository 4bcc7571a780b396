/**
 * The audio a question's versions are made from: a seeded arrangement of a style (SpessaSynth, with
 * the caller's bank), a song section of a style as stems at its balance (the mix projects' stems, for
 * drills that move one part) or seeded pink noise. The seed is the question's, so a stored attempt can be
 * replayed exactly. The `drill` CLI uses this; the app's render worker can too.
 */
import { renderNoise } from '../dsp/synth/noise';
import { renderArrangement, type SynthBank } from '../dsp/synth/render';
import type { Dbfs, SampleRate, Seconds } from '../dsp/units';
import type { QuestionSourceAudio } from './render-question';
import type { DrillSource } from './types';
import { createRng } from '../dsp/synth/rng';
import { Mixer } from '../mix/mixer';
import { balancedMix } from '../mix/problems';
import { renderStems } from '../mix/stems';
import { stemIds, type StemId } from '../mix/types';

/** RMS level of pink-noise sources (peaks reach ~13 dB above it, so about −7 dBFS). */
export const PINK_NOISE_RMS_DBFS: Dbfs = -20;

/** Renders the source clip of a question; arrangements need `bank`. */
export async function renderSourceAudio({
	source,
	seed,
	seconds,
	sampleRate,
	bank
}: {
	source: DrillSource;
	seed: number;
	seconds: Seconds;
	sampleRate: SampleRate;
	bank?: SynthBank;
}): Promise<QuestionSourceAudio> {
	if (source.kind === 'pink-noise') {
		const noise = renderNoise({
			color: 'pink',
			seed,
			seconds,
			sampleRate,
			rmsDbfs: PINK_NOISE_RMS_DBFS
		});
		return { channels: [noise.left, noise.right], sampleRate };
	}
	if (source.kind === 'stems') {
		if (!bank) throw new Error('rendering stems needs a sound bank');
		const { stems } = await renderStems({ style: source.style, seed, seconds, sampleRate, bank });
		const settings = balancedMix({ style: source.style, rng: createRng(seed).fork(77) });
		const mixer = new Mixer({ stems, sampleRate });
		const placed = Object.fromEntries(
			stemIds.map((id) => [id, mixer.placed({ id, settings: settings.stems[id] })])
		) as Record<StemId, Float32Array[]>;
		return { channels: mixer.mix(settings).channels, sampleRate, stems: placed };
	}
	if (source.kind === 'arrangement') {
		if (!bank) throw new Error('rendering an arrangement needs a sound bank');
		const clip = await renderArrangement({ style: source.style, seed, seconds, sampleRate, bank });
		return { channels: [clip.left, clip.right], sampleRate };
	}
	throw new Error(`source '${source.kind}' is not rendered here`);
}
