import { describe, expect, it } from 'vitest';
import { measureLoudness } from '../dsp/analysis/loudness';
import { thirdOctaveSpectrum } from '../dsp/analysis/spectrum';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import { renderNoise } from '../dsp/synth/noise';
import { eqLoudnessChangeDb } from './eq-loudness';

describe('eqLoudnessChangeDb', () => {
	const sampleRate = 44100;
	const noise = renderNoise({ color: 'pink', seed: 3, seconds: 4, sampleRate, rmsDbfs: -24 });
	const channels = [noise.left, noise.right];
	const spectrum = thirdOctaveSpectrum({ channels, sampleRate }).map((b) => ({
		centerHz: b.nominal,
		db: b.db
	}));
	const before = measureLoudness({ channels, sampleRate }).integrated!;

	it.each([
		[100, 12, 1.41],
		[1000, 12, 1.41],
		[4000, 12, 1.41],
		[8000, -9, 1.41],
		[250, 6, 4.32],
		[12500, 9, 1.41]
	])(
		'predicts the measured loudness change of a peaking EQ at %d Hz, %d dB, Q %f within 0.5 dB',
		(f, g, q) => {
			const eq: ChainStep[] = [{ type: 'peaking', frequencyHz: f, gainDb: g, q }];
			const after = measureLoudness({
				channels: applyChain({ channels, sampleRate, chain: eq }).channels,
				sampleRate
			}).integrated!;
			expect(
				Math.abs(eqLoudnessChangeDb({ spectrum, eq, sampleRate }) - (after - before))
			).toBeLessThan(0.5);
		}
	);

	it('is 0 dB for no EQ', () => {
		expect(eqLoudnessChangeDb({ spectrum, eq: [], sampleRate })).toBe(0);
	});
});
