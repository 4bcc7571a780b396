/**
 * A processing chain as data: the steps the `process` CLI takes, the drills apply and question.json
 * lists, with parameters in named units. `applyChain` runs one on planar channels.
 */
import { measureLoudness } from '../analysis/loudness';
import type { Decibels, Dbfs, Hertz, Lufs, SampleRate } from '../units';
import { BiquadFilter, designBiquad } from './biquad';
import { clip, type ClipperShape } from './clipper';
import { Compressor } from './compressor';
import { limit } from './limiter';
import { applyGain, delayChannel, invertPolarity, monoFold, setWidth } from './stereo';
import { renderSystem, type SystemId } from './systems';

export type ChainStep =
	| { type: 'gain'; gainDb: Decibels }
	| { type: 'peaking' | 'lowshelf' | 'highshelf'; frequencyHz: Hertz; gainDb: Decibels; q: number }
	| { type: 'highpass' | 'lowpass'; frequencyHz: Hertz; q: number }
	| {
			type: 'compress';
			thresholdDb: Dbfs;
			ratio: number;
			attackMs: number;
			releaseMs: number;
			kneeDb?: Decibels;
			makeupDb?: Decibels;
	  }
	| { type: 'limit'; ceilingDbtp: Dbfs; driveDb?: Decibels; releaseMs?: number }
	| { type: 'clip'; driveDb: Decibels; shape?: ClipperShape }
	| { type: 'mono' }
	| { type: 'width'; factor: number }
	| { type: 'polarity'; channel: number }
	| { type: 'delay'; channel: number; delayMs: number }
	| { type: 'system'; system: SystemId }
	| { type: 'normalize'; targetLufs: Lufs };

/** Thrown when a chain cannot apply to this audio (for example width on a mono file). */
export class ChainError extends Error {
	override name = 'ChainError';
}

/**
 * Applies `chain` in order to copies of `channels` (or in `into`, one buffer per channel of the same
 * length, which may be `channels` themselves). Returns the result and, for each dynamics step
 * (compress, limit), its gain reduction in dB per sample, keyed by the step's index. A chain with a
 * limit or system step returns new buffers from that step on: `into` then holds the audio before it.
 */
export function applyChain({
	channels,
	sampleRate,
	chain,
	into,
	traces = true
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	chain: readonly ChainStep[];
	into?: Float32Array[];
	/** Keep each dynamics step's gain reduction (false: the map comes back without the compressors'). */
	traces?: boolean;
}): { channels: Float32Array[]; gainReductionDb: Map<number, Float32Array> } {
	if (
		into &&
		(into.length !== channels.length || into.some((d, c) => d.length !== channels[c].length))
	)
		throw new RangeError('applyChain: `into` must match the channels in number and length');
	// A fresh array filled with `set` is about twice as fast as `slice` on long audio in V8.
	let audio: Float32Array[] = channels.map((c, index) => {
		const copy = into?.[index] ?? new Float32Array(c.length);
		if (copy !== c) copy.set(c);
		return copy;
	});
	const gainReductionDb = new Map<number, Float32Array>();
	chain.forEach((step, index) => {
		switch (step.type) {
			case 'gain':
				applyGain({ channels: audio, gainDb: step.gainDb });
				break;
			case 'peaking':
			case 'lowshelf':
			case 'highshelf':
			case 'highpass':
			case 'lowpass':
				if (step.frequencyHz >= sampleRate / 2) {
					throw new ChainError(
						`${step.type}: ${step.frequencyHz} Hz is at or above Nyquist (${sampleRate / 2} Hz)`
					);
				}
				// In place: `audio` is this chain's own copy.
				new BiquadFilter({
					coefficients: designBiquad(
						{
							type: step.type,
							frequency: step.frequencyHz,
							q: step.q,
							gainDb: 'gainDb' in step ? step.gainDb : 0
						},
						sampleRate
					),
					channelCount: audio.length
				}).process(audio);
				break;
			case 'compress': {
				// In place, as `compress` would give it into new arrays (the compressor reads each
				// sample before it writes it).
				const trace = traces ? new Float32Array(audio[0]?.length ?? 0) : undefined;
				new Compressor({
					sampleRate,
					channelCount: audio.length,
					detection: 'peak',
					...step
				}).process({ channels: audio, gainReductionDb: trace });
				if (trace) gainReductionDb.set(index, trace);
				break;
			}
			case 'limit': {
				const result = limit({ channels: audio, sampleRate, ...step });
				audio = result.channels;
				gainReductionDb.set(index, result.gainReductionDb);
				break;
			}
			case 'clip':
				clip({ channels: audio, shape: step.shape ?? 'hard', driveDb: step.driveDb });
				break;
			case 'mono':
				monoFold({ channels: audio });
				break;
			case 'width':
				if (audio.length !== 2) throw new ChainError('width needs stereo audio');
				setWidth({ channels: audio, width: step.factor });
				break;
			case 'polarity':
				invertPolarity({ channels: audio, invert: audio.map((_, c) => c === step.channel) });
				break;
			case 'delay':
				delayChannel({ channels: audio, sampleRate, delayMs: step.delayMs, channel: step.channel });
				break;
			case 'system':
				audio = renderSystem({ system: step.system, channels: audio, sampleRate });
				break;
			case 'normalize': {
				const integrated = measureLoudness({ channels: audio, sampleRate }).integrated;
				if (integrated === null)
					throw new ChainError('normalize: the audio is silent at that point');
				applyGain({ channels: audio, gainDb: step.targetLufs - integrated });
				break;
			}
		}
	});
	return { channels: audio, gainReductionDb };
}
