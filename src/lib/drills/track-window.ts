/**
 * Choosing the part of a saved track a drill question plays: a seeded window, uniform over the
 * track (so a stored attempt replays the same stretch), and the loudest minute kept when a track is
 * saved. All positions are in frames (samples per channel).
 */
import { createRng } from '../dsp/synth/rng';
import type { SampleRate, Seconds } from '../dsp/units';

/** A stretch of a track, in frames: `start` inclusive, `end` exclusive. */
export interface FrameWindow {
	start: number;
	end: number;
}

/**
 * Salt for the window's random stream. The question itself draws from `createRng(seed)`, so the
 * window uses a forked stream: otherwise the same draw would pick both the answer and the stretch,
 * and a learner could hear the answer in where the clip starts.
 */
const WINDOW_SALT = 0x7472_6b31; // 'trk1'

/**
 * The `seconds`-long window of a `frames`-long track that the question with `seed` plays: every
 * valid start equally likely, the same seed always the same window. A track no longer than the
 * window is used whole (the caller repeats it, see {@link loopWindow}).
 * @example trackWindow({ frames: 441000, sampleRate: 44100, seconds: 8, seed: 1 }) // { start: …, end: start + 352800 }
 */
export function trackWindow({
	frames,
	sampleRate,
	seconds,
	seed
}: {
	frames: number;
	sampleRate: SampleRate;
	seconds: Seconds;
	seed: number;
}): FrameWindow {
	if (!Number.isInteger(frames) || frames < 0)
		throw new RangeError('frames must be an integer ≥ 0');
	const length = Math.round(seconds * sampleRate);
	if (!(length > 0)) throw new RangeError('the window must be longer than 0 frames');
	if (frames <= length) return { start: 0, end: frames };
	const start = createRng(seed)
		.fork(WINDOW_SALT)
		.int(0, frames - length);
	return { start, end: start + length };
}

/**
 * The `frames`-long clip of `channels[start…end)`, repeated from its start as often as it takes
 * when the window is shorter (a track shorter than a question). Copies: the track is not held.
 */
export function loopWindow({
	channels,
	start,
	end,
	frames
}: FrameWindow & { channels: Float32Array[]; frames: number }): Float32Array[] {
	const length = end - start;
	if (!(length > 0) || start < 0 || channels.some((c) => end > c.length)) {
		throw new RangeError('the window must lie inside the track and hold at least one frame');
	}
	return channels.map((channel) => {
		const out = new Float32Array(frames);
		const piece = channel.subarray(start, end);
		for (let at = 0; at < frames; at += length) {
			out.set(at + length <= frames ? piece : piece.subarray(0, frames - at), at);
		}
		return out;
	});
}

/**
 * The loudest `seconds` of a track by RMS over 1 s blocks (all channels together): the stretch of
 * whole blocks from the track's start with the most energy, earliest on a tie. The whole track when
 * it is no longer than `seconds`. A plain energy measure, not BS.1770 loudness: it only has to find
 * the chorus rather than the intro, and runs once when a track is saved.
 * @example loudestWindow({ channels, sampleRate: 44100, seconds: 60 }) // { start: 30 * 44100, end: 90 * 44100 }
 */
export function loudestWindow({
	channels,
	sampleRate,
	seconds,
	blockSeconds = 1
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	seconds: Seconds;
	blockSeconds?: Seconds;
}): FrameWindow {
	const frames = channels[0]?.length ?? 0;
	const length = Math.round(seconds * sampleRate);
	if (!(length > 0)) throw new RangeError('the window must be longer than 0 frames');
	if (frames <= length) return { start: 0, end: frames };
	const block = Math.max(1, Math.round(blockSeconds * sampleRate));
	const blocks = Math.floor(frames / block);
	const span = Math.max(1, Math.floor(length / block));
	// Prefix sums of each block's energy (Σ x² over every channel), in doubles.
	const energy = new Float64Array(blocks + 1);
	for (let b = 0; b < blocks; b++) {
		let sum = 0;
		for (const channel of channels) {
			for (let i = b * block, end = i + block; i < end; i++) sum += channel[i] * channel[i];
		}
		energy[b + 1] = energy[b] + sum;
	}
	let best = 0;
	let bestEnergy = -1;
	for (let b = 0; b + span <= blocks; b++) {
		const e = energy[b + span] - energy[b];
		if (e > bestEnergy) {
			bestEnergy = e;
			best = b;
		}
	}
	const start = Math.min(best * block, frames - length);
	return { start, end: start + length };
}
