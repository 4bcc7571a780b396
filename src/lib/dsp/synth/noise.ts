/**
 * Seeded, loopable stereo test noise at a set RMS level. White noise is Gaussian; pink noise is white
 * noise through Paul Kellet's "refined" pink filter (musicdsp.org, "Pink noise filter", 1999: six
 * first-order sections, within ±0.05 dB of −3 dB/octave above 9.2 Hz at 44.1 kHz; at other rates the
 * poles stay put, so the lowest corners move in proportion). Left and right use independent generators,
 * so the channels are decorrelated.
 */
import { dbToGain, type Dbfs, type SampleRate, type Seconds } from '../units';
import { createRng } from './rng';

/** A stereo noise clip. */
export interface NoiseClip {
	left: Float32Array<ArrayBuffer>;
	right: Float32Array<ArrayBuffer>;
	sampleRate: SampleRate;
}

/** Fills `out` with Gaussian white noise (unit variance) from `seed`. */
function gaussian(out: Float32Array, seed: number): void {
	const rng = createRng(seed);
	for (let i = 0; i < out.length; i++) out[i] = rng.normal();
}

/**
 * Kellet's filter applied to a periodic input: one pass to reach the state the loop ends in, then
 * the pass that is kept, which starts from that state. The output is then exactly periodic (the
 * slowest pole, 0.99886, forgets the zero start within a few thousand samples), so it loops without
 * a seam.
 */
function pinkInPlace(buffer: Float32Array): void {
	let b0 = 0;
	let b1 = 0;
	let b2 = 0;
	let b3 = 0;
	let b4 = 0;
	let b5 = 0;
	let b6 = 0;
	for (let pass = 0; pass < 2; pass++) {
		const keep = pass === 1;
		for (let i = 0; i < buffer.length; i++) {
			// Read before the second pass overwrites it with pink.
			const white = buffer[i];
			b0 = 0.99886 * b0 + white * 0.0555179;
			b1 = 0.99332 * b1 + white * 0.0750759;
			b2 = 0.969 * b2 + white * 0.153852;
			b3 = 0.8665 * b3 + white * 0.3104856;
			b4 = 0.55 * b4 + white * 0.5329522;
			b5 = -0.7616 * b5 - white * 0.016898;
			const pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
			b6 = white * 0.115926;
			if (keep) buffer[i] = pink;
		}
	}
}

/** Removes the mean (a loop-safe DC removal) and scales `channels` to `rmsDbfs` together. */
function setLevel(channels: Float32Array[], rmsDbfs: Dbfs): void {
	let sumSquares = 0;
	let count = 0;
	for (const c of channels) {
		let sum = 0;
		for (let i = 0; i < c.length; i++) sum += c[i];
		const mean = sum / c.length;
		for (let i = 0; i < c.length; i++) {
			c[i] -= mean;
			sumSquares += c[i] * c[i];
		}
		count += c.length;
	}
	const gain = dbToGain(rmsDbfs) / Math.sqrt(sumSquares / count);
	for (const c of channels) for (let i = 0; i < c.length; i++) c[i] *= gain;
}

/** Renders noise; `rmsDbfs` is the RMS over both channels (a Gaussian's peaks reach ~+13 dB above it). */
export function renderNoise({
	color,
	seed,
	seconds,
	sampleRate,
	rmsDbfs
}: {
	color: 'white' | 'pink';
	seed: number;
	seconds: Seconds;
	sampleRate: SampleRate;
	rmsDbfs: Dbfs;
}): NoiseClip {
	const length = Math.round(seconds * sampleRate);
	const left = new Float32Array(length);
	const right = new Float32Array(length);
	// Distinct seeds per channel; the constant keeps them apart from the music generator's seeds.
	gaussian(left, seed * 2 + 0x51ed);
	gaussian(right, seed * 2 + 0x51ee);
	if (color === 'pink') {
		pinkInPlace(left);
		pinkInPlace(right);
	}
	setLevel([left, right], rmsDbfs);
	return { left, right, sampleRate };
}
