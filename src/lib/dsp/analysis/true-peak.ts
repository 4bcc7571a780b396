/**
 * True-peak level after ITU-R BS.1770-5 Annex 2: oversample, take the absolute maximum, report dBTP.
 * The standard's example is a 4× polyphase FIR of 48 taps (12 per phase). Here each phase is a
 * Kaiser-windowed sinc (16 input taps per phase, β = 6, normalized to unity DC gain), which has a
 * flatter passband than the example filter; the original samples are always part of the maximum
 * (Annex 2 warns that an interpolator alone can read below the sample peak).
 *
 * Oversampling: 4× below 96 kHz, 2× from 96 kHz, 1× (sample peak) from 176.4 kHz, as Annex 2 suggests
 * (the aim is an oversampled rate of at least 176.4 kHz).
 */
import { gainToDb, type SampleRate } from '../units';
import { hopCount, hopStart } from './loudness';

/** Input samples each interpolation phase reads (even; latency = TAPS_PER_PHASE / 2 − 1). */
const TAPS_PER_PHASE = 16;
/** Kaiser β: about 60 dB stopband for the chosen length. */
const KAISER_BETA = 6;

/** The oversampling factor this module uses at `sampleRate` (4, 2 or 1). */
export function oversamplingFactor(sampleRate: SampleRate): number {
	if (sampleRate >= 176400) return 1;
	if (sampleRate >= 96000) return 2;
	return 4;
}

/** Zeroth-order modified Bessel function of the first kind (power series), for the Kaiser window. */
function besselI0(x: number): number {
	let sum = 1;
	let term = 1;
	const half = x / 2;
	for (let k = 1; k < 64; k++) {
		term *= (half / k) * (half / k);
		sum += term;
		if (term < sum * 1e-17) break;
	}
	return sum;
}

/**
 * Interpolation kernels: row p − 1 (p = 1 … factor − 1) estimates the signal at fraction p / factor
 * between input samples a and a + 1 from samples a − T/2 + 1 … a + T/2 (oldest first).
 */
function designPhases(factor: number): Float64Array[] {
	const half = TAPS_PER_PHASE / 2;
	const i0Beta = besselI0(KAISER_BETA);
	const phases: Float64Array[] = [];
	for (let p = 1; p < factor; p++) {
		const fraction = p / factor;
		const taps = new Float64Array(TAPS_PER_PHASE);
		let sum = 0;
		for (let j = 0; j < TAPS_PER_PHASE; j++) {
			// Distance from the wanted instant (a + fraction) to input sample a − half + 1 + j.
			const u = fraction + half - 1 - j;
			const sinc = Math.sin(Math.PI * u) / (Math.PI * u);
			const r = u / (half + 0.5);
			const window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
			taps[j] = sinc * window;
			sum += taps[j];
		}
		// Unity DC gain: a constant input must not read above its own level.
		for (let j = 0; j < TAPS_PER_PHASE; j++) taps[j] /= sum;
		phases.push(taps);
	}
	return phases;
}

/**
 * Every phase's taps in one flat array (phase-major, so each window of samples is read once per
 * segment), and the largest Σ|tap| of a phase: an interpolated point never exceeds it × the largest
 * |sample| of its window.
 */
function interpolationTable(factor: number): { taps: Float64Array; gainBound: number } {
	const phases = designPhases(factor);
	const taps = new Float64Array(phases.length * TAPS_PER_PHASE);
	phases.forEach((row, p) => taps.set(row, p * TAPS_PER_PHASE));
	let gainBound = 0;
	for (const row of phases) {
		gainBound = Math.max(
			gainBound,
			row.reduce((sum, v) => sum + Math.abs(v), 0)
		);
	}
	return { taps, gainBound };
}

/**
 * Streaming true-peak detector for one channel. Each `next` call consumes one input sample and returns
 * the largest absolute value of input sample n − latency and the interpolated points between it and the
 * sample before it. No allocation per sample.
 */
export class TruePeakInterpolator {
	/** Delay in input samples between a sample entering `next` and the peak reading that covers it. */
	readonly latency: number;
	/** Every phase's taps in one flat array (phase-major), read in one loop per sample. */
	readonly #taps: Float64Array;
	/** Ring buffer written twice (at i and i + T) so a window of T samples is always contiguous. */
	readonly #ring = new Float64Array(2 * TAPS_PER_PHASE);
	#index = 0;
	/** Samples louder than this can make an interpolated point exceed `floor`. */
	readonly #loud: number;
	/** How many of the last T samples are louder than `#loud`. */
	#loudCount = 0;

	/**
	 * @param factor oversampling factor (1, 2 or 4: see `oversamplingFactor`)
	 * @param floor readings that cannot exceed this level skip the interpolation and return the
	 *   sample's own magnitude, which is no more than `floor` either. A limiter passes its ceiling:
	 *   it only needs exact readings above it. The default (0) interpolates every sample.
	 */
	constructor(factor: number, floor = 0) {
		if (!Number.isInteger(factor) || factor < 1)
			throw new RangeError('factor must be an integer ≥ 1');
		if (!(floor >= 0)) throw new RangeError('floor must be ≥ 0');
		const { taps, gainBound } = interpolationTable(factor);
		this.#taps = taps;
		this.latency = factor === 1 ? 0 : TAPS_PER_PHASE / 2 - 1;
		// An interpolated point is at most gainBound × the largest sample in its window; the margin
		// keeps rounding in that sum from ever crossing `floor`.
		this.#loud = gainBound > 0 ? floor / (gainBound * (1 + 1e-9)) : floor;
	}

	/** Feeds one input sample; returns the true-peak magnitude of the span ending `latency` samples ago. */
	next(sample: number): number {
		// The limiter calls this once per sample and channel, so it is its hot loop: no modulo, no
		// iterator, one flat tap array (the sums run in the same order as a plain loop over phases).
		const ring = this.#ring;
		let index = this.#index;
		const leaving = ring[index];
		if ((leaving < 0 ? -leaving : leaving) > this.#loud) this.#loudCount--;
		if ((sample < 0 ? -sample : sample) > this.#loud) this.#loudCount++;
		ring[index] = sample;
		ring[index + TAPS_PER_PHASE] = sample;
		index = index + 1 === TAPS_PER_PHASE ? 0 : index + 1;
		this.#index = index;
		// Now ring[index … index + T − 1] holds the last T samples, oldest first.
		const centre = ring[index + TAPS_PER_PHASE - 1 - this.latency];
		let peak = centre < 0 ? -centre : centre;
		// Nothing in the window is loud enough for any point between its samples to pass `floor`.
		if (this.#loudCount === 0) return peak;
		const taps = this.#taps;
		for (let t = 0; t < taps.length; t += TAPS_PER_PHASE) {
			let acc = 0;
			for (let j = 0; j < TAPS_PER_PHASE; j++) acc += taps[t + j] * ring[index + j];
			if (acc < 0) acc = -acc;
			if (acc > peak) peak = acc;
		}
		return peak;
	}

	/** Clears the history (as if preceded by silence). */
	reset(): void {
		this.#ring.fill(0);
		this.#index = 0;
		this.#loudCount = 0;
	}
}

/** Interpolation tables of one channel, built once per channel scan. */
interface Scan {
	samples: Float32Array;
	/** All phases in one flat array so each window of samples is read once per segment. */
	taps: Float64Array;
	/** Largest Σ|tap| of a phase: an interpolated point never exceeds it × the window's largest |sample|. */
	gainBound: number;
	/** Largest |sample| per block of T samples, for skipping windows that cannot raise the peak. */
	blockMax: Float64Array;
}

function prepareScan(samples: Float32Array, factor: number): Scan {
	const { taps, gainBound } = interpolationTable(factor);
	const blockMax = new Float64Array(Math.ceil(samples.length / TAPS_PER_PHASE) + 1);
	for (let i = 0; i < samples.length; i++) {
		const b = (i / TAPS_PER_PHASE) | 0;
		const magnitude = Math.abs(samples[i]);
		if (magnitude > blockMax[b]) blockMax[b] = magnitude;
	}
	return { samples, taps, gainBound, blockMax };
}

/**
 * Largest magnitude of samples[from … to − 1] and of the interpolated points after each of them.
 * Interpolation runs only where the whole kernel lies inside the file: padding with zeros would invent
 * a step where a file starts or ends mid-waveform and read its Gibbs overshoot (up to about +1 dB) as a
 * peak. Near the ends (T/2 samples) only the samples themselves count.
 */
function scanPeak({ samples, taps, gainBound, blockMax }: Scan, from: number, to: number): number {
	let peak = 0;
	for (let i = from; i < to; i++) {
		const magnitude = Math.abs(samples[i]);
		if (magnitude > peak) peak = magnitude;
	}
	if (taps.length === 0) return peak;
	// The segment after samples[a] reads samples[base … base + T − 1] with base = a − T/2 + 1.
	const offset = TAPS_PER_PHASE / 2 - 1;
	const first = Math.max(0, from - offset);
	const last = Math.min(samples.length - TAPS_PER_PHASE + 1, to - offset);
	for (let base = first; base < last; base++) {
		const b = (base / TAPS_PER_PHASE) | 0;
		if (gainBound * Math.max(blockMax[b], blockMax[b + 1]) <= peak) {
			// Every window starting in block b lies within blocks b and b + 1: skip to the next block.
			base = (b + 1) * TAPS_PER_PHASE - 1;
			continue;
		}
		for (let t = 0; t < taps.length; t += TAPS_PER_PHASE) {
			let acc = 0;
			for (let j = 0; j < TAPS_PER_PHASE; j++) acc += taps[t + j] * samples[base + j];
			const magnitude = acc < 0 ? -acc : acc;
			if (magnitude > peak) peak = magnitude;
		}
	}
	return peak;
}

/** True peak over all channels (BS.1770 Annex 2): `linear` as a sample magnitude, `dbtp` null for silence. */
export function truePeak({
	channels,
	sampleRate
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): { dbtp: number | null; linear: number } {
	const factor = oversamplingFactor(sampleRate);
	let linear = 0;
	for (const samples of channels) {
		linear = Math.max(linear, scanPeak(prepareScan(samples, factor), 0, samples.length));
	}
	return { dbtp: linear > 0 ? gainToDb(linear) : null, linear };
}

/**
 * Linear true peak per 10 ms hop of the loudness grid (`hopStart`), over all channels: hop k covers
 * its samples and the interpolated points that follow each of them.
 */
export function truePeakPerHop({
	channels,
	sampleRate
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): Float64Array {
	const frames = channels.length > 0 ? channels[0].length : 0;
	const hops = hopCount(frames, sampleRate);
	const peaks = new Float64Array(hops);
	const factor = oversamplingFactor(sampleRate);
	for (const samples of channels) {
		const scan = prepareScan(samples, factor);
		for (let k = 0; k < hops; k++) {
			const peak = scanPeak(scan, hopStart(k, sampleRate), hopStart(k + 1, sampleRate));
			if (peak > peaks[k]) peaks[k] = peak;
		}
	}
	return peaks;
}

/**
 * How many points of the oversampled signal (the samples and the interpolated points after each,
 * as `truePeak` reads them) have a magnitude above `threshold` (linear), over all channels: a
 * master's "overs" against a ceiling. Blocks whose samples cannot interpolate above it are skipped.
 */
export function truePeakOvers({
	channels,
	sampleRate,
	threshold
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	threshold: number;
}): number {
	if (!(threshold >= 0)) throw new RangeError('threshold must be ≥ 0');
	const factor = oversamplingFactor(sampleRate);
	let overs = 0;
	for (const samples of channels) {
		const { taps, gainBound, blockMax } = prepareScan(samples, factor);
		for (let i = 0; i < samples.length; i++) if (Math.abs(samples[i]) > threshold) overs++;
		if (taps.length === 0) continue;
		const last = samples.length - TAPS_PER_PHASE + 1;
		for (let base = 0; base < last; base++) {
			const b = (base / TAPS_PER_PHASE) | 0;
			if (gainBound * Math.max(blockMax[b], blockMax[b + 1]) <= threshold) {
				base = (b + 1) * TAPS_PER_PHASE - 1;
				continue;
			}
			for (let t = 0; t < taps.length; t += TAPS_PER_PHASE) {
				let acc = 0;
				for (let j = 0; j < TAPS_PER_PHASE; j++) acc += taps[t + j] * samples[base + j];
				if ((acc < 0 ? -acc : acc) > threshold) overs++;
			}
		}
	}
	return overs;
}
