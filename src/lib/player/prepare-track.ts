/**
 * Turns a track opened on the bench into drill material, in the browser: its loudest minute
 * (track-window.ts), resampled to 44.1 kHz by the browser's own resampler (an OfflineAudioContext
 * rendering a buffer at the track's rate into one at 44.1 kHz), as stereo 16-bit WAV. A minute is
 * about 10 MB, so ten saved tracks fit comfortably in a phone's storage.
 */
import { loudestWindow } from '../drills/track-window';
import type { SampleRate, Seconds } from '../dsp/units';
import { encodeWav } from '../dsp/wav';

/** The rate every saved track is stored at (the drills render at this rate). */
export const DRILL_SAMPLE_RATE: SampleRate = 44100;
/** How much of a track is kept for the drills. */
export const DRILL_TRACK_SECONDS: Seconds = 60;

/** Resamples planar channels to `rate` with an OfflineAudioContext (the browser's high-quality resampler). */
async function resample(
	channels: Float32Array[],
	sampleRate: SampleRate,
	rate: SampleRate
): Promise<Float32Array[]> {
	if (typeof OfflineAudioContext === 'undefined') {
		throw new Error('This browser cannot convert the track’s sample rate, so it was not saved.');
	}
	const frames = channels[0].length;
	const length = Math.max(1, Math.round((frames * rate) / sampleRate));
	const context = new OfflineAudioContext({
		numberOfChannels: channels.length,
		length,
		sampleRate: rate
	});
	const buffer = context.createBuffer(channels.length, frames, sampleRate);
	channels.forEach((channel, c) => buffer.copyToChannel(channel as Float32Array<ArrayBuffer>, c));
	const player = context.createBufferSource();
	player.buffer = buffer;
	player.connect(context.destination);
	player.start();
	const rendered = await context.startRendering();
	return Array.from({ length: rendered.numberOfChannels }, (_, c) => rendered.getChannelData(c));
}

/**
 * The drill material of a decoded track: its loudest minute (the whole track when shorter) at
 * 44.1 kHz in stereo (mono is duplicated), as 16-bit WAV bytes, and that stretch's length.
 */
export async function prepareTrackForDrills(track: {
	name: string;
	channels: Float32Array[];
	sampleRate: SampleRate;
}): Promise<{ wav: Uint8Array; durationS: Seconds }> {
	const { channels, sampleRate } = track;
	if (channels.length === 0 || channels[0].length === 0) {
		throw new Error(`${track.name} has no audio in it.`);
	}
	const { start, end } = loudestWindow({ channels, sampleRate, seconds: DRILL_TRACK_SECONDS });
	// Views, not copies: the resampler and the encoder copy what they need.
	let kept = channels.slice(0, 2).map((channel) => channel.subarray(start, end));
	if (sampleRate !== DRILL_SAMPLE_RATE) kept = await resample(kept, sampleRate, DRILL_SAMPLE_RATE);
	const stereo = kept.length === 1 ? [kept[0], kept[0]] : kept;
	const wav = encodeWav({ channels: stereo, sampleRate: DRILL_SAMPLE_RATE, format: 'pcm16' });
	return { wav, durationS: stereo[0].length / DRILL_SAMPLE_RATE };
}
