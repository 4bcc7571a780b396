/**
 * The bench's reading of a whole track: one call over planar channels that reuses the meters of this
 * folder (ITU-R BS.1770-5 / EBU R128 loudness and EBU Tech 3342 LRA in `loudness.ts`, BS.1770 Annex 2
 * true peak in `true-peak.ts`, Pearson stereo correlation in `levels.ts`, Welch third-octave spectrum
 * in `spectrum.ts`) and adds the rule-of-thumb reference curve of `reference-curve.ts`.
 *
 * Speed: the loudness, peak and correlation meters read every sample (they are exact). The long-term
 * spectrum is the one estimate that does not need every sample: on a long track it averages a fixed
 * number of FFT frames per channel spread over the whole track (stratified, with a low-discrepancy
 * offset inside each stratum so a tempo cannot line every frame up with the same beat), instead of all
 * 50 %-overlapping frames. That is the same Welch estimator on a subset of its frames; on music and
 * noise it stays within a few tenths of a dB of the full average in the bands that carry the music
 * (see `SPECTRUM_FRAMES_PER_CHANNEL` and the spec).
 */
import type { Decibels, Dbfs, Hertz, Lufs, SampleRate, Seconds } from '../units';
import { correlationSeries, samplePeak, stereoCorrelation } from './levels';
import { measureLoudness } from './loudness';
import { alignReference } from './reference-curve';
import { thirdOctaveSpectrum, type Band } from './spectrum';
import { truePeak } from './true-peak';

export interface TrackAnalysis {
	durationS: Seconds;
	sampleRate: SampleRate;
	channels: number;
	/** Gated integrated loudness (BS.1770); null for silence or less than 400 ms. */
	integratedLufs: Lufs | null;
	/** Loudness range (EBU Tech 3342), LU; null for silence or less than 3 s. */
	lraLu: number | null;
	truePeakDbtp: Dbfs | null;
	samplePeakDbfs: Dbfs | null;
	/** Peak-to-loudness ratio: true peak − integrated loudness, dB. */
	plrDb: Decibels | null;
	maxShortTermLufs: Lufs | null;
	maxMomentaryLufs: Lufs | null;
	/** Short-term loudness (3 s) for a graph, at most `graphPoints` evenly spaced points: [seconds, LUFS|null] */
	shortTerm: [number, number | null][];
	/**
	 * Long-term third-octave spectrum (25 Hz – 16 kHz), dB relative to its own loudest band (null where
	 * a band is empty or above Nyquist), and the reference curve on the same bands aligned to it.
	 */
	spectrum: { hz: Hertz; db: Decibels | null; referenceDb: Decibels }[];
	/**
	 * Stereo correlation (Pearson's r of the first two channels over the whole track), −1…+1; null for
	 * mono, or when a channel is silent or constant.
	 */
	correlation: number | null;
	/** Share of the 100 ms blocks with a reading whose correlation is below 0 (null for mono). */
	negativeCorrelationShare: number | null;
}

export interface AnalyzeOptions {
	/** Most points in the short-term graph (default 480). */
	graphPoints?: number;
	/** Called with 0 < fraction ≤ 1 after each stage, ending with 1. */
	onProgress?: (fraction: number) => void;
}

export const DEFAULT_GRAPH_POINTS = 480;
/** Nominal bands the bench shows: 25 Hz to 16 kHz (20 Hz and 20 kHz are mostly empty or half-cut). */
const SPECTRUM_FROM_HZ: Hertz = 25;
const SPECTRUM_TO_HZ: Hertz = 16000;
/**
 * FFT frames per channel for the long-term spectrum: 256 frames of 16384 samples read about 95 s of
 * each 44.1 kHz channel, a fifth of the full Welch average's frames on a 4-minute track. On the app's
 * arrangements (four styles, 4 minutes) the bands from 40 Hz to 12.5 kHz then stay within 0.7 dB of
 * the full average (128 frames: 1.4 dB), at about 0.1 s of CPU time in Node.
 */
export const SPECTRUM_FRAMES_PER_CHANNEL = 256;
/** Fractional part of the golden ratio: successive multiples spread evenly over [0, 1). */
const GOLDEN_FRACTION = (Math.sqrt(5) - 1) / 2;

/**
 * Cumulative progress after each stage, roughly in proportion to its cost (measured in Node on a
 * 4-minute stereo 44.1 kHz track: true peak costs the most, then loudness).
 */
const PROGRESS = { loudness: 0.2, truePeak: 0.65, spectrum: 0.85, correlation: 1 } as const;

/** The FFT size `thirdOctaveSpectrum` picks by default for a long signal (≈ sampleRate / 3). */
function defaultFftSize(sampleRate: SampleRate): number {
	return 1 << Math.round(Math.log2(sampleRate / 3));
}

/**
 * Long-term spectrum: the full Welch average when the track has few frames, otherwise
 * `SPECTRUM_FRAMES_PER_CHANNEL` frames per channel, one from each equal stretch of the track, passed
 * to `thirdOctaveSpectrum` as subarray views (no copy), each exactly one frame long.
 */
export function longTermSpectrum({
	channels,
	sampleRate,
	framesPerChannel = SPECTRUM_FRAMES_PER_CHANNEL
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	framesPerChannel?: number;
}): Band[] {
	const size = defaultFftSize(sampleRate);
	const frames = channels.length > 0 ? channels[0].length : 0;
	const welchFrames = frames >= size ? Math.floor((frames - size) / (size / 2)) + 1 : 1;
	if (welchFrames <= framesPerChannel) return thirdOctaveSpectrum({ channels, sampleRate });
	const stride = (frames - size) / framesPerChannel;
	const views: Float32Array[] = [];
	for (const samples of channels) {
		for (let j = 0; j < framesPerChannel; j++) {
			const offset = ((j + 1) * GOLDEN_FRACTION) % 1;
			const start = Math.min(frames - size, Math.floor((j + offset) * stride));
			views.push(samples.subarray(start, start + size));
		}
	}
	return thirdOctaveSpectrum({ channels: views, sampleRate, fftSize: size });
}

/** At most `points` entries of `series`, evenly spaced by index, first and last included. */
function thin<T>(series: readonly T[], points: number): T[] {
	if (series.length <= points) return series.slice();
	if (points === 1) return [series[series.length - 1]];
	return Array.from(
		{ length: points },
		(_, i) => series[Math.round((i * (series.length - 1)) / (points - 1))]
	);
}

/** Measures a whole track for the bench (mono or stereo; more channels all weigh 1.0). */
export function analyzeTrack(
	input: { channels: Float32Array[]; sampleRate: SampleRate },
	options: AnalyzeOptions = {}
): TrackAnalysis {
	const { channels, sampleRate } = input;
	const { graphPoints = DEFAULT_GRAPH_POINTS, onProgress } = options;
	if (channels.length === 0) throw new RangeError('analyzeTrack: the track has no channels');
	const frames = channels[0].length;
	if (channels.some((c) => c.length !== frames)) {
		throw new RangeError('analyzeTrack: the channels differ in length');
	}
	if (!Number.isInteger(graphPoints) || graphPoints < 1) {
		throw new RangeError('analyzeTrack: graphPoints must be a positive integer');
	}

	const loudness = measureLoudness({ channels, sampleRate, series: true });
	onProgress?.(PROGRESS.loudness);

	const tp = truePeak({ channels, sampleRate }).dbtp;
	const peak = samplePeak({ channels }).dbfs;
	onProgress?.(PROGRESS.truePeak);

	const bands = longTermSpectrum({ channels, sampleRate }).filter(
		(band) => band.nominal >= SPECTRUM_FROM_HZ && band.nominal <= SPECTRUM_TO_HZ
	);
	let loudestDb = -Infinity;
	for (const band of bands) if (band.db !== null && band.db > loudestDb) loudestDb = band.db;
	const relative = bands.map((band) => ({
		hz: band.nominal,
		db: band.db === null ? null : band.db - loudestDb
	}));
	const { referenceDb } = alignReference(relative);
	const spectrum = relative.map((band, i) => ({ ...band, referenceDb: referenceDb[i] }));
	onProgress?.(PROGRESS.spectrum);

	let correlation: number | null = null;
	let negativeCorrelationShare: number | null = null;
	if (channels.length >= 2) {
		const [left, right] = channels;
		correlation = stereoCorrelation({ left, right });
		let measured = 0;
		let negative = 0;
		for (const [, r] of correlationSeries({ left, right, sampleRate })) {
			if (r === null) continue;
			measured++;
			if (r < 0) negative++;
		}
		negativeCorrelationShare = measured > 0 ? negative / measured : null;
	}
	onProgress?.(PROGRESS.correlation);

	const integrated = loudness.integrated;
	return {
		durationS: frames / sampleRate,
		sampleRate,
		channels: channels.length,
		integratedLufs: integrated,
		lraLu: loudness.range,
		truePeakDbtp: tp,
		samplePeakDbfs: peak,
		plrDb: tp !== null && integrated !== null ? tp - integrated : null,
		maxShortTermLufs: loudness.shortTermMax,
		maxMomentaryLufs: loudness.momentaryMax,
		shortTerm: thin(loudness.series?.shortTerm ?? [], graphPoints),
		spectrum,
		correlation,
		negativeCorrelationShare
	};
}
