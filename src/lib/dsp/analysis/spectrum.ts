/**
 * Long-term average spectrum in 1/3-octave bands. Welch's method (P. D. Welch, IEEE Trans. Audio
 * Electroacoust. 15(2), 1967): Hann-windowed frames with 50 % overlap, power averaged over frames and
 * channels, then FFT bins summed into bands. Bands follow IEC 61260-1 base-10: exact centres
 * 1000·10^(k/10) Hz for k = −17 … 13 (labelled with the nominal 20 Hz … 20 kHz), edges at
 * centre·10^(±1/20). A bin belongs to the band whose edges contain its centre frequency.
 */
import FFT from 'fft.js';
import type { Decibels, Hertz, SampleRate } from '../units';

/** IEC 61260 nominal 1/3-octave centre frequencies from 20 Hz to 20 kHz. */
export const THIRD_OCTAVE_NOMINAL: readonly Hertz[] = [
	20, 25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600,
	2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000, 20000
];

export interface Band {
	/** Nominal label (IEC 61260), e.g. 31.5. */
	nominal: Hertz;
	/** Exact base-10 centre. */
	centre: Hertz;
	lower: Hertz;
	upper: Hertz;
	/**
	 * Band power as dBFS RMS (full-scale sine = −3.01 dB when the band holds all of it); null when no FFT
	 * bin falls in the band (above Nyquist or narrower than the resolution) or its power is zero.
	 */
	db: Decibels | null;
}

/** The 31 bands' exact centres and edges (base-10). */
export function thirdOctaveBands(): Omit<Band, 'db'>[] {
	return THIRD_OCTAVE_NOMINAL.map((nominal, i) => {
		const centre = 1000 * Math.pow(10, (i - 17) / 10);
		return {
			nominal,
			centre,
			lower: centre * Math.pow(10, -1 / 20),
			upper: centre * Math.pow(10, 1 / 20)
		};
	});
}

/**
 * Default FFT size: the power of two near sampleRate / 3 (16384 at 48 kHz, 2.9 Hz bins, so even the
 * 4.6 Hz wide 20 Hz band holds a bin), shrunk for short signals.
 */
function chooseFftSize(sampleRate: SampleRate, frames: number): number {
	let size = 1 << Math.round(Math.log2(sampleRate / 3));
	while (size > 256 && size > frames) size >>= 1;
	return size;
}

/** An FFT of one size with its Hann window and work buffers, made once per size (tables are costly). */
interface Transform {
	fft: FFT;
	window: Float64Array;
	windowPower: number;
	input: Float64Array;
	output: number[];
}
const transforms = new Map<number, Transform>();

function transformFor(size: number): Transform {
	let transform = transforms.get(size);
	if (!transform) {
		const fft = new FFT(size);
		const window = new Float64Array(size);
		let windowPower = 0;
		for (let i = 0; i < size; i++) {
			window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
			windowPower += window[i] * window[i];
		}
		transform = {
			fft,
			window,
			windowPower,
			input: new Float64Array(size),
			output: fft.createComplexArray()
		};
		transforms.set(size, transform);
	}
	return transform;
}

/** A long-term power spectrum: mean square per FFT bin (one-sided: bins above DC count twice). */
export interface PowerSpectrum {
	/** Mean-square contribution of each bin 0 … fftSize/2; their sum is the signal's mean square. */
	power: Float64Array;
	/** Width of a bin, Hz. */
	binHz: Hertz;
}

/**
 * Welch's average power spectrum of all channels (powers averaged across channels): Hann frames
 * with 50 % overlap, scaled by Parseval so the bins sum to the window-weighted mean square.
 */
export function welchPower({
	channels,
	sampleRate,
	fftSize,
	overlap = true
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	fftSize?: number;
	/** 50 % overlap (Welch's choice); without it, half the frames: half the cost on long signals. */
	overlap?: boolean;
}): PowerSpectrum {
	const frames = channels.length > 0 ? channels[0].length : 0;
	const size = fftSize ?? chooseFftSize(sampleRate, frames);
	if (!(size >= 16 && (size & (size - 1)) === 0))
		throw new RangeError('fftSize must be a power of 2');
	const { fft, window, windowPower, input, output } = transformFor(size);
	const half = size / 2;
	const power = new Float64Array(half + 1);
	const hop = overlap ? half : size;
	let frameCount = 0;
	for (const samples of channels) {
		// A signal shorter than one frame is zero-padded into a single frame.
		for (let start = 0; start === 0 || start + size <= samples.length; start += hop) {
			for (let i = 0; i < size; i++) {
				const index = start + i;
				input[i] = index < samples.length ? samples[index] * window[i] : 0;
			}
			fft.realTransform(output, input);
			for (let k = 0; k <= half; k++) {
				const re = output[2 * k];
				const im = output[2 * k + 1];
				power[k] += re * re + im * im;
			}
			frameCount++;
		}
	}
	// Parseval: Σ over the two-sided spectrum of |X|² / (N·Σw²) is the window-weighted mean square, so
	// one-sided bins other than DC and Nyquist count twice.
	const scale = frameCount > 0 ? 1 / (frameCount * size * windowPower) : 0;
	for (let k = 0; k <= half; k++) power[k] *= (k === 0 || k === half ? 1 : 2) * scale;
	return { power, binHz: sampleRate / size };
}

/** Mean square of `spectrum` in [lowHz, highHz): the bins whose centre frequency falls there. */
export function bandPower({
	spectrum,
	lowHz,
	highHz
}: {
	spectrum: PowerSpectrum;
	lowHz: Hertz;
	highHz: Hertz;
}): number {
	const { power, binHz } = spectrum;
	let sum = 0;
	for (let k = Math.max(1, Math.ceil(lowHz / binHz)); k < power.length; k++) {
		if (k * binHz >= highHz) break;
		sum += power[k];
	}
	return sum;
}

/** Long-term average 1/3-octave spectrum of all channels (powers averaged across channels). */
export function thirdOctaveSpectrum({
	channels,
	sampleRate,
	fftSize
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	fftSize?: number;
}): Band[] {
	const spectrum = welchPower({ channels, sampleRate, fftSize });
	const bins = spectrum.power.length - 1;
	return thirdOctaveBands().map((band) => {
		let count = 0;
		for (let k = 1; k <= bins; k++) {
			const frequency = k * spectrum.binHz;
			if (frequency >= band.lower && frequency < band.upper) count++;
		}
		const power = bandPower({ spectrum, lowHz: band.lower, highHz: band.upper });
		return { ...band, db: count > 0 && power > 0 ? 10 * Math.log10(power) : null };
	});
}
