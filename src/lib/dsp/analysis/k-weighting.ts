/**
 * K-weighting filter of ITU-R BS.1770-5 (Tables 1–2 give the 48 kHz coefficients). For any other rate
 * the two biquads are re-derived from the analog prototypes by the bilinear transform with pre-warping,
 * as libebur128 does (`ebur128_init_filter`, jiixyj/libebur128): a high shelf (f0 ≈ 1682 Hz, +4 dB) and
 * the RLB high-pass (f0 ≈ 38 Hz). This reproduces the 48 kHz table to about 1e-15.
 */
import type { BiquadCoefficients } from '../process/biquad';
import type { Hertz, SampleRate } from '../units';

/** Normalized biquad coefficients (a0 = 1): y = b0·x + b1·x₋₁ + b2·x₋₂ − a1·y₋₁ − a2·y₋₂. */
export type Biquad = BiquadCoefficients;

const SHELF_F0: Hertz = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
/** Exponent that sets the shelf's band-pass term (libebur128's constant). */
const SHELF_VB_EXPONENT = 0.4996667741545416;
const HIGH_PASS_F0: Hertz = 38.13547087602444;
const HIGH_PASS_Q = 0.5003270373238773;

/** Shelf then high-pass biquads of the K-weighting filter at `sampleRate` (8 kHz – 192 kHz). */
export function kWeightingCoefficients(sampleRate: SampleRate): {
	shelf: Biquad;
	highPass: Biquad;
} {
	if (!(sampleRate >= 8000 && sampleRate <= 192000)) {
		throw new RangeError(`K-weighting supports 8000–192000 Hz, got ${sampleRate}`);
	}
	let k = Math.tan((Math.PI * SHELF_F0) / sampleRate);
	const vh = Math.pow(10, SHELF_GAIN_DB / 20);
	const vb = Math.pow(vh, SHELF_VB_EXPONENT);
	let a0 = 1 + k / SHELF_Q + k * k;
	const shelf: Biquad = {
		b0: (vh + (vb * k) / SHELF_Q + k * k) / a0,
		b1: (2 * (k * k - vh)) / a0,
		b2: (vh - (vb * k) / SHELF_Q + k * k) / a0,
		a1: (2 * (k * k - 1)) / a0,
		a2: (1 - k / SHELF_Q + k * k) / a0
	};
	k = Math.tan((Math.PI * HIGH_PASS_F0) / sampleRate);
	a0 = 1 + k / HIGH_PASS_Q + k * k;
	// The standard keeps the numerator at [1, −2, 1] (not normalized); libebur128 and ffmpeg do the same.
	const highPass: Biquad = {
		b0: 1,
		b1: -2,
		b2: 1,
		a1: (2 * (k * k - 1)) / a0,
		a2: (1 - k / HIGH_PASS_Q + k * k) / a0
	};
	return { shelf, highPass };
}

/** Streaming K-weighting filter for one channel (direct form I, double precision), starting from rest. */
export class KWeightingFilter {
	readonly #s: Biquad;
	readonly #h: Biquad;
	#x1 = 0;
	#x2 = 0;
	#y1 = 0;
	#y2 = 0;
	#z1 = 0;
	#z2 = 0;

	constructor(sampleRate: SampleRate) {
		const { shelf, highPass } = kWeightingCoefficients(sampleRate);
		this.#s = shelf;
		this.#h = highPass;
	}

	/** Filters one sample. */
	next(x: number): number {
		const s = this.#s;
		const y = s.b0 * x + s.b1 * this.#x1 + s.b2 * this.#x2 - s.a1 * this.#y1 - s.a2 * this.#y2;
		// The high-pass numerator is [1, −2, 1]; its input is the shelf output y.
		const z = y - 2 * this.#y1 + this.#y2 - this.#h.a1 * this.#z1 - this.#h.a2 * this.#z2;
		this.#x2 = this.#x1;
		this.#x1 = x;
		this.#y2 = this.#y1;
		this.#y1 = y;
		this.#z2 = this.#z1;
		this.#z1 = z;
		return z;
	}
}

/** K-weights one channel into `out` (may be the input itself); returns `out`. Starts from rest. */
export function kWeight({
	samples,
	sampleRate,
	out = new Float32Array(samples.length)
}: {
	samples: Float32Array;
	sampleRate: SampleRate;
	out?: Float32Array | Float64Array;
}): Float32Array | Float64Array {
	const filter = new KWeightingFilter(sampleRate);
	for (let i = 0; i < samples.length; i++) out[i] = filter.next(samples[i]);
	return out;
}
