/**
 * Opens an audio file the learner chose, on the device: WAV with the app's own decoder in a worker
 * (any sample rate, 16/24-bit or float, nothing resampled), anything else with the browser's decoder
 * (MP3, AAC/M4A, FLAC, OGG… whatever this browser plays). Every failure is one clear sentence.
 */
import { decodeWavInWorker } from '../audio/analysis-client';
import { declaredDuration } from '../bench/track-length';
import { formatDuration } from '../format/format';

/** Longest track the bench takes, seconds (10 minutes). */
export const MAX_TRACK_SECONDS = 600;

export interface OpenedTrack {
	name: string;
	bytes: number;
	channels: Float32Array[];
	sampleRate: number;
	durationS: number;
}

function isWav(bytes: ArrayBuffer): boolean {
	if (bytes.byteLength < 12) return false;
	const text = new TextDecoder('ascii').decode(new Uint8Array(bytes, 0, 12));
	return (text.startsWith('RIFF') || text.startsWith('RF64')) && text.endsWith('WAVE');
}

function tooLong(name: string, seconds: number): Error {
	return new Error(
		`${name} is ${formatDuration(seconds)} long. The bench takes tracks up to 10 minutes.`
	);
}

/** Decodes `file`; rejects with an Error whose message the page shows as it is. */
export async function openTrack(file: File): Promise<OpenedTrack> {
	const name = file.name || 'This file';
	if (file.size === 0) throw new Error(`${name} is empty.`);
	const bytes = await file.arrayBuffer();
	// Fail fast: a track the header says is too long is turned away before any decoding (which took
	// up to a minute for a long compressed file). The decoded length is checked again below.
	const declared = declaredDuration(new Uint8Array(bytes));
	if (declared !== null && declared > MAX_TRACK_SECONDS) throw tooLong(name, declared);
	let channels: Float32Array[];
	let sampleRate: number;
	if (isWav(bytes)) {
		try {
			({ channels, sampleRate } = await decodeWavInWorker(bytes));
		} catch (error) {
			throw new Error(`${name} could not be read: ${(error as Error).message}`, { cause: error });
		}
	} else {
		if (typeof AudioContext === 'undefined') {
			throw new Error('This browser cannot decode audio files. Try a WAV file.');
		}
		const context = new AudioContext();
		try {
			const buffer = await context.decodeAudioData(bytes);
			sampleRate = buffer.sampleRate;
			channels = Array.from({ length: buffer.numberOfChannels }, (_, i) =>
				buffer.getChannelData(i).slice()
			);
		} catch (error) {
			throw new Error(
				`${name} is not an audio file this browser can decode. Try WAV, MP3, AAC (M4A), FLAC or OGG.`,
				{ cause: error }
			);
		} finally {
			void context.close();
		}
	}
	if (channels.length === 0 || channels[0].length === 0)
		throw new Error(`${name} has no audio in it.`);
	if (channels.length > 2) {
		throw new Error(
			`${name} has ${channels.length} channels. The bench takes mono or stereo mixes.`
		);
	}
	const durationS = channels[0].length / sampleRate;
	if (durationS > MAX_TRACK_SECONDS) throw tooLong(name, durationS);
	if (durationS < 3) throw new Error(`${name} is shorter than 3 seconds: too short to measure.`);
	return { name, bytes: file.size, channels, sampleRate, durationS };
}
