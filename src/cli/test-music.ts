/**
 * For specs and benchmarks that render the app's own music in Node: the trimmed bank, built if it is
 * missing and loaded once per process, the 8 s clip most of them measure, and a clip looped into a
 * longer track.
 */
import { readFileSync } from 'node:fs';
import { loadBank, renderArrangement, type SynthBank } from '../lib/dsp/synth/render';
import type { SampleRate, Seconds } from '../lib/dsp/units';
import { bankPath, buildBank } from './build-bank';

/** Planar stereo audio and its rate, as the pure core takes it. */
export interface TestAudio {
	channels: Float32Array[];
	sampleRate: SampleRate;
}

let bank: SynthBank | undefined;

/** The synth bank the app ships. */
export function testBank(): SynthBank {
	if (!bank) {
		buildBank();
		const bytes = readFileSync(bankPath);
		bank = loadBank(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
	}
	return bank;
}

/**
 * The app's 8 s pop-rock clip (seed 1) in stereo: the music the bench, streaming and lesson specs
 * and the quick-master benchmark measure.
 */
export async function testClip(sampleRate: SampleRate): Promise<TestAudio> {
	const clip = await renderArrangement({
		style: 'pop-rock',
		seed: 1,
		seconds: 8,
		sampleRate,
		bank: testBank()
	});
	return { channels: [clip.left, clip.right], sampleRate };
}

/**
 * A clip looped to `seconds`, each loop at its own level (quiet verses, loud hooks): a stand-in for a
 * whole track made from the app's 8 s music.
 */
export function loopWithLevels({
	channels: clip,
	sampleRate,
	seconds
}: TestAudio & { seconds: Seconds }): TestAudio {
	const gains = [0.35, 0.6, 1, 0.9, 0.5, 1.1, 0.75, 0.45, 1, 0.8];
	const frames = Math.round(seconds * sampleRate);
	const channels = clip.map(() => new Float32Array(frames));
	clip.forEach((source, c) => {
		for (let i = 0; i < frames; i++) {
			const k = Math.floor(i / source.length);
			channels[c][i] = source[i % source.length] * gains[k % gains.length];
		}
	});
	return { channels, sampleRate };
}
