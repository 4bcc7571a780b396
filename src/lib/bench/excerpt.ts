/**
 * Choosing the loop the bench previews play: the loudest stretch of a track by its short-term loudness
 * (EBU R128's 3 s window, from `analyzeTrack`), and zero-copy views of it.
 */
import type { Lufs, SampleRate, Seconds } from '../dsp/units';

/** Short-term readings of silence count as this loudness (BS.1770's absolute gate). */
const SILENCE_LUFS: Lufs = -70;
/** The short-term window: a reading at time t describes the audio from t − 3 s to t. */
const SHORT_TERM_S: Seconds = 3;
/** Slack for times computed from sample counts. */
const EPSILON_S: Seconds = 1e-6;

/**
 * The `lengthS` window with the highest mean short-term loudness (the whole track when it is no
 * longer than `lengthS`). A reading counts towards a window when its own 3 s span lies inside it;
 * silent readings (null) count as −70 LUFS. The window starts at the start of a reading's span or at
 * the end of the track minus `lengthS`; of equally loud windows the earliest wins.
 */
export function loudestExcerpt({
	shortTerm,
	durationS,
	lengthS = 30
}: {
	/** [window end s, LUFS | null], in time order (`TrackAnalysis.shortTerm`). */
	shortTerm: readonly (readonly [Seconds, Lufs | null])[];
	durationS: Seconds;
	lengthS?: Seconds;
}): { startS: Seconds; endS: Seconds } {
	if (!(lengthS > 0)) throw new RangeError('loudestExcerpt: lengthS must be positive');
	if (!(durationS >= 0)) throw new RangeError('loudestExcerpt: durationS must be 0 or more');
	if (durationS <= lengthS) return { startS: 0, endS: durationS };
	const span = Math.min(SHORT_TERM_S, lengthS);
	const latest = durationS - lengthS;
	const times = shortTerm.map(([t]) => t);
	const values = shortTerm.map(([, lufs]) => lufs ?? SILENCE_LUFS);
	const starts = [0, latest, ...times.map((t) => Math.min(latest, Math.max(0, t - span)))].sort(
		(a, b) => a - b
	);
	// Both edges only move forward as the start does: two pointers over the readings.
	let first = 0; // first reading whose span starts at or after the window's start
	let end = 0; // first reading that ends after the window's end
	let sum = 0;
	let best = { startS: 0, mean: -Infinity };
	for (const start of starts) {
		while (end < times.length && times[end] <= start + lengthS + EPSILON_S) sum += values[end++];
		// Readings not yet added (index ≥ end) end after start + lengthS, so their spans start after
		// `start` (span ≤ lengthS): only added readings can fall off the front.
		while (first < end && times[first] - span < start - EPSILON_S) sum -= values[first++];
		const count = end - first;
		if (count === 0) continue;
		const mean = sum / count;
		if (mean > best.mean + 1e-9) best = { startS: start, mean };
	}
	return { startS: best.startS, endS: best.startS + lengthS };
}

/** Views (`subarray`, no copy: they share the samples) of `startS`…`endS` of every channel. */
export function sliceChannels({
	channels,
	sampleRate,
	startS,
	endS
}: {
	channels: readonly Float32Array[];
	sampleRate: SampleRate;
	startS: Seconds;
	endS: Seconds;
}): Float32Array[] {
	if (!(endS >= startS)) throw new RangeError('sliceChannels: endS must not be before startS');
	return channels.map((samples) => {
		const from = Math.min(samples.length, Math.max(0, Math.round(startS * sampleRate)));
		const to = Math.min(samples.length, Math.max(from, Math.round(endS * sampleRate)));
		return samples.subarray(from, to);
	});
}
