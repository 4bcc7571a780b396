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
	const frames = channels.length > 0 ? channels[0].length : 0;
	const size = fftSize ?? chooseFftSize(sampleRate, frames);
	if (!(size >= 16 && (size & (size - 1)) === 0))
		throw new RangeError('fftSize must be a power of 2');
	const fft = new FFT(size);
	const window = new Float64Array(size);
	let windowPower = 0;
	for (let i = 0; i < size; i++) {
		window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
		windowPower += window[i] * window[i];
	}
	const input = new Float64Array(size);
	const output: number[] = fft.createComplexArray();
	const half = size / 2;
	const binPower = new Float64Array(half + 1);
	const hop = half;
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
				binPower[k] += re * re + im * im;
			}
			frameCount++;
		}
	}
	// Parseval: Σ over the two-sided spectrum of |X|² / (N·Σw²) is the window-weighted mean square, so
	// one-sided bins other than DC and Nyquist count twice.
	const scale = frameCount > 0 ? 1 / (frameCount * size * windowPower) : 0;
	return thirdOctaveBands().map((band) => {
		let power = 0;
		let bins = 0;
		for (let k = 1; k <= half; k++) {
			const frequency = (k * sampleRate) / size;
			if (frequency < band.lower || frequency >= band.upper) continue;
			power += (k === half ? 1 : 2) * binPower[k] * scale;
			bins++;
		}
		return { ...band, db: bins > 0 && power > 0 ? 10 * Math.log10(power) : null };
	});
}
