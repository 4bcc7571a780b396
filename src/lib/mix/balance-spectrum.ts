/**
 * The one long-term spectrum every mix measure reads (and the planting matches, so a planted amount
 * reads back as planted): Welch power, Hann frames without overlap (half the frames of Welch's 50 %
 * overlap, at half the cost), about 5.4 Hz per bin at any rate (8192 points at 44.1 kHz, three bins
 * in the 25–40 Hz region).
 */
import { welchPower, type PowerSpectrum } from '../dsp/analysis/spectrum';
import type { SampleRate } from '../dsp/units';

/** Bin width the frame size aims at, Hz. */
const BIN_HZ = 44100 / 8192;

/** The balance spectrum of `channels` (powers averaged over channels). */
export function balanceSpectrum({
	channels,
	sampleRate
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): PowerSpectrum {
	const fftSize = 1 << Math.round(Math.log2(sampleRate / BIN_HZ));
	return welchPower({ channels, sampleRate, fftSize, overlap: false });
}
