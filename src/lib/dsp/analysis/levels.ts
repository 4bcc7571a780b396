/**
 * Level and dynamics statistics. Sample peak and RMS in dBFS use the "sine RMS = −3.01 dBFS" convention
 * (20·log10 of the plain RMS, full scale = ±1), not AES17's +3 dB offset. Crest factor = peak − RMS;
 * PLR = true peak − integrated loudness and PSR = true peak − short-term loudness (the Dynameter/TT DR
 * vocabulary; loudness after ITU-R BS.1770-5). Stereo correlation is Pearson's r of left and right.
 * Every figure is null where it would be ±Infinity or NaN (silence, constant channels).
 */
import { gainToDb, type Dbfs, type Decibels, type SampleRate, type Seconds } from '../units';
import { hopStart, measureLoudness, type LoudnessResult } from './loudness';
import { truePeak, truePeakPerHop } from './true-peak';

/** Largest |sample| of all channels, linear and in dBFS (null for digital silence). */
export function samplePeak({ channels }: { channels: Float32Array[] }): {
	dbfs: Dbfs | null;
	linear: number;
} {
	let linear = 0;
	for (const samples of channels) {
		for (let i = 0; i < samples.length; i++) {
			const magnitude = Math.abs(samples[i]);
			if (magnitude > linear) linear = magnitude;
		}
	}
	return { dbfs: linear > 0 ? gainToDb(linear) : null, linear };
}

/** RMS over all samples of all channels; a full-scale sine reads −3.01 dBFS (null for silence). */
export function rmsLevel({ channels }: { channels: Float32Array[] }): {
	dbfs: Dbfs | null;
	linear: number;
} {
	let sum = 0;
	let count = 0;
	for (const samples of channels) {
		for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
		count += samples.length;
	}
	const linear = count > 0 ? Math.sqrt(sum / count) : 0;
	return { dbfs: linear > 0 ? gainToDb(linear) : null, linear };
}

/** Crest factor: sample peak − RMS in dB (3.01 dB for a sine; null for silence). */
export function crestFactor({ channels }: { channels: Float32Array[] }): Decibels | null {
	const peak = samplePeak({ channels }).dbfs;
	const rms = rmsLevel({ channels }).dbfs;
	return peak === null || rms === null ? null : peak - rms;
}

/** A point of a curve over time: window end and value (null where undefined). */
export type TimePoint = [tEnd: Seconds, value: number | null];

/**
 * Peak-to-loudness ratios: PLR = true peak − I, PSR = true peak − maximum short-term loudness, and a
 * PSR curve every 100 ms (true peak of the same 3 s window − its short-term loudness). Pass `loudness`
 * when already measured (it must include `series`).
 */
export function peakToLoudness({
	channels,
	sampleRate,
	loudness
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	loudness?: LoudnessResult;
}): { plr: Decibels | null; psr: Decibels | null; psrSeries: TimePoint[] } {
	const measured = loudness?.series
		? loudness
		: measureLoudness({ channels, sampleRate, series: true });
	const peak = truePeak({ channels, sampleRate }).dbtp;
	const hopPeaks = truePeakPerHop({ channels, sampleRate });
	const shortTermHops = 300;
	const psrSeries: TimePoint[] = (measured.series?.shortTerm ?? []).map(([tEnd, lufs], j) => {
		const end = shortTermHops + 10 * j;
		let linear = 0;
		for (let k = end - shortTermHops; k < end; k++) if (hopPeaks[k] > linear) linear = hopPeaks[k];
		const value = lufs === null || linear === 0 ? null : gainToDb(linear) - lufs;
		return [tEnd, value];
	});
	const difference = (a: number | null, b: number | null) =>
		a === null || b === null ? null : a - b;
	return {
		plr: difference(peak, measured.integrated),
		psr: difference(peak, measured.shortTermMax),
		psrSeries
	};
}

/** Pearson correlation of two equal-length spans; null if either is constant (zero variance). */
function pearson(left: Float32Array, right: Float32Array, from: number, to: number): number | null {
	const n = to - from;
	if (n < 2) return null;
	let sumL = 0;
	let sumR = 0;
	for (let i = from; i < to; i++) {
		sumL += left[i];
		sumR += right[i];
	}
	const meanL = sumL / n;
	const meanR = sumR / n;
	let ll = 0;
	let rr = 0;
	let lr = 0;
	for (let i = from; i < to; i++) {
		const l = left[i] - meanL;
		const r = right[i] - meanR;
		ll += l * l;
		rr += r * r;
		lr += l * r;
	}
	// Both variances must be meaningfully above rounding noise of the means.
	if (ll <= 1e-20 * n || rr <= 1e-20 * n) return null;
	return Math.max(-1, Math.min(1, lr / Math.sqrt(ll * rr)));
}

/** Stereo correlation over the whole file (+1 mono-compatible, 0 unrelated, −1 out of phase). */
export function stereoCorrelation({
	left,
	right
}: {
	left: Float32Array;
	right: Float32Array;
}): number | null {
	if (left.length !== right.length) throw new RangeError('channels differ in length');
	return pearson(left, right, 0, left.length);
}

/** Stereo correlation in consecutive blocks (default 100 ms, on the 10 ms loudness grid). */
export function correlationSeries({
	left,
	right,
	sampleRate,
	blockSeconds = 0.1
}: {
	left: Float32Array;
	right: Float32Array;
	sampleRate: SampleRate;
	blockSeconds?: Seconds;
}): TimePoint[] {
	if (left.length !== right.length) throw new RangeError('channels differ in length');
	const hopsPerBlock = Math.max(1, Math.round(blockSeconds * 100));
	const points: TimePoint[] = [];
	for (let k = hopsPerBlock; hopStart(k, sampleRate) <= left.length; k += hopsPerBlock) {
		const from = hopStart(k - hopsPerBlock, sampleRate);
		const to = hopStart(k, sampleRate);
		points.push([to / sampleRate, pearson(left, right, from, to)]);
	}
	return points;
}
