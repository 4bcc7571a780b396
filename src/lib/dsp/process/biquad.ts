/**
 * Second-order IIR filters from Robert Bristow-Johnson's "Audio EQ Cookbook" (W3C Audio WG note,
 * https://www.w3.org/TR/audio-eq-cookbook/): peaking, low shelf, high shelf, low-pass and high-pass.
 * Coefficients are returned divided by a0, so the difference equation is
 * y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2].
 * Filtering uses the transposed direct form II (two state values per channel, kept in doubles), which
 * behaves well numerically for audio-band biquads in floating point (J. O. Smith, "Introduction to
 * Digital Filters", ch. "Transposed Direct-Forms").
 */
import type { Decibels, Hertz, SampleRate } from '../units';

/** Normalized biquad coefficients (all divided by a0). */
export interface BiquadCoefficients {
	b0: number;
	b1: number;
	b2: number;
	a1: number;
	a2: number;
}

/** The filter shapes this module designs. */
export type BiquadType = 'peaking' | 'lowshelf' | 'highshelf' | 'lowpass' | 'highpass';

/** Butterworth Q (1/√2): the flattest second-order pass band. */
export const BUTTERWORTH_Q = Math.SQRT1_2;

function normalize(
	b0: number,
	b1: number,
	b2: number,
	a0: number,
	a1: number,
	a2: number
): BiquadCoefficients {
	return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}

function checkFrequency(frequency: Hertz, sampleRate: SampleRate): number {
	if (!(sampleRate > 0)) throw new RangeError('sampleRate must be positive');
	if (!(frequency > 0 && frequency < sampleRate / 2)) {
		throw new RangeError(`frequency ${frequency} Hz must lie between 0 and Nyquist`);
	}
	return (2 * Math.PI * frequency) / sampleRate;
}

function checkQ(q: number): number {
	if (!(q > 0)) throw new RangeError('q must be positive');
	return q;
}

/** Peaking EQ (bell): gain `gainDb` at `frequency`, bandwidth set by `q` (cookbook "peakingEQ"). */
export function peakingCoefficients({
	sampleRate,
	frequency,
	gainDb,
	q
}: {
	sampleRate: SampleRate;
	frequency: Hertz;
	gainDb: Decibels;
	q: number;
}): BiquadCoefficients {
	const w0 = checkFrequency(frequency, sampleRate);
	const A = Math.pow(10, gainDb / 40);
	const alpha = Math.sin(w0) / (2 * checkQ(q));
	const cos = Math.cos(w0);
	return normalize(1 + alpha * A, -2 * cos, 1 - alpha * A, 1 + alpha / A, -2 * cos, 1 - alpha / A);
}

/**
 * The cookbook's shelf α = sin(w0)/2 · √((A + 1/A)(1/S − 1) + 2). With `q` given, α = sin(w0)/(2Q)
 * instead; otherwise the shelf slope `slope` (S) is used, default S = 1: the steepest slope without a
 * bump, where the gain passes half its dB value at `frequency`.
 */
function shelfAlpha(w0: number, A: number, slope: number | undefined, q: number | undefined) {
	if (q !== undefined) return Math.sin(w0) / (2 * checkQ(q));
	const s = slope ?? 1;
	if (!(s > 0)) throw new RangeError('slope must be positive');
	const radicand = (A + 1 / A) * (1 / s - 1) + 2;
	if (!(radicand > 0)) throw new RangeError(`slope ${s} is too steep for this gain`);
	return (Math.sin(w0) / 2) * Math.sqrt(radicand);
}

interface ShelfOptions {
	sampleRate: SampleRate;
	/** Midpoint frequency: the shelf reaches half its gain (in dB) here. */
	frequency: Hertz;
	gainDb: Decibels;
	/** Shelf slope S (default 1); ignored when `q` is given. */
	slope?: number;
	/** Q of the shelf's transition; overrides `slope`. */
	q?: number;
}

/** Low shelf: gain `gainDb` below `frequency` (cookbook "lowShelf"; slope S = 1 unless `q`/`slope`). */
export function lowShelfCoefficients({
	sampleRate,
	frequency,
	gainDb,
	slope,
	q
}: ShelfOptions): BiquadCoefficients {
	const w0 = checkFrequency(frequency, sampleRate);
	const A = Math.pow(10, gainDb / 40);
	const alpha = shelfAlpha(w0, A, slope, q);
	const cos = Math.cos(w0);
	const twoRootAAlpha = 2 * Math.sqrt(A) * alpha;
	return normalize(
		A * (A + 1 - (A - 1) * cos + twoRootAAlpha),
		2 * A * (A - 1 - (A + 1) * cos),
		A * (A + 1 - (A - 1) * cos - twoRootAAlpha),
		A + 1 + (A - 1) * cos + twoRootAAlpha,
		-2 * (A - 1 + (A + 1) * cos),
		A + 1 + (A - 1) * cos - twoRootAAlpha
	);
}

/** High shelf: gain `gainDb` above `frequency` (cookbook "highShelf"; slope S = 1 unless `q`/`slope`). */
export function highShelfCoefficients({
	sampleRate,
	frequency,
	gainDb,
	slope,
	q
}: ShelfOptions): BiquadCoefficients {
	const w0 = checkFrequency(frequency, sampleRate);
	const A = Math.pow(10, gainDb / 40);
	const alpha = shelfAlpha(w0, A, slope, q);
	const cos = Math.cos(w0);
	const twoRootAAlpha = 2 * Math.sqrt(A) * alpha;
	return normalize(
		A * (A + 1 + (A - 1) * cos + twoRootAAlpha),
		-2 * A * (A - 1 + (A + 1) * cos),
		A * (A + 1 + (A - 1) * cos - twoRootAAlpha),
		A + 1 - (A - 1) * cos + twoRootAAlpha,
		2 * (A - 1 - (A + 1) * cos),
		A + 1 - (A - 1) * cos - twoRootAAlpha
	);
}

/** Second-order low-pass (cookbook "LPF"), −3 dB at `frequency` for the default Butterworth Q. */
export function lowpassCoefficients({
	sampleRate,
	frequency,
	q = BUTTERWORTH_Q
}: {
	sampleRate: SampleRate;
	frequency: Hertz;
	q?: number;
}): BiquadCoefficients {
	const w0 = checkFrequency(frequency, sampleRate);
	const alpha = Math.sin(w0) / (2 * checkQ(q));
	const cos = Math.cos(w0);
	return normalize((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
}

/** Second-order high-pass (cookbook "HPF"), −3 dB at `frequency` for the default Butterworth Q. */
export function highpassCoefficients({
	sampleRate,
	frequency,
	q = BUTTERWORTH_Q
}: {
	sampleRate: SampleRate;
	frequency: Hertz;
	q?: number;
}): BiquadCoefficients {
	const w0 = checkFrequency(frequency, sampleRate);
	const alpha = Math.sin(w0) / (2 * checkQ(q));
	const cos = Math.cos(w0);
	return normalize((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
}

/** One biquad described by its shape, for tables such as the playback systems. */
export interface BiquadSpec {
	type: BiquadType;
	frequency: Hertz;
	/** Used by peaking and shelves; ignored by low- and high-pass. */
	gainDb?: Decibels;
	/** Peaking: required bandwidth; pass filters: default Butterworth; shelves: overrides slope S = 1. */
	q?: number;
}

/** Designs the coefficients for a `BiquadSpec` at `sampleRate`. */
export function designBiquad(spec: BiquadSpec, sampleRate: SampleRate): BiquadCoefficients {
	const { type, frequency, gainDb = 0, q } = spec;
	switch (type) {
		case 'peaking':
			return peakingCoefficients({ sampleRate, frequency, gainDb, q: q ?? BUTTERWORTH_Q });
		case 'lowshelf':
			return lowShelfCoefficients({ sampleRate, frequency, gainDb, q });
		case 'highshelf':
			return highShelfCoefficients({ sampleRate, frequency, gainDb, q });
		case 'lowpass':
			return lowpassCoefficients({ sampleRate, frequency, q });
		case 'highpass':
			return highpassCoefficients({ sampleRate, frequency, q });
	}
}

/**
 * Closed-form magnitude response |H(e^jω)| in dB at `frequency`, from the normalized coefficients;
 * for a cascade, the sum of its stages' responses (what `BiquadFilter` does with the same list).
 * @example magnitudeDb({ coefficients: butterworthLowpass1k, frequency: 1000, sampleRate }) // ≈ −3.01
 */
export function magnitudeDb({
	coefficients,
	frequency,
	sampleRate
}: {
	/** One biquad or a cascade applied in order. */
	coefficients: BiquadCoefficients | readonly BiquadCoefficients[];
	frequency: Hertz;
	sampleRate: SampleRate;
}): Decibels {
	const w = (2 * Math.PI * frequency) / sampleRate;
	const c1 = Math.cos(w);
	const s1 = Math.sin(w);
	const c2 = Math.cos(2 * w);
	const s2 = Math.sin(2 * w);
	if ('b0' in coefficients) return stageDb(coefficients, c1, s1, c2, s2);
	let sum = 0;
	for (const stage of coefficients) sum += stageDb(stage, c1, s1, c2, s2);
	return sum;
}

/** One stage's response in dB from cos/sin of ω and 2ω (positional: called once per stage). */
function stageDb(
	coeffs: BiquadCoefficients,
	c1: number,
	s1: number,
	c2: number,
	s2: number
): Decibels {
	// H = (b0 + b1 e^{−jω} + b2 e^{−2jω}) / (1 + a1 e^{−jω} + a2 e^{−2jω})
	const nr = coeffs.b0 + coeffs.b1 * c1 + coeffs.b2 * c2;
	const ni = -(coeffs.b1 * s1 + coeffs.b2 * s2);
	const dr = 1 + coeffs.a1 * c1 + coeffs.a2 * c2;
	const di = -(coeffs.a1 * s1 + coeffs.a2 * s2);
	return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
}

/**
 * A biquad (or a cascade of biquads) applied to planar channels, with per-channel state allocated once.
 * Stateful across calls, so a long signal can be filtered block by block.
 */
export class BiquadFilter {
	readonly channelCount: number;
	readonly #stages: Float64Array;
	readonly #stageCount: number;
	/** Two TDF-II state values per stage per channel: [channel][stage][s1, s2]. */
	readonly #state: Float64Array;

	constructor({
		coefficients,
		channelCount
	}: {
		/** One biquad or a cascade applied in order. */
		coefficients: BiquadCoefficients | BiquadCoefficients[];
		channelCount: number;
	}) {
		const list = Array.isArray(coefficients) ? coefficients : [coefficients];
		if (list.length === 0) throw new RangeError('BiquadFilter needs at least one stage');
		if (!(Number.isInteger(channelCount) && channelCount > 0)) {
			throw new RangeError('channelCount must be a positive integer');
		}
		this.channelCount = channelCount;
		this.#stageCount = list.length;
		this.#stages = new Float64Array(5 * list.length);
		this.#state = new Float64Array(2 * list.length * channelCount);
		this.setCoefficients(list);
	}

	/** Replaces the coefficients (same number of stages), keeping the state: for parameter changes. */
	setCoefficients(coefficients: BiquadCoefficients | BiquadCoefficients[]): void {
		const list = Array.isArray(coefficients) ? coefficients : [coefficients];
		if (list.length !== this.#stageCount) throw new RangeError('stage count changed');
		list.forEach((c, k) => this.#stages.set([c.b0, c.b1, c.b2, c.a1, c.a2], 5 * k));
	}

	/** Clears the state (as if preceded by silence). */
	reset(): void {
		this.#state.fill(0);
	}

	/**
	 * Filters `channels` into `output` (default: in place). Both must have `channelCount` channels of
	 * equal length; `output` may be the same arrays as `channels`.
	 */
	process(channels: Float32Array[], output: Float32Array[] = channels): void {
		if (channels.length !== this.channelCount || output.length !== this.channelCount) {
			throw new RangeError(`expected ${this.channelCount} channels`);
		}
		const stages = this.#stages;
		const state = this.#state;
		const stageCount = this.#stageCount;
		for (let c = 0; c < this.channelCount; c++) {
			const input = channels[c];
			const out = output[c];
			if (out.length !== input.length) throw new RangeError('output length differs from input');
			for (let k = 0; k < stageCount; k++) {
				const source = k === 0 ? input : out;
				const b0 = stages[5 * k];
				const b1 = stages[5 * k + 1];
				const b2 = stages[5 * k + 2];
				const a1 = stages[5 * k + 3];
				const a2 = stages[5 * k + 4];
				const si = 2 * (c * stageCount + k);
				let s1 = state[si];
				let s2 = state[si + 1];
				for (let i = 0; i < input.length; i++) {
					const x = source[i];
					const y = b0 * x + s1;
					s1 = b1 * x - a1 * y + s2;
					s2 = b2 * x - a2 * y;
					out[i] = y;
				}
				state[si] = s1;
				state[si + 1] = s2;
			}
		}
	}
}

/** Filters planar channels through one biquad or a cascade, returning new arrays (input untouched). */
export function filterChannels({
	channels,
	coefficients
}: {
	channels: Float32Array[];
	coefficients: BiquadCoefficients | BiquadCoefficients[];
}): Float32Array[] {
	const output = channels.map((c) => new Float32Array(c.length));
	new BiquadFilter({ coefficients, channelCount: channels.length }).process(channels, output);
	return output;
}
