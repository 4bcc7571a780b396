/**
 * Lookahead brickwall limiter with a true-peak ceiling. The gain envelope follows the design in
 * Geraint Luff, "Designing a straightforward limiter" (Signalsmith Audio blog, 2022) and the lookahead
 * limiter of U. Zölzer, "DAFX: Digital Audio Effects" (2nd ed., ch. 4, "Limiter"):
 * 1. detect each sample's true peak (BS.1770 Annex 2 oversampling, ../analysis/true-peak) of the driven,
 *    stereo-linked input and turn it into the gain it needs: min(1, ceiling / peak);
 * 2. take the minimum of those gains over a sliding window (a monotonic deque, O(1) per sample), so the
 *    needed gain is held from one lookahead before the peak until after its interpolation kernel;
 * 3. release: the held gain may drop at once but rises as a one-pole with time constant `releaseMs`;
 * 4. smooth with a moving average as long as the lookahead, so the gain ramps down linearly and
 *    reaches the held value exactly when the peak leaves the delay line. The average of values that are
 *    all ≤ the needed gain is ≤ the needed gain, which is what makes the limiter brickwall; and a moving
 *    average of length L changes by at most 1/L per sample, which is what keeps it click-free.
 * The audio is delayed to match (`latency` samples); `limit` removes that delay for whole clips.
 */
import { oversamplingFactor, TruePeakInterpolator } from '../analysis/true-peak';
import { dbToGain, type Decibels, type SampleRate } from '../units';
import { checkBlock } from './buffers';
import { applyGain } from './stereo';

/** Settings of the limiter; times in milliseconds. */
export interface LimiterSettings {
	/** True-peak ceiling of the output (default −1 dBTP). */
	ceilingDbtp?: Decibels;
	/** Input gain before limiting (default 0 dB): how hard the limiter is driven. */
	driveDb?: Decibels;
	/** Lookahead, and length of the gain ramp (default 2 ms). */
	lookaheadMs?: number;
	/** Release time constant (default 50 ms). */
	releaseMs?: number;
}

/**
 * Streaming stereo-linked limiter. Output sample i of a `process` call is input sample i − `latency`
 * (counting across calls); `gainReductionDb` receives the reduction applied to that output sample
 * (≥ 0 dB, excluding the drive).
 */
export class Limiter {
	readonly channelCount: number;
	/** Delay of the output behind the input, in samples. */
	readonly latency: number;
	/** Length of the gain ramp in samples: the gain changes by at most 1/rampSamples per sample. */
	readonly rampSamples: number;
	readonly #ceiling: number;
	readonly #drive: number;
	readonly #release: number;
	readonly #window: number;
	readonly #detectors: TruePeakInterpolator[];
	/** Audio delay lines, one after the other: channelCount × (latency + 1). */
	readonly #delay: Float64Array;
	#delayIndex = 0;
	/** Monotonic deque of (gain, time) for the sliding minimum; capacity window + 1. */
	readonly #dequeGain: Float64Array;
	readonly #dequeTime: Float64Array;
	#dequeHead = 0;
	#dequeSize = 0;
	#time = 0;
	#held = 1;
	/** Moving-average ring of the released gain. */
	readonly #ramp: Float64Array;
	#rampIndex = 0;
	#rampSum = 0;

	constructor({
		sampleRate,
		channelCount,
		ceilingDbtp = -1,
		driveDb = 0,
		lookaheadMs = 2,
		releaseMs = 50
	}: LimiterSettings & { sampleRate: SampleRate; channelCount: number }) {
		if (!(sampleRate > 0)) throw new RangeError('sampleRate must be positive');
		if (!(Number.isInteger(channelCount) && channelCount > 0)) {
			throw new RangeError('channelCount must be a positive integer');
		}
		if (!(lookaheadMs > 0)) throw new RangeError('lookaheadMs must be positive');
		if (!(releaseMs >= 0)) throw new RangeError('releaseMs must be ≥ 0');
		this.channelCount = channelCount;
		this.#ceiling = dbToGain(ceilingDbtp);
		this.#drive = dbToGain(driveDb);
		this.#release = releaseMs === 0 ? 0 : Math.exp(-1000 / (releaseMs * sampleRate));
		const factor = oversamplingFactor(sampleRate);
		// Only readings above the ceiling change the gain, so the detectors may skip the rest.
		this.#detectors = Array.from(
			{ length: channelCount },
			() => new TruePeakInterpolator(factor, this.#ceiling)
		);
		const detectorLatency = this.#detectors[0].latency;
		// The reading for input sample m covers the span (m − 1, m]. The interpolation kernel of that span
		// reads samples m − before … m + after (latency = taps/2 − 1 in true-peak.ts); all of them must be
		// turned down, or gain changes inside the kernel could rebuild the inter-sample peak.
		const before = factor > 1 ? detectorLatency + 1 : 0;
		const after = factor > 1 ? detectorLatency : 0;
		const ramp = Math.max(1, Math.round((lookaheadMs / 1000) * sampleRate));
		this.rampSamples = ramp;
		this.#window = ramp + before + after;
		this.latency = ramp - 1 + detectorLatency + before;
		this.#delay = new Float64Array(channelCount * (this.latency + 1));
		this.#dequeGain = new Float64Array(this.#window + 1);
		this.#dequeTime = new Float64Array(this.#window + 1);
		this.#ramp = new Float64Array(ramp);
		this.reset();
	}

	/** Clears all state (as if preceded by silence). */
	reset(): void {
		for (const detector of this.#detectors) detector.reset();
		this.#delay.fill(0);
		this.#delayIndex = 0;
		this.#dequeHead = 0;
		this.#dequeSize = 0;
		this.#time = 0;
		this.#held = 1;
		this.#ramp.fill(1);
		this.#rampIndex = 0;
		this.#rampSum = this.#ramp.length;
	}

	/**
	 * Limits `channels` into `output` (default in place; output is `latency` samples late).
	 * `gainReductionDb`, if given, must be as long as the channels.
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
		const detectors = this.#detectors;
		const delay = this.#delay;
		const delayLength = this.latency + 1;
		const dequeGain = this.#dequeGain;
		const dequeTime = this.#dequeTime;
		const capacity = dequeGain.length;
		const window = this.#window;
		const ramp = this.#ramp;
		const rampLength = ramp.length;
		const ceiling = this.#ceiling;
		const drive = this.#drive;
		const release = this.#release;
		let delayIndex = this.#delayIndex;
		let head = this.#dequeHead;
		let size = this.#dequeSize;
		let time = this.#time;
		let held = this.#held;
		let rampIndex = this.#rampIndex;
		let rampSum = this.#rampSum;
		for (let i = 0; i < length; i++) {
			// 1. True-peak detection, linked across channels; the audio enters the delay line.
			let peak = 0;
			for (let c = 0; c < count; c++) {
				const x = drive * channels[c][i];
				delay[c * delayLength + delayIndex] = x;
				const p = detectors[c].next(x);
				if (p > peak) peak = p;
			}
			const needed = peak > ceiling ? ceiling / peak : 1;
			// 2. Sliding-window minimum (monotonic deque: gains increase from head to tail).
			while (size > 0 && dequeGain[(head + size - 1) % capacity] >= needed) size--;
			const tail = (head + size) % capacity;
			dequeGain[tail] = needed;
			dequeTime[tail] = time;
			size++;
			if (dequeTime[head] <= time - window) {
				head = (head + 1) % capacity;
				size--;
			}
			const minimum = dequeGain[head];
			// 3. Instant attack, one-pole release.
			held = minimum < held ? minimum : minimum + release * (held - minimum);
			// 4. Moving average over the ramp; the sum is rebuilt once per lap to stop rounding drift.
			rampSum += held - ramp[rampIndex];
			ramp[rampIndex] = held;
			rampIndex++;
			if (rampIndex === rampLength) {
				rampIndex = 0;
				rampSum = 0;
				for (let k = 0; k < rampLength; k++) rampSum += ramp[k];
			}
			const gain = rampSum / rampLength;
			// 5. The delayed audio leaves with the gain that was prepared for it.
			const readIndex = delayIndex + 1 === delayLength ? 0 : delayIndex + 1;
			for (let c = 0; c < count; c++) output[c][i] = delay[c * delayLength + readIndex] * gain;
			if (gainReductionDb) gainReductionDb[i] = gain < 1 ? -20 * Math.log10(gain) : 0;
			delayIndex = readIndex;
			time++;
		}
		this.#delayIndex = delayIndex;
		this.#dequeHead = head;
		this.#dequeSize = size;
		this.#time = time;
		this.#held = held;
		this.#rampIndex = rampIndex;
		this.#rampSum = rampSum;
	}
}

/** Buffers `limit` may write into instead of allocating: used when their lengths fit. */
export interface LimitBuffers {
	/** One per channel, the input's length plus the latency (`padded` from an earlier result). */
	padded?: Float32Array[];
	/** The input's length plus the latency. */
	trace?: Float32Array;
}

/**
 * Limits a whole clip into new arrays, time-aligned with the input (the lookahead delay is removed by
 * flushing the limiter with silence). Returns the audio, the gain reduction in dB per sample and the
 * latency a streaming `Limiter` with these settings would have. `inputGainDb` is applied on the way
 * in, exactly as a `gain` step before it would (`applyGain`), without a copy of its own. `reuse`
 * hands over buffers from an earlier result that are no longer needed (a search over many passes
 * then holds a few sets of buffers instead of one per pass).
 */
export function limit({
	channels,
	sampleRate,
	inputGainDb = 0,
	reuse = {},
	...settings
}: LimiterSettings & {
	channels: Float32Array[];
	sampleRate: SampleRate;
	inputGainDb?: Decibels;
	reuse?: LimitBuffers;
}): {
	channels: Float32Array[];
	gainReductionDb: Float32Array;
	latency: number;
	rampSamples: number;
	/** The buffers the audio and the trace are views of, for `reuse` once the result is let go. */
	buffers: Required<LimitBuffers>;
} {
	const limiter = new Limiter({ sampleRate, channelCount: channels.length, ...settings });
	const { latency } = limiter;
	const length = channels[0]?.length ?? 0;
	const fits = (b: Float32Array | undefined): b is Float32Array => b?.length === length + latency;
	const padded = channels.map((_, c) => {
		const buffer = reuse.padded?.[c];
		if (!fits(buffer)) return new Float32Array(length + latency);
		buffer.fill(0, length);
		return buffer;
	});
	if (inputGainDb !== 0)
		applyGain({
			channels,
			gainDb: inputGainDb,
			output: padded.map((p) => p.subarray(0, length))
		});
	else padded.forEach((p, c) => p.set(channels[c]));
	const trace = fits(reuse.trace) ? reuse.trace : new Float32Array(length + latency);
	limiter.process({ channels: padded, gainReductionDb: trace });
	// Views past the latency: no second copy of the audio (the first `latency` samples are unused).
	return {
		channels: padded.map((p) => p.subarray(latency)),
		gainReductionDb: trace.subarray(latency),
		latency,
		rampSamples: limiter.rampSamples,
		buffers: { padded, trace }
	};
}
