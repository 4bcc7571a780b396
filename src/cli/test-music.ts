/**
 * For specs and benchmarks that render the app's own music in Node: the trimmed bank, built if it is
 * missing and loaded once per process, and a clip looped into a longer track.
 */
import { readFileSync } from 'node:fs';
import { loadBank, type SynthBank } from '../lib/dsp/synth/render';
import { bankPath, buildBank } from './build-bank';

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
 * A clip looped to `seconds`, each loop at its own level (quiet verses, loud hooks): a stand-in for a
 * whole track made from the app's 8 s music.
 */
export function loopWithLevels(
	left: Float32Array,
	right: Float32Array,
	seconds: number,
	sampleRate: number
): { channels: Float32Array[]; sampleRate: number } {
	const gains = [0.35, 0.6, 1, 0.9, 0.5, 1.1, 0.75, 0.45, 1, 0.8];
	const frames = Math.round(seconds * sampleRate);
	const channels = [new Float32Array(frames), new Float32Array(frames)];
	[left, right].forEach((source, c) => {
		for (let i = 0; i < frames; i++) {
			const k = Math.floor(i / source.length);
			channels[c][i] = source[i % source.length] * gains[k % gains.length];
		}
	});
	return { channels, sampleRate };
}
