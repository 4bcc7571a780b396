/**
 * The bench's quick master of a whole track (up to 10 minutes), and its export as a WAV file.
 *
 * `quickMaster` (../dsp/master/quick-master) finds its settings by running the limiter several times,
 * which is fine on 8 s and far too slow on 4 minutes. So the settings are found on a short proxy of
 * the track instead, then applied once to the whole track:
 * 1. the proxy: 16 stretches of 4 s, one per sixteenth of the track (a systematic sample, so quiet
 *    and loud sections count in proportion and the proxy's integrated loudness, ITU-R BS.1770,
 *    behaves like the track's), the grid shifted so that one stretch is the loudest 4 s (where the
 *    glue compressor is calibrated, as on the whole track);
 * 2. `quickMaster` on the proxy gives the chain: tilt, glue threshold, gain into the limiter, release;
 * 3. the tilt and glue run over the whole track into one output buffer; the gain is corrected by the
 *    difference in loudness between the shaped track and the shaped proxy (the limiter sees the track
 *    as the proxy turned up or down by that much), then gain and limiter run in place;
 * 4. the result is metered; when it misses the target by more than 0.15 LU, the gain is corrected by
 *    the error divided by the limiter's slope (loudness out per dB in, measured on the proxy) and the
 *    whole chain runs once more: at most two passes over the full track.
 * Everything streams in blocks through the app's own processors (biquads, compressor, lookahead
 * limiter), so `applyChain(track, chain)` reproduces the output and memory stays at the input plus
 * one output buffer (10 minutes of 48 kHz stereo: 230 MB each).
 *
 * Export: 32-bit float, 24-bit PCM, or 16-bit PCM with TPDF dither (two uniform random values
 * subtracted: a triangular density of ±1 LSB, which makes the quantization error's mean and variance
 * independent of the signal; S. P. Lipshitz, R. A. Wannamaker and J. Vanderkooy, "Quantization and
 * Dither: A Theoretical Survey", J. Audio Eng. Soc. 40(5), 1992). 24-bit is rounded without dither:
 * its error sits near −144 dBFS, far below any playback chain's noise.
 */
import { measureLoudness, type LoudnessPoint } from '../dsp/analysis/loudness';
import {
	DEFAULT_QUICK_MASTER,
	quickMaster,
	type MasterReading,
	type QuickMasterSettings
} from '../dsp/master/quick-master';
import { designBiquad, BiquadFilter } from '../dsp/process/biquad';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import { Compressor } from '../dsp/process/compressor';
import { Limiter } from '../dsp/process/limiter';
import { meterReport } from '../dsp/report';
import { dbToGain, type Decibels, type Lufs, type SampleRate, type Seconds } from '../dsp/units';
import { encodeWav, WAV_HEADER_BYTES, wavBuffer } from '../dsp/wav';
import { formatNumber } from '../format/format';
import { loudestExcerpt } from './excerpt';

/** The settings of the bench's master (the quick master's): −14 LUFS, −1 dBTP, no tilt, glue on. */
export type TrackMasterSettings = QuickMasterSettings;
export type { MasterReading };

/** The longest track the bench takes, s. */
export const MAX_TRACK_SECONDS: Seconds = 600;

export interface TrackMasterResult {
	/** The master: new arrays, as long as the input. */
	channels: Float32Array[];
	sampleRate: SampleRate;
	/** The exact steps applied, final gain included: `applyChain` on the input reproduces `channels`. */
	chain: ChainStep[];
	/** Meter readings of the input and of the master (as `meterReport` gives them). */
	before: MasterReading;
	after: MasterReading;
	/** Gain into the limiter, dB. */
	gainDb: Decibels;
	/** Full passes of the chain over the track (1 or 2; 0 when a short track was mastered whole). */
	passes: number;
	/** Time taken, ms. */
	ms: number;
}

/**
 * The evenly spaced stretches of the proxy: how many, and how long each, s. 64 s in all: on the
 * app's music looped to 2–10 minutes with its level changing every 8 s, the first pass then lands
 * within about 0.1 LU of the target (with 8 × 4 s it missed by up to 0.2 LU, so a second pass was
 * often needed).
 */
const SPREAD_COUNT = 16;
const SPREAD_S: Seconds = 4;
/** Tracks up to this long are mastered whole by `quickMaster`: the proxy would be no shorter, s. */
export const WHOLE_TRACK_SECONDS: Seconds = SPREAD_COUNT * SPREAD_S;
/** A first pass closer than this to the target is kept, LU (the brief allows 0.3). */
const PASS_TOLERANCE_LU = 0.15;
/** A master further than this from the target is an error, LU. */
export const MASTER_TOLERANCE_LU = 0.3;
/**
 * Below this loudness slope (LU out per dB in) the limiter counts as saturating: the correction
 * divides by at least this, so it never steps by more than twice the error.
 */
const MIN_SLOPE = 0.5;
/** The gain step of the slope measurement on the proxy is at least this, dB. */
const MIN_SLOPE_STEP_DB = 0.25;
/** Frames per processing block: 64 k frames keep the scratch buffers at 512 KB for stereo. */
const BLOCK_FRAMES = 1 << 16;

/**
 * Relative cost of the stages, per frame of the track (measured in Node: a limiter pass costs about
 * five meter passes), so the progress bar moves evenly.
 */
const COST = { meter: 1, shape: 2.3, limit: 4.6, loudness: 0.3 } as const;
/** Cost of the proxy master, per frame of the proxy (its gain search runs several limiter passes). */
const PROXY_COST = 15;

/** Sorted, merged [start, end) frame ranges. */
type Ranges = [number, number][];

/** A meter reading (../report) and, when asked for, the short-term series. */
function reading({
	channels,
	sampleRate,
	series = false
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	series?: boolean;
}): { reading: MasterReading; shortTerm: LoudnessPoint[] } {
	const r = meterReport({ channels, sampleRate, series });
	return {
		reading: { lufs: r.I, truePeak: r.TP, lra: r.LRA, plr: r.PLR, samplePeak: r.samplePeak },
		shortTerm: r.S ?? []
	};
}

function checkSettings({ targetLufs, ceilingDbtp, tiltDb }: TrackMasterSettings): void {
	if (!(targetLufs >= -30 && targetLufs <= -5)) {
		throw new RangeError('The target loudness must lie between −30 and −5 LUFS.');
	}
	if (!(ceilingDbtp >= -6 && ceilingDbtp <= 0)) {
		throw new RangeError('The true-peak ceiling must lie between −6 and 0 dBTP.');
	}
	if (!(Math.abs(tiltDb) <= 12)) throw new RangeError('The tilt must lie between −12 and +12 dB.');
}

function checkInput(channels: Float32Array[], sampleRate: SampleRate): number {
	if (channels.length === 0) throw new RangeError('The track has no channels.');
	const frames = channels[0].length;
	if (channels.some((c) => c.length !== frames)) {
		throw new RangeError('The channels of the track differ in length.');
	}
	if (!(sampleRate >= 8000 && sampleRate <= 384000)) {
		throw new RangeError(`A sample rate of ${sampleRate} Hz is not supported.`);
	}
	return frames;
}

/**
 * The frame ranges of the proxy: `SPREAD_COUNT` stretches of `SPREAD_S`, one per equal part of the
 * track (a systematic sample, so quiet and loud sections count in proportion), with the grid shifted
 * so that one stretch is the loudest `SPREAD_S` by mean short-term loudness (where the glue is
 * calibrated). Overlapping ranges are merged.
 */
export function proxyRanges({
	shortTerm,
	frames,
	sampleRate
}: {
	shortTerm: readonly (readonly [Seconds, Lufs | null])[];
	frames: number;
	sampleRate: SampleRate;
}): Ranges {
	const durationS = frames / sampleRate;
	const loudest = loudestExcerpt({ shortTerm, durationS, lengthS: SPREAD_S });
	const spacingS = durationS / SPREAD_COUNT;
	const first = loudest.startS - spacingS * Math.floor(loudest.startS / spacingS);
	const ranges: Ranges = [];
	for (let k = 0; k < SPREAD_COUNT; k++) {
		const startS = Math.min(durationS - SPREAD_S, first + k * spacingS);
		const a = Math.max(0, Math.round(startS * sampleRate));
		const b = Math.min(frames, a + Math.round(SPREAD_S * sampleRate));
		if (b > a) ranges.push([a, b]);
	}
	ranges.sort((x, y) => x[0] - y[0]);
	const merged: Ranges = [];
	for (const [a, b] of ranges) {
		const last = merged.at(-1);
		if (last && a <= last[1]) last[1] = Math.max(last[1], b);
		else merged.push([a, b]);
	}
	return merged;
}

/** The ranges of every channel, one after the other, in new arrays. */
function gather(channels: Float32Array[], ranges: Ranges): Float32Array[] {
	const length = ranges.reduce((sum, [a, b]) => sum + b - a, 0);
	return channels.map((samples) => {
		const out = new Float32Array(length);
		let offset = 0;
		for (const [a, b] of ranges) {
			out.set(samples.subarray(a, b), offset);
			offset += b - a;
		}
		return out;
	});
}

/** One in-place block processor made from a chain step (the state carries across blocks). */
type BlockStage = (block: Float32Array[]) => void;

function blockStage(step: ChainStep, sampleRate: SampleRate, channelCount: number): BlockStage {
	switch (step.type) {
		case 'lowshelf':
		case 'highshelf':
		case 'peaking':
		case 'highpass':
		case 'lowpass': {
			const filter = new BiquadFilter({
				coefficients: designBiquad(
					{
						type: step.type,
						frequency: step.frequencyHz,
						q: step.q,
						gainDb: 'gainDb' in step ? step.gainDb : 0
					},
					sampleRate
				),
				channelCount
			});
			return (block) => filter.process(block);
		}
		case 'compress': {
			// As `applyChain` runs it: peak detection.
			const compressor = new Compressor({ sampleRate, channelCount, detection: 'peak', ...step });
			return (block) => compressor.process({ channels: block });
		}
		case 'gain': {
			const gain = dbToGain(step.gainDb); // as applyGain computes it
			return (block) => {
				for (const samples of block) for (let i = 0; i < samples.length; i++) samples[i] *= gain;
			};
		}
		default:
			throw new Error(`masterTrack cannot stream a '${step.type}' step`);
	}
}

/**
 * Runs `steps` over `source` into `target` block by block (they may be the same arrays: each block
 * is read before the output that lags behind it is written). A final 'limit' step is compensated for
 * its lookahead, as `limit` does for whole clips, so the output is time-aligned with the input and
 * equal to `applyChain`'s. `onBlock` receives the frames done so far.
 */
function streamChain({
	source,
	target,
	sampleRate,
	steps,
	scratch,
	onBlock
}: {
	source: Float32Array[];
	target: Float32Array[];
	sampleRate: SampleRate;
	steps: readonly ChainStep[];
	scratch: { input: Float32Array[]; output: Float32Array[] };
	onBlock?: (frames: number) => void;
}): void {
	const channelCount = source.length;
	const frames = source[0].length;
	const last = steps.at(-1);
	const limitStep = last?.type === 'limit' ? last : undefined;
	const stages = (limitStep ? steps.slice(0, -1) : steps).map((s) =>
		blockStage(s, sampleRate, channelCount)
	);
	const limiter = limitStep ? new Limiter({ sampleRate, channelCount, ...limitStep }) : undefined;
	const latency = limiter?.latency ?? 0;
	/** Writes `n` frames of limiter output whose first frame is track frame `at` (some may lie before 0). */
	const write = (block: Float32Array[], at: number, n: number) => {
		const skip = Math.max(0, -at);
		const end = Math.min(n, frames - at);
		for (let c = 0; c < channelCount; c++) {
			if (end > skip) target[c].set(block[c].subarray(skip, end), at + skip);
		}
	};
	for (let start = 0; start < frames; start += BLOCK_FRAMES) {
		const n = Math.min(BLOCK_FRAMES, frames - start);
		const block = scratch.input.map((s) => s.subarray(0, n));
		for (let c = 0; c < channelCount; c++) block[c].set(source[c].subarray(start, start + n));
		for (const stage of stages) stage(block);
		if (limiter) {
			const out = scratch.output.map((s) => s.subarray(0, n));
			limiter.process({ channels: block, output: out });
			write(out, start - latency, n);
		} else {
			write(block, start, n);
		}
		onBlock?.(start + n);
	}
	if (limiter && latency > 0) {
		// Flush the lookahead with silence, as `limit` does.
		for (let done = 0; done < latency; done += BLOCK_FRAMES) {
			const n = Math.min(BLOCK_FRAMES, latency - done);
			const zeros = scratch.input.map((s) => s.subarray(0, n).fill(0));
			const out = scratch.output.map((s) => s.subarray(0, n));
			limiter.process({ channels: zeros, output: out });
			write(out, frames - latency + done, n);
		}
	}
}

/** Reports monotone progress over a plan of costs; `replan` spreads new work over what is left. */
class Progress {
	readonly #report?: (fraction: number) => void;
	#from = 0;
	#total: number;
	#done = 0;
	#last = 0;

	constructor(report: ((fraction: number) => void) | undefined, total: number) {
		this.#report = report;
		this.#total = total;
	}

	get fraction(): number {
		return this.#from + (1 - this.#from) * Math.min(1, this.#done / this.#total);
	}

	/** Marks `units` more as done; reports when the fraction has grown by 1 % (or more). */
	advance(units: number): void {
		this.#done += units;
		const fraction = Math.min(this.fraction, 0.999);
		if (fraction - this.#last >= 0.01) {
			this.#last = fraction;
			this.#report?.(fraction);
		}
	}

	/** Reports completion. */
	finish(): void {
		this.#last = 1;
		this.#report?.(1);
	}

	/** Spreads `remaining` units of new work over the fraction still to go. */
	replan(remaining: number): void {
		this.#from = this.fraction;
		this.#done = 0;
		this.#total = remaining;
	}
}

/** An error for a target the limiter cannot reach on this track. */
function unreachable({
	targetLufs,
	reachedLufs,
	ceilingDbtp
}: {
	targetLufs: Lufs;
	reachedLufs: Lufs | null;
	ceilingDbtp: number;
}): RangeError {
	// Levels in prose: one decimal, none when whole ("−14", "−13.6").
	const level = (value: number) => formatNumber(value, { trim: true });
	const reached = reachedLufs === null ? '' : ` (it reached ${level(reachedLufs)} LUFS)`;
	return new RangeError(
		reachedLufs !== null && reachedLufs < targetLufs
			? `The master could not reach ${level(targetLufs)} LUFS${reached}: the limiter cannot make this track louder at ${level(ceilingDbtp)} dBTP without wrecking it. Choose a quieter target.`
			: `The master could not reach ${level(targetLufs)} LUFS${reached}. Try again with another target.`
	);
}

/**
 * Masters a whole track to `targetLufs` (within 0.3 LU) with true peaks at or below `ceilingDbtp`
 * (within 0.1 dB): settings found on a proxy with `quickMaster`, then at most two passes over the
 * track. Throws a RangeError with a sentence for the learner for silence, bad settings and a target
 * the limiter cannot reach. `onProgress` receives fractions from 0 to 1.
 */
export function masterTrack({
	channels,
	sampleRate,
	settings = {},
	onProgress
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	settings?: Partial<TrackMasterSettings>;
	onProgress?: (fraction: number) => void;
}): TrackMasterResult {
	const started = performance.now();
	const options: TrackMasterSettings = { ...DEFAULT_QUICK_MASTER, ...settings };
	checkSettings(options);
	const frames = checkInput(channels, sampleRate);
	const { targetLufs, ceilingDbtp } = options;
	const check = (reachedLufs: Lufs | null) => {
		if (reachedLufs === null || Math.abs(reachedLufs - targetLufs) > MASTER_TOLERANCE_LU) {
			throw unreachable({ targetLufs, reachedLufs, ceilingDbtp });
		}
	};

	const whole = frames <= WHOLE_TRACK_SECONDS * sampleRate;
	const progress = new Progress(
		onProgress,
		whole
			? COST.meter * frames + PROXY_COST * frames
			: (2 * COST.meter + COST.shape + COST.limit + COST.loudness) * frames +
					PROXY_COST * SPREAD_COUNT * SPREAD_S * sampleRate
	);
	const { reading: before, shortTerm } = reading({ channels, sampleRate, series: !whole });
	progress.advance(COST.meter * frames);
	if (before.lufs === null) {
		throw new RangeError(
			'This track is silent (or shorter than 0.4 s), so it has no loudness to master.'
		);
	}

	if (whole) {
		const master = quickMaster({ channels, sampleRate }, options);
		check(master.after.lufs);
		progress.finish();
		return {
			channels: master.channels,
			sampleRate,
			chain: master.chain,
			before,
			after: master.after,
			gainDb: master.gainDb,
			passes: 0,
			ms: performance.now() - started
		};
	}

	// 1–2. The settings, found on the proxy.
	const ranges = proxyRanges({ shortTerm, frames, sampleRate });
	const proxy = gather(channels, ranges);
	const proxyMaster = quickMaster({ channels: proxy, sampleRate }, options);
	progress.advance(PROXY_COST * proxy[0].length);
	check(proxyMaster.after.lufs);
	// quickMaster's chain ends with the gain into the limiter and the limiter.
	const [gainStep, limitStep] = proxyMaster.chain.slice(-2);
	if (gainStep?.type !== 'gain' || limitStep?.type !== 'limit') {
		throw new Error('masterTrack: the quick master did not end with gain and limiter');
	}
	const shapeSteps = proxyMaster.chain.slice(0, -2);
	const proxyGainDb = proxyMaster.gainDb;
	const shapedProxy =
		shapeSteps.length > 0
			? applyChain({ channels: proxy, sampleRate, chain: shapeSteps }).channels
			: proxy;
	const shapedProxyLufs = measureLoudness({ channels: shapedProxy, sampleRate }).integrated!;

	// 3. Tilt and glue over the track, then gain and limiter in place.
	const output = channels.map(() => new Float32Array(frames));
	const blockFrames = Math.min(BLOCK_FRAMES, Math.max(frames, 1));
	const scratch = {
		input: channels.map(() => new Float32Array(blockFrames)),
		output: channels.map(() => new Float32Array(blockFrames))
	};
	const blocks = (cost: number) => {
		let done = 0;
		return (at: number) => {
			progress.advance(cost * (at - done));
			done = at;
		};
	};
	streamChain({
		source: channels,
		target: output,
		sampleRate,
		steps: shapeSteps,
		scratch,
		onBlock: blocks(COST.shape)
	});
	const shapedLufs = measureLoudness({ channels: output, sampleRate }).integrated;
	progress.advance(COST.loudness * frames);
	if (shapedLufs === null)
		throw new RangeError('This track is silent, so it has no loudness to master.');
	const round = (gainDb: Decibels) => Math.round(gainDb * 1e4) / 1e4;
	// The limiter sees the track as the proxy turned up or down by the difference.
	let gainDb = round(proxyGainDb - (shapedLufs - shapedProxyLufs));
	const limitSteps = (): ChainStep[] => [{ type: 'gain', gainDb }, limitStep];
	streamChain({
		source: output,
		target: output,
		sampleRate,
		steps: limitSteps(),
		scratch,
		onBlock: blocks(COST.limit)
	});
	let after = reading({ channels: output, sampleRate }).reading;
	progress.advance(COST.meter * frames);
	let passes = 1;

	// 4. One correction when the first pass missed.
	const error = targetLufs - (after.lufs ?? -Infinity);
	if (after.lufs !== null && Math.abs(error) > PASS_TOLERANCE_LU) {
		// The limiter's slope near this drive, on the proxy: loudness out per dB in.
		const stepDb = Math.sign(error) * Math.max(MIN_SLOPE_STEP_DB, Math.abs(error));
		const probe = applyChain({
			channels: shapedProxy,
			sampleRate,
			chain: [{ type: 'gain', gainDb: proxyGainDb + stepDb }, limitStep]
		}).channels;
		const probeLufs = measureLoudness({ channels: probe, sampleRate }).integrated ?? -Infinity;
		const proxyLufs =
			measureLoudness({ channels: proxyMaster.channels, sampleRate }).integrated ?? -Infinity;
		const slope = (probeLufs - proxyLufs) / stepDb;
		// A flat slope means the limiter is saturating, where more drive can even lower the integrated
		// loudness (quiet passages rise above the relative gate): keep an acceptable first pass, and
		// never step by more than twice the error.
		if (Math.abs(error) > MASTER_TOLERANCE_LU || slope >= MIN_SLOPE) {
			progress.replan((COST.shape + COST.limit + COST.meter) * frames);
			gainDb = round(gainDb + error / Math.min(1, Math.max(MIN_SLOPE, slope)));
			streamChain({
				source: channels,
				target: output,
				sampleRate,
				steps: [...shapeSteps, ...limitSteps()],
				scratch,
				onBlock: blocks(COST.shape + COST.limit)
			});
			after = reading({ channels: output, sampleRate }).reading;
			progress.advance(COST.meter * frames);
			passes = 2;
		}
	}
	check(after.lufs);
	progress.finish();
	return {
		channels: output,
		sampleRate,
		chain: [...shapeSteps, ...limitSteps()],
		before,
		after,
		gainDb,
		passes,
		ms: performance.now() - started
	};
}

/** The formats the master exports in. */
export type ExportFormat = 'pcm16' | 'pcm24' | 'float32';

/**
 * TPDF dither values in LSB: the difference of two uniform values from a seeded xorshift32 generator
 * (G. Marsaglia, "Xorshift RNGs", J. Stat. Softw. 8(14), 2003), triangular on (−1, 1), mean 0,
 * variance 1/6. Inline integer maths: one export draws 2 values for each of up to 58 M samples.
 */
export class TpdfDither {
	#state: number;

	constructor(seed = 1) {
		// xorshift32 must not start at 0.
		this.#state = seed >>> 0 || 0x9e3779b9;
	}

	/** The next dither value, LSB. */
	next(): number {
		let s = this.#state;
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		const a = (s >>> 0) / 4294967296;
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		this.#state = s >>> 0;
		return a - this.#state / 4294967296;
	}
}

/**
 * Encodes the master as a WAV file: 'float32' (as `encodeWav`), 'pcm24' (rounded, clamped), or
 * 'pcm16' with TPDF dither (`ditherTo16`, seeded, so an export is reproducible). Samples are scaled
 * by 2^(bits − 1), as `decodeWav` reads them.
 */
export function encodeMasterWav({
	channels,
	sampleRate,
	format,
	seed = 1
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	format: ExportFormat;
	seed?: number;
}): Uint8Array<ArrayBuffer> {
	if (format === 'float32') {
		return encodeWav({ channels, sampleRate, format: 'float32' }) as Uint8Array<ArrayBuffer>;
	}
	const count = channels.length;
	if (count === 0) throw new RangeError('encodeMasterWav needs at least one channel');
	const frames = channels[0].length;
	if (channels.some((c) => c.length !== frames)) throw new RangeError('channels differ in length');
	const bitsPerSample = format === 'pcm16' ? 16 : 24;
	const bytes = new Uint8Array(
		wavBuffer({ channelCount: count, sampleRate, bitsPerSample, frames })
	);
	if (format === 'pcm16') {
		// Dither into a scratch Int16Array per block, then copy the little-endian bytes.
		const blockFrames = Math.min(frames, BLOCK_FRAMES) || 1;
		const scratch = new Int16Array(blockFrames * count);
		const dither = new TpdfDither(seed);
		for (let start = 0; start < frames; start += blockFrames) {
			const n = Math.min(blockFrames, frames - start);
			for (let i = 0, o = 0; i < n; i++) {
				for (let c = 0; c < count; c++, o++) {
					const v = Math.round(channels[c][start + i] * 32768 + dither.next());
					scratch[o] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
				}
			}
			let offset = WAV_HEADER_BYTES + start * count * 2;
			for (let k = 0; k < n * count; k++, offset += 2) {
				const v = scratch[k];
				bytes[offset] = v & 0xff;
				bytes[offset + 1] = (v >> 8) & 0xff;
			}
		}
		return bytes;
	}
	let offset = WAV_HEADER_BYTES;
	for (let i = 0; i < frames; i++) {
		for (let c = 0; c < count; c++, offset += 3) {
			let v = Math.round(channels[c][i] * 8388608);
			v = v > 8388607 ? 8388607 : v < -8388608 ? -8388608 : v;
			bytes[offset] = v & 0xff;
			bytes[offset + 1] = (v >> 8) & 0xff;
			bytes[offset + 2] = (v >> 16) & 0xff;
		}
	}
	return bytes;
}
