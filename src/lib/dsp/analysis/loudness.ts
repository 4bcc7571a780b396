/**
 * Loudness after ITU-R BS.1770-5 and EBU R128: momentary (400 ms), short-term (3 s), gated integrated
 * loudness, and loudness range after EBU Tech 3342. The K-weighted signal is squared and summed once per
 * 10 ms hop; every window is then a sum of whole hops, so the momentary maximum is found on a 10 ms
 * grid (EBU Tech 3341 asks for ≤ 20 ms) at little cost. Windows are summed hop by hop rather than from
 * running totals, so silence stays exactly zero (null) instead of a rounding residue.
 */
import type { Lufs, SampleRate, Seconds } from '../units';
import { KWeightingFilter } from './k-weighting';

/** Hops per second of the analysis grid (10 ms). */
export const HOPS_PER_SECOND = 100;
const MOMENTARY_HOPS = 40;
const SHORT_TERM_HOPS = 300;
/** Gating blocks and LRA values advance by 100 ms. */
const BLOCK_STEP_HOPS = 10;
const ABSOLUTE_GATE: Lufs = -70;
const RELATIVE_GATE_I = -10;
const RELATIVE_GATE_LRA = -20;

/** A point of a loudness curve: window end time and its loudness (null for zero energy). */
export type LoudnessPoint = [tEnd: Seconds, loudness: Lufs | null];

export interface LoudnessResult {
	/** Gated integrated loudness I; null when every block is gated (silence, or shorter than 400 ms). */
	integrated: Lufs | null;
	/** Loudness range in LU (Tech 3342); null when fewer than one short-term value passes the gates. */
	range: number | null;
	/** Highest momentary loudness on the 10 ms grid; null for silence or a file shorter than 400 ms. */
	momentaryMax: Lufs | null;
	/** Highest short-term loudness on the 10 ms grid; null for silence or a file shorter than 3 s. */
	shortTermMax: Lufs | null;
	/** Present when asked for: momentary every 10 ms, short-term every 100 ms. */
	series?: { momentary: LoudnessPoint[]; shortTerm: LoudnessPoint[] };
}

/** First sample of hop `k` on the 10 ms grid (rounded, so windows keep their exact length on average). */
export function hopStart(k: number, sampleRate: SampleRate): number {
	return Math.round((k * sampleRate) / HOPS_PER_SECOND);
}

/** Number of whole 10 ms hops in `frames` samples. */
export function hopCount(frames: number, sampleRate: SampleRate): number {
	let hops = Math.floor((frames * HOPS_PER_SECOND) / sampleRate);
	while (hops > 0 && hopStart(hops, sampleRate) > frames) hops--;
	return hops;
}

/**
 * Channel-weighted sum of K-weighted squares per 10 ms hop. All channels weigh 1.0 (mono, stereo; the
 * surround weight 1.41 of BS.1770 is not needed here).
 */
export function kWeightedHopEnergy({
	channels,
	sampleRate
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): Float64Array {
	const frames = channels.length > 0 ? channels[0].length : 0;
	if (channels.some((c) => c.length !== frames)) throw new RangeError('channels differ in length');
	const hops = hopCount(frames, sampleRate);
	const energy = new Float64Array(hops);
	for (const samples of channels) {
		const filter = new KWeightingFilter(sampleRate);
		for (let k = 0; k < hops; k++) {
			const end = hopStart(k + 1, sampleRate);
			let sum = 0;
			for (let i = hopStart(k, sampleRate); i < end; i++) {
				const y = filter.next(samples[i]);
				sum += y * y;
			}
			energy[k] += sum;
		}
	}
	return energy;
}

/** Mean square of the window of `hops` hops ending before hop `end`. */
function windowMeanSquare(energy: Float64Array, end: number, hops: number, sampleRate: SampleRate) {
	let sum = 0;
	for (let k = end - hops; k < end; k++) sum += energy[k];
	return sum / (hopStart(end, sampleRate) - hopStart(end - hops, sampleRate));
}

/** BS.1770 loudness of a channel-summed mean square; null for zero energy. */
function toLufs(meanSquare: number): Lufs | null {
	return meanSquare > 0 ? -0.691 + 10 * Math.log10(meanSquare) : null;
}

/**
 * Mean squares of the windows of `hops` hops ending at hops `hops`, `hops + step`, … (as far as the
 * signal reaches).
 */
export function windowMeanSquares({
	energy,
	hops,
	step,
	sampleRate
}: {
	energy: Float64Array;
	hops: number;
	step: number;
	sampleRate: SampleRate;
}): Float64Array {
	const count = energy.length >= hops ? Math.floor((energy.length - hops) / step) + 1 : 0;
	const out = new Float64Array(count);
	for (let j = 0; j < count; j++)
		out[j] = windowMeanSquare(energy, hops + j * step, hops, sampleRate);
	return out;
}

/** Gated integrated loudness (BS.1770-5 §5.1) from 400 ms block mean squares on a 100 ms hop. */
function integratedFromBlocks(blocks: Float64Array): Lufs | null {
	const absoluteGate = Math.pow(10, (ABSOLUTE_GATE + 0.691) / 10);
	let sum = 0;
	let count = 0;
	for (const z of blocks) {
		if (z > absoluteGate) {
			sum += z;
			count++;
		}
	}
	if (count === 0) return null;
	const relativeGate = (sum / count) * Math.pow(10, RELATIVE_GATE_I / 10);
	sum = 0;
	count = 0;
	for (const z of blocks) {
		if (z > absoluteGate && z > relativeGate) {
			sum += z;
			count++;
		}
	}
	return count > 0 ? toLufs(sum / count) : null;
}

/**
 * Loudness range (EBU Tech 3342): short-term values every 100 ms, absolute gate −70 LUFS, relative gate
 * 20 LU below their energy mean, then the 95th minus the 10th percentile (nearest rank, as libebur128).
 */
function rangeFromShortTerm(shortTerm: Float64Array): number | null {
	const absoluteGate = Math.pow(10, (ABSOLUTE_GATE + 0.691) / 10);
	let sum = 0;
	let count = 0;
	for (const z of shortTerm) {
		if (z > absoluteGate) {
			sum += z;
			count++;
		}
	}
	if (count === 0) return null;
	const relativeGate = (sum / count) * Math.pow(10, RELATIVE_GATE_LRA / 10);
	const kept = Float64Array.from(shortTerm.filter((z) => z > absoluteGate && z > relativeGate));
	if (kept.length === 0) return null;
	kept.sort();
	const low = kept[Math.round((kept.length - 1) * 0.1)];
	const high = kept[Math.round((kept.length - 1) * 0.95)];
	return 10 * Math.log10(high / low);
}

function maxOf(values: Float64Array): number {
	let max = 0;
	for (const v of values) if (v > max) max = v;
	return max;
}

/** Measures I, LRA and the M/S maxima of planar `channels` (1 = mono, 2 = stereo, all weight 1.0). */
export function measureLoudness({
	channels,
	sampleRate,
	series = false
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	series?: boolean;
}): LoudnessResult {
	const energy = kWeightedHopEnergy({ channels, sampleRate });
	const momentary = windowMeanSquares({ energy, hops: MOMENTARY_HOPS, step: 1, sampleRate });
	const shortTerm = windowMeanSquares({ energy, hops: SHORT_TERM_HOPS, step: 1, sampleRate });
	const blocks = windowMeanSquares({
		energy,
		hops: MOMENTARY_HOPS,
		step: BLOCK_STEP_HOPS,
		sampleRate
	});
	const shortTermBlocks = windowMeanSquares({
		energy,
		hops: SHORT_TERM_HOPS,
		step: BLOCK_STEP_HOPS,
		sampleRate
	});
	const result: LoudnessResult = {
		integrated: integratedFromBlocks(blocks),
		range: rangeFromShortTerm(shortTermBlocks),
		momentaryMax: toLufs(maxOf(momentary)),
		shortTermMax: toLufs(maxOf(shortTerm))
	};
	if (series) {
		const curve = (values: Float64Array, hops: number, step: number): LoudnessPoint[] =>
			Array.from(values, (z, j) => [hopStart(hops + j * step, sampleRate) / sampleRate, toLufs(z)]);
		result.series = {
			momentary: curve(momentary, MOMENTARY_HOPS, 1),
			shortTerm: curve(shortTermBlocks, SHORT_TERM_HOPS, BLOCK_STEP_HOPS)
		};
	}
	return result;
}
