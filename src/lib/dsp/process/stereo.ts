/**
 * Level and stereo utilities on planar channels: gain, mid/side width, mono fold-down, polarity and a
 * short inter-channel delay. Mid/side follows the usual sum/difference matrix (M = (L + R)/2,
 * S = (L − R)/2, L = M + S, R = M − S; see e.g. M. Senior, "Mixing Secrets for the Small Studio",
 * and the Blumlein M/S principle). Each function writes into `output` (default: in place).
 */
import { dbToGain, type Decibels, type SampleRate } from '../units';

function checkOutput(channels: Float32Array[], output: Float32Array[]): void {
	if (output.length !== channels.length)
		throw new RangeError('output has a different channel count');
	for (let c = 0; c < channels.length; c++) {
		if (output[c].length !== channels[c].length) {
			throw new RangeError('output length differs from input');
		}
	}
}

function checkStereo(channels: Float32Array[]): void {
	if (channels.length !== 2) throw new RangeError('expected two channels (left, right)');
}

/** Multiplies every channel by `gainDb`. */
export function applyGain({
	channels,
	gainDb,
	output = channels
}: {
	channels: Float32Array[];
	gainDb: Decibels;
	output?: Float32Array[];
}): void {
	checkOutput(channels, output);
	const gain = dbToGain(gainDb);
	for (let c = 0; c < channels.length; c++) {
		const input = channels[c];
		const out = output[c];
		for (let i = 0; i < input.length; i++) out[i] = input[i] * gain;
	}
}

/**
 * Scales the side signal by `width`: 0 = mono (both channels become M), 1 = unchanged, 2 = side twice as
 * loud (wide). The mid signal is untouched, so a centred source keeps its level at any width.
 */
export function setWidth({
	channels,
	width,
	output = channels
}: {
	channels: Float32Array[];
	width: number;
	output?: Float32Array[];
}): void {
	checkStereo(channels);
	checkOutput(channels, output);
	if (!(width >= 0)) throw new RangeError('width must be ≥ 0');
	const [left, right] = channels;
	const [outLeft, outRight] = output;
	for (let i = 0; i < left.length; i++) {
		const mid = 0.5 * (left[i] + right[i]);
		const side = 0.5 * width * (left[i] - right[i]);
		outLeft[i] = mid + side;
		outRight[i] = mid - side;
	}
}

/**
 * Mono fold-down: both channels become (L + R)/2. With this convention a centred (identical L and R)
 * source keeps its level, hard-panned sources drop 6 dB, uncorrelated material about 3 dB in power,
 * and anything in opposite polarity cancels: the "mono check" engineers do. One channel is returned as is.
 */
export function monoFold({
	channels,
	output = channels
}: {
	channels: Float32Array[];
	output?: Float32Array[];
}): void {
	checkOutput(channels, output);
	if (channels.length === 1) {
		if (output[0] !== channels[0]) output[0].set(channels[0]);
		return;
	}
	checkStereo(channels);
	setWidth({ channels, width: 0, output });
}

/** Flips the polarity (sign) of the channels whose entry in `invert` is true. */
export function invertPolarity({
	channels,
	invert,
	output = channels
}: {
	channels: Float32Array[];
	invert: boolean[];
	output?: Float32Array[];
}): void {
	checkOutput(channels, output);
	for (let c = 0; c < channels.length; c++) {
		const input = channels[c];
		const out = output[c];
		const sign = invert[c] ? -1 : 1;
		for (let i = 0; i < input.length; i++) out[i] = sign * input[i];
	}
}

/**
 * Delays one channel by `delayMs`, rounded to whole samples (returned as `delaySamples`): an integer
 * delay is exact and has a flat response, so the comb filter heard after a mono fold is the only
 * colouring (notches at odd multiples of 1/(2τ)). The clip keeps its length: the delayed channel starts
 * with silence and its last samples are dropped.
 */
export function delayChannel({
	channels,
	sampleRate,
	delayMs,
	channel,
	output = channels
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	delayMs: number;
	/** Index of the channel to delay. */
	channel: number;
	output?: Float32Array[];
}): { delaySamples: number } {
	checkOutput(channels, output);
	if (!(delayMs >= 0)) throw new RangeError('delayMs must be ≥ 0');
	if (!(channel >= 0 && channel < channels.length)) throw new RangeError('no such channel');
	const delaySamples = Math.round((delayMs / 1000) * sampleRate);
	for (let c = 0; c < channels.length; c++) {
		if (c !== channel && output[c] !== channels[c]) output[c].set(channels[c]);
	}
	const input = channels[channel];
	const out = output[channel];
	// Backwards, so in-place shifting never reads a sample it has already overwritten.
	for (let i = input.length - 1; i >= 0; i--) {
		out[i] = i >= delaySamples ? input[i - delaySamples] : 0;
	}
	return { delaySamples };
}
