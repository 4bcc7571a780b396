/**
 * Test support for the DSP specs: deterministic test signals and measurements. Imported only by
 * `*.spec.ts` files; nothing in the app depends on it.
 */

/** mulberry32: a small seeded PRNG returning values in [0, 1), so every test signal can be regenerated. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Deterministic uniform noise in [−0.5, 0.5) from a 32-bit LCG, so tests do not flake. */
export function lcgNoise(length: number, seed: number): Float32Array {
	const out = new Float32Array(length);
	let state = seed >>> 0;
	for (let i = 0; i < length; i++) {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		out[i] = state / 2 ** 32 - 0.5;
	}
	return out;
}

/** `length` samples of peak · sin(2π·frequency·n / sampleRate), starting at phase 0. */
export function sineWave({
	peak,
	frequency,
	sampleRate,
	length
}: {
	peak: number;
	frequency: number;
	sampleRate: number;
	length: number;
}): Float32Array {
	return Float32Array.from(
		{ length },
		(_, n) => peak * Math.sin((2 * Math.PI * frequency * n) / sampleRate)
	);
}

/** Least-squares amplitude of a sinusoid of known frequency in signal[start…): exact for a pure tone. */
export function sineAmplitude({
	signal: x,
	frequency,
	sampleRate,
	start = 0
}: {
	signal: Float32Array;
	frequency: number;
	sampleRate: number;
	/** First sample measured (skip a filter's transient). */
	start?: number;
}): number {
	const w = (2 * Math.PI * frequency) / sampleRate;
	let cc = 0;
	let ss = 0;
	let cs = 0;
	let xc = 0;
	let xs = 0;
	for (let n = start; n < x.length; n++) {
		const c = Math.cos(w * n);
		const s = Math.sin(w * n);
		cc += c * c;
		ss += s * s;
		cs += c * s;
		xc += x[n] * c;
		xs += x[n] * s;
	}
	const det = cc * ss - cs * cs;
	return Math.hypot((xc * ss - xs * cs) / det, (xs * cc - xc * cs) / det);
}

/** An amplitude ratio in decibels: 20·log10(x). */
export const db = (x: number): number => 20 * Math.log10(x);
