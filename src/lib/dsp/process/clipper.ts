/**
 * Memoryless clippers with a drive (input gain) in dB and a ceiling:
 * - 'hard': y = clamp(x, −c, c);
 * - 'tanh': y = c·tanh(x/c), the classic saturating curve (slope 1 at zero, approaches ±c);
 * - 'cubic': the cubic soft clipper of J. O. Smith, "Physical Audio Signal Processing" (CCRMA, online
 *   book, section "Cubic Soft Clipper"): f(u) = u − u³/3 for |u| ≤ 1, ±2/3 beyond, scaled here as
 *   y = 1.5c·f(x/(1.5c)), so it has slope 1 at zero and reaches the ceiling exactly at |x| = 1.5c.
 * Here x is the driven input. No oversampling: the harmonics above Nyquist alias, as in the simplest
 * plug-ins; that is part of what the lessons let learners hear.
 */
import { dbToGain, type Decibels } from '../units';

/** The clipping curves this module offers. */
export type ClipperShape = 'hard' | 'tanh' | 'cubic';

/**
 * The curve of `shape` for one driven sample `x` and ceiling `ceiling` (linear).
 * @example clipSample({ shape: 'hard', x: 1.3, ceiling: 1 }) // 1
 */
export function clipSample({
	shape,
	x,
	ceiling
}: {
	shape: ClipperShape;
	/** The driven input sample. */
	x: number;
	/** Linear ceiling (1 is 0 dBFS). */
	ceiling: number;
}): number {
	return curve(shape, x, ceiling);
}

/** `clipSample` with positional arguments, for the per-sample loop (no object per sample). */
function curve(shape: ClipperShape, x: number, ceiling: number): number {
	switch (shape) {
		case 'hard':
			return x > ceiling ? ceiling : x < -ceiling ? -ceiling : x;
		case 'tanh':
			return ceiling * Math.tanh(x / ceiling);
		case 'cubic': {
			const u = x / (1.5 * ceiling);
			if (u >= 1) return ceiling;
			if (u <= -1) return -ceiling;
			return 1.5 * ceiling * (u - (u * u * u) / 3);
		}
	}
}

/**
 * Clips planar channels into `output` (default in place). Returns `clippedSamples`: how many samples
 * (over all channels) had a driven value beyond the ceiling, the ones a hard clipper flattens. The same
 * definition is used for every shape so counts compare across shapes.
 */
export function clip({
	channels,
	output = channels,
	shape = 'hard',
	driveDb = 0,
	ceilingDb = 0
}: {
	channels: Float32Array[];
	output?: Float32Array[];
	shape?: ClipperShape;
	driveDb?: Decibels;
	/** Ceiling in dBFS (default 0: ±1). */
	ceilingDb?: Decibels;
}): { clippedSamples: number } {
	if (output.length !== channels.length)
		throw new RangeError('output has a different channel count');
	const drive = dbToGain(driveDb);
	const ceiling = dbToGain(ceilingDb);
	let clippedSamples = 0;
	for (let c = 0; c < channels.length; c++) {
		const input = channels[c];
		const out = output[c];
		if (out.length !== input.length) throw new RangeError('output length differs from input');
		// One loop per shape (the same curve as `curve`), so the per-sample work has no branch on it.
		if (shape === 'cubic') {
			const width = 1.5 * ceiling;
			for (let i = 0; i < input.length; i++) {
				const x = drive * input[i];
				if (x > ceiling || x < -ceiling) clippedSamples++;
				const u = x / width;
				out[i] = u >= 1 ? ceiling : u <= -1 ? -ceiling : width * (u - (u * u * u) / 3);
			}
		} else {
			for (let i = 0; i < input.length; i++) {
				const x = drive * input[i];
				if (x > ceiling || x < -ceiling) clippedSamples++;
				out[i] = curve(shape, x, ceiling);
			}
		}
	}
	return { clippedSamples };
}
