/**
 * How much an EQ changes a clip's BS.1770 loudness, estimated from the clip's long-term third-octave
 * spectrum: each band's power is weighted by the K-filter's and the EQ's magnitude at its centre.
 * The match drill uses it to keep the learner's live EQ loudness-matched while they sweep, so "louder"
 * never tells them they are close.
 */
import { kWeightingCoefficients } from '../dsp/analysis/k-weighting';
import { designBiquad, magnitudeDb } from '../dsp/process/biquad';
import type { ChainStep } from '../dsp/process/chain';
import type { Decibels, SampleRate } from '../dsp/units';

/** Loudness change (dB) the EQ steps in `eq` cause on audio with this spectrum. */
export function eqLoudnessChangeDb({
	spectrum,
	eq,
	sampleRate
}: {
	spectrum: { centerHz: number; db: number | null }[];
	eq: ChainStep[];
	sampleRate: SampleRate;
}): Decibels {
	const k = kWeightingCoefficients(sampleRate);
	const filters = eq.flatMap((step) =>
		step.type === 'peaking' || step.type === 'lowshelf' || step.type === 'highshelf'
			? [
					designBiquad(
						{ type: step.type, frequency: step.frequencyHz, gainDb: step.gainDb, q: step.q },
						sampleRate
					)
				]
			: step.type === 'lowpass' || step.type === 'highpass'
				? [designBiquad({ type: step.type, frequency: step.frequencyHz, q: step.q }, sampleRate)]
				: []
	);
	let before = 0;
	let after = 0;
	for (const band of spectrum) {
		if (band.db === null || band.centerHz >= sampleRate / 2) continue;
		const weightDb =
			band.db +
			magnitudeDb({ coefficients: k.shelf, frequency: band.centerHz, sampleRate }) +
			magnitudeDb({ coefficients: k.highPass, frequency: band.centerHz, sampleRate });
		const eqDb = magnitudeDb({ coefficients: filters, frequency: band.centerHz, sampleRate });
		before += 10 ** (weightDb / 10);
		after += 10 ** ((weightDb + eqDb) / 10);
	}
	return before > 0 ? 10 * Math.log10(after / before) : 0;
}
