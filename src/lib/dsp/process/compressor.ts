/**
 * Feed-forward compressor after D. Giannoulis, M. Massberg and J. D. Reiss, "Digital Dynamic Range
 * Compressor Design — A Tutorial and Analysis", J. Audio Eng. Soc. 60(6), 2012:
 * - gain computer with a quadratic soft knee of width W (their eq. 4), in dB;
 * - level detection in the log domain after the gain computer (their fig. 7c): the detector smooths the
 *   gain *reduction* x_L = x_G − y_G, so attack and release act on what is heard;
 * - the smooth branching peak detector (their eq. 16) with α = e^(−1/(τ·fs)), so a step reaches 1 − 1/e
 *   of its final gain reduction after τ (their section 3.1).
 * Detection is the peak (|x|) or the RMS (one-pole mean square over `rmsWindowMs`) of the input;
 * channels are linked: the loudest channel's level drives one gain for all of them.
 */
import { dbToGain, type Decibels, type SampleRate } from '../units';
import { checkBlock } from './buffers';

/** Settings of the compressor; times in milliseconds. */
export interface CompressorSettings {
	thresholdDb: Decibels;
	/** Compression ratio R ≥ 1 (input dB above threshold per output dB); Infinity makes a limiter curve. */
	ratio: number;
	/** Soft-knee width W in dB (0 = hard knee), centred on the threshold. */
	kneeDb?: Decibels;
	attackMs: number;
	releaseMs: number;
	makeupDb?: Decibels;
	detection?: 'peak' | 'rms';
	/** Averaging time constant of the RMS detector (default 10 ms); unused for peak detection. */
	rmsWindowMs?: number;
}

/** Lowest level the detector reports, so silence maps to a finite dB value. */
const FLOOR_DB = -200;

/**
 * The static curve: output level y_G (dB) of the gain computer for input level `inputDb`
 * (Giannoulis et al. eq. 4, quadratic soft knee of width `kneeDb`).
 */
export function staticCurveDb({
	inputDb,
	thresholdDb,
	ratio,
	kneeDb = 0
}: {
	inputDb: Decibels;
	thresholdDb: Decibels;
	ratio: number;
	kneeDb?: Decibels;
}): Decibels {
	const over = inputDb - thresholdDb;
	const slope = 1 / ratio - 1;
	if (2 * over < -kneeDb) return inputDb;
	if (kneeDb > 0 && 2 * Math.abs(over) <= kneeDb) {
		return inputDb + (slope * (over + kneeDb / 2) ** 2) / (2 * kneeDb);
	}
	return thresholdDb + over / ratio;
}

/** Smoothing coefficient e^(−1/(τ·fs)) of a one-pole with time constant `ms` (0 ms → no smoothing). */
function onePole(ms: number, sampleRate: SampleRate): number {
	if (!(ms >= 0)) throw new RangeError('time constants must be ≥ 0 ms');
	return ms === 0 ? 0 : Math.exp(-1000 / (ms * sampleRate));
}

/**
 * Streaming stereo-linked compressor. `process` writes audio and, if given, the gain reduction in dB
 * per sample (≥ 0, before makeup gain: 3 means the signal was turned down 3 dB at that sample).
 */
export class Compressor {
	readonly channelCount: number;
	readonly #sampleRate: SampleRate;
	#thresholdDb = 0;
	#ratio = 1;
	#kneeDb = 0;
	#makeup = 1;
	#attack = 0;
	#release = 0;
	#rms = false;
	#rmsCoefficient = 0;
	/** Smoothed gain reduction y_L in dB (positive). */
	#reductionDb = 0;
	/** Per-channel mean square for RMS detection. */
	readonly #meanSquare: Float64Array;

	constructor({
		sampleRate,
		channelCount,
		...settings
	}: CompressorSettings & { sampleRate: SampleRate; channelCount: number }) {
		if (!(sampleRate > 0)) throw new RangeError('sampleRate must be positive');
		if (!(Number.isInteger(channelCount) && channelCount > 0)) {
			throw new RangeError('channelCount must be a positive integer');
		}
		this.channelCount = channelCount;
		this.#sampleRate = sampleRate;
		this.#meanSquare = new Float64Array(channelCount);
		this.set(settings);
	}

	/** Changes the settings without resetting the detector. */
	set(settings: CompressorSettings): void {
		const { thresholdDb, ratio, kneeDb = 0, attackMs, releaseMs, makeupDb = 0 } = settings;
		if (!(ratio >= 1)) throw new RangeError('ratio must be ≥ 1');
		if (!(kneeDb >= 0)) throw new RangeError('kneeDb must be ≥ 0');
		this.#thresholdDb = thresholdDb;
		this.#ratio = ratio;
		this.#kneeDb = kneeDb;
		this.#makeup = dbToGain(makeupDb);
		this.#attack = onePole(attackMs, this.#sampleRate);
		this.#release = onePole(releaseMs, this.#sampleRate);
		this.#rms = settings.detection === 'rms';
		this.#rmsCoefficient = onePole(settings.rmsWindowMs ?? 10, this.#sampleRate);
	}

	/** Clears the detector (as if preceded by silence). */
	reset(): void {
		this.#reductionDb = 0;
		this.#meanSquare.fill(0);
	}

	/**
	 * Compresses `channels` into `output` (default in place). `gainReductionDb`, if given, receives the
	 * gain reduction per sample and must be as long as the channels.
	 */
	process({
		channels,
		output = channels,
		gainReductionDb
	}: {
		channels: Float32Array[];
		output?: Float32Array[];
		gainReductionDb?: Float32Array;
	}): void {
		const count = this.channelCount;
		const length = checkBlock({ channels, output, count, gainReductionDb });
		const threshold = this.#thresholdDb;
		const knee = this.#kneeDb;
		const slope = 1 / this.#ratio - 1;
		const attack = this.#attack;
		const release = this.#release;
		const rms = this.#rms;
		const rmsCoefficient = this.#rmsCoefficient;
		const meanSquare = this.#meanSquare;
		const makeup = this.#makeup;
		let yL = this.#reductionDb;
		// Below the knee's start the gain computer asks for no reduction, whatever the level: a
		// peak side chain under this magnitude skips the logarithm (the result is the same, 0 dB).
		const quiet = 10 ** ((threshold - knee / 2) / 20) * (1 - 1e-9);
		const quietSquare = quiet * quiet;
		// Gain = makeup · 10^(−y_L/20), computed as an exponential; reused while y_L does not change.
		const toGain = -Math.LN10 / 20;
		let lastYL = 0;
		let gain = makeup;
		for (let i = 0; i < length; i++) {
			// Side chain: level x_G of the loudest channel (dB).
			let level = 0;
			let xL = 0;
			if (rms) {
				for (let c = 0; c < count; c++) {
					const x = channels[c][i];
					const ms = rmsCoefficient * meanSquare[c] + (1 - rmsCoefficient) * x * x;
					meanSquare[c] = ms;
					if (ms > level) level = ms;
				}
				level = level >= quietSquare ? (level > 0 ? 10 * Math.log10(level) : FLOOR_DB) : FLOOR_DB;
			} else {
				for (let c = 0; c < count; c++) {
					const x = channels[c][i];
					const magnitude = x < 0 ? -x : x;
					if (magnitude > level) level = magnitude;
				}
				level = level >= quiet ? 20 * Math.log10(level) : FLOOR_DB;
			}
			if (level < FLOOR_DB) level = FLOOR_DB;
			// Gain computer (eq. 4) → desired reduction x_L = x_G − y_G ≥ 0.
			const over = level - threshold;
			if (2 * over >= -knee) {
				if (knee > 0 && 2 * over <= knee) {
					const k = over + knee / 2;
					xL = (-slope * k * k) / (2 * knee);
				} else {
					xL = -slope * over;
				}
			}
			// Smooth branching peak detector (eq. 16) on the reduction.
			yL = xL > yL ? attack * yL + (1 - attack) * xL : release * yL + (1 - release) * xL;
			if (yL !== lastYL) {
				gain = makeup * Math.exp(toGain * yL);
				lastYL = yL;
			}
			for (let c = 0; c < count; c++) output[c][i] = channels[c][i] * gain;
			if (gainReductionDb) gainReductionDb[i] = yL;
		}
		this.#reductionDb = yL;
	}
}

/** Compresses a whole clip into new arrays; returns the audio and the gain reduction (dB per sample). */
export function compress({
	channels,
	sampleRate,
	...settings
}: CompressorSettings & { channels: Float32Array[]; sampleRate: SampleRate }): {
	channels: Float32Array[];
	gainReductionDb: Float32Array;
} {
	const output = channels.map((c) => new Float32Array(c.length));
	const gainReductionDb = new Float32Array(channels[0]?.length ?? 0);
	const compressor = new Compressor({ sampleRate, channelCount: channels.length, ...settings });
	compressor.process({ channels, output, gainReductionDb });
	return { channels: output, gainReductionDb };
}
