/**
 * A one-button master for the bench and the lesson demos: tilt EQ → glue compressor → gain into a
 * true-peak limiter, with the gain found by measuring (ITU-R BS.1770 integrated loudness, BS.1770
 * Annex 2 true peak, see ../analysis). Pure TypeScript over planar channels: Node, page and Worker.
 *
 * - Tilt: a low shelf and a high shelf on a 650 Hz pivot, each ±tilt/2 with a gentle slope
 *   (RBJ Audio EQ Cookbook shelves, Q 0.6), so the pivot itself stays at 0 dB.
 * - Glue: 2:1, 30 ms attack, 150 ms release (fixed: the app's compressor has no auto release),
 *   6 dB soft knee (Giannoulis et al. 2012, ../process/compressor), no makeup gain. Its threshold is
 *   calibrated on the audio, starting from the short-term maximum, so the gain reduction on the loud
 *   parts is about 2 dB (`compressorForGainReduction`).
 * - Gain + limiter: a true-peak limiter at the ceiling. The loudness after the limiter grows more
 *   slowly than the gain into it once it works, so the gain is found by iteration: one pass at the
 *   plain loudness gain, a correction by the whole error, then secant steps; two to four limiter
 *   passes on music reach 0.1 LU. A target louder than the limiter can reach with its release makes
 *   it try shorter releases (`MASTER_LIMITER_RELEASES_MS`).
 */
import { measureLoudness } from '../analysis/loudness';
import { applyChain, type ChainStep } from '../process/chain';
import { Compressor } from '../process/compressor';
import { limit } from '../process/limiter';
import { meterReport } from '../report';
import type { Dbfs, Decibels, Lufs, SampleRate } from '../units';

/** What the quick master does; every field has a default (`DEFAULT_QUICK_MASTER`). */
export interface QuickMasterSettings {
	/** Integrated loudness to reach, LUFS (−30 … −5). */
	targetLufs: Lufs;
	/** True-peak ceiling of the limiter, dBTP (−6 … 0). */
	ceilingDbtp: Dbfs;
	/** Spectral tilt, dB: positive brightens (highs up, lows down by half of it each), 0 = off. */
	tiltDb: Decibels;
	/** A gentle 2:1 bus compressor doing about 2 dB of gain reduction on the loud parts. */
	glue: boolean;
}

/** Streaming-friendly defaults: −14 LUFS, −1 dBTP, no tilt, glue on. */
export const DEFAULT_QUICK_MASTER: QuickMasterSettings = {
	targetLufs: -14,
	ceilingDbtp: -1,
	tiltDb: 0,
	glue: true
};

/** A meter reading of one version (null where the audio is silent). */
export interface MasterReading {
	lufs: Lufs | null;
	truePeak: Dbfs | null;
	/** Loudness range (EBU Tech 3342), LU. */
	lra: number | null;
	/** Peak-to-loudness ratio: true peak − integrated loudness, dB. */
	plr: Decibels | null;
	samplePeak: Dbfs | null;
}

export interface QuickMasterResult {
	channels: Float32Array[];
	sampleRate: SampleRate;
	before: MasterReading;
	after: MasterReading;
	/** The exact steps applied, in order, final gains included: `applyChain` reproduces `channels`. */
	chain: ChainStep[];
	/** Gain into the limiter, dB. */
	gainDb: Decibels;
	/** Largest gain reduction of the limiter, dB (0 when it never acted). */
	limiterMaxGrDb: Decibels;
}

/** Compressor settings other than the threshold, as in a 'compress' chain step. */
export type CompressorShape = Omit<ChainStep & { type: 'compress' }, 'type' | 'thresholdDb'>;

/** Pivot of the tilt EQ: the two shelves cross here, so it stays at 0 dB. */
export const TILT_PIVOT_HZ = 650;
/** Shelf Q of the tilt: below 0.707, so the slopes are broad and without overshoot. */
const TILT_Q = 0.6;

/** Glue compressor settings (a typical bus "glue": low ratio, slow attack lets transients through). */
export const GLUE: CompressorShape = { ratio: 2, attackMs: 30, releaseMs: 150, kneeDb: 6 };
/** Gain reduction the glue aims at on the loud parts, dB. */
export const GLUE_TARGET_GR_DB = 2;
/**
 * "Gain reduction on the loud parts" means here: the 90th percentile of the gain-reduction trace over
 * the loudest 3 s (the window of the short-term maximum), which is what a GR meter shows on the hits
 * of the loudest section; a quiet intro cannot pull it down.
 */
export const LOUD_PARTS_PERCENTILE = 0.9;
/** Threshold calibration stops within this distance of the wanted GR, or after the passes, dB. */
const GR_TOLERANCE_DB = 0.15;
const GR_MAX_PASSES = 5;

/**
 * Limiter releases, tried in turn. 100 ms is longer than a bass cycle, so the limiter distorts less;
 * but a limiter's output loudness saturates as it is driven harder (its output tends to a fixed shape
 * scaled to the ceiling), and on the app's music 100 ms tops out near −8.4 LUFS at −1 dBTP. When the
 * target is louder than a release can reach, the next, shorter one is tried, as a mastering limiter's
 * auto release does: louder, at the price of more distortion (measured tops: 50 ms ≈ −7.7, 25 ms
 * ≈ −7.0, 10 ms ≈ −6.5 LUFS).
 */
export const MASTER_LIMITER_RELEASES_MS = [100, 50, 25, 10] as const;
/** The gain search stops within this loudness error, LU. */
const LOUDNESS_TOLERANCE_LU = 0.1;
/** Limiter passes per release. */
const MAX_GAIN_PASSES = 6;
/** Samples per block when only a compressor's trace is wanted (its audio goes to a small scratch). */
const GR_BLOCK = 8192;
/** Drive beyond the plain loudness gain is capped here, dB: past it only distortion grows. */
const MAX_EXTRA_DRIVE_DB = 30;
/** When the next step would need more than this much more drive, the limiter has saturated, dB. */
const SATURATED_STEP_DB = 12;

/** One limiter pass of the gain search. */
interface Attempt {
	gainDb: Decibels;
	lufs: Lufs;
	limitStep: ChainStep;
	channels: Float32Array[];
	/** The limiter's largest gain reduction, dB. */
	maxGrDb: Decibels;
	/** The buffers `channels` are views of, handed to a later pass once this one is let go. */
	buffers: Float32Array[];
}

/**
 * Finds the gain into the limiter that gives `targetLufs`: one pass at `startGainDb`, a correction
 * by the whole error, then secant steps. Returns the closest pass; stops early when the loudness no
 * longer grows with the drive (the limiter has saturated).
 */
function searchGain({
	attempt,
	release,
	startGainDb,
	targetLufs
}: {
	attempt: (gainDb: Decibels) => Attempt;
	/** Called with each pass whose audio is no longer needed (never with the one returned). */
	release: (a: Attempt) => void;
	startGainDb: Decibels;
	targetLufs: Lufs;
}): Attempt {
	const error = (a: Attempt) => Math.abs(targetLufs - a.lufs);
	let previous = attempt(startGainDb);
	let best = previous;
	if (error(best) <= LOUDNESS_TOLERANCE_LU) return best;
	let current = attempt(previous.gainDb + (targetLufs - previous.lufs));
	const done = () => {
		for (const a of new Set([previous, current])) if (a !== best) release(a);
		return best;
	};
	for (let pass = 2; ; pass++) {
		if (error(current) < error(best)) best = current;
		if (error(best) <= LOUDNESS_TOLERANCE_LU || pass >= MAX_GAIN_PASSES) return done();
		const dGain = current.gainDb - previous.gainDb;
		const slope = dGain !== 0 ? (current.lufs - previous.lufs) / dGain : 0;
		if (!(slope > 0)) return done();
		const step = (targetLufs - current.lufs) / Math.min(1, slope);
		// Needing this much more drive for the rest means the loudness has stopped growing with it.
		if (step > SATURATED_STEP_DB) return done();
		// Only its gain and loudness are read from here on: its audio goes unless it is the best.
		if (previous !== best && previous !== current) release(previous);
		previous = current;
		current = attempt(current.gainDb + step);
	}
}

/** Converts a meter report (../report) into a reading. */
function reading({
	channels,
	sampleRate
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): MasterReading {
	const r = meterReport({ channels, sampleRate });
	return { lufs: r.I, truePeak: r.TP, lra: r.LRA, plr: r.PLR, samplePeak: r.samplePeak };
}

function checkSettings({ targetLufs, ceilingDbtp, tiltDb }: QuickMasterSettings): void {
	if (!(targetLufs >= -30 && targetLufs <= -5)) {
		throw new RangeError(
			`quickMaster: target ${targetLufs} LUFS is outside −30 … −5 LUFS (louder than −5 is not reachable without wrecking the audio)`
		);
	}
	if (!(ceilingDbtp >= -6 && ceilingDbtp <= 0)) {
		throw new RangeError(`quickMaster: ceiling ${ceilingDbtp} dBTP is outside −6 … 0 dBTP`);
	}
	if (!Number.isFinite(tiltDb)) throw new RangeError('quickMaster: tiltDb must be a finite number');
}

/** The tilt's two shelves (none for 0 dB). */
export function tiltSteps(tiltDb: Decibels): ChainStep[] {
	if (tiltDb === 0) return [];
	return [
		{ type: 'lowshelf', frequencyHz: TILT_PIVOT_HZ, gainDb: -tiltDb / 2, q: TILT_Q },
		{ type: 'highshelf', frequencyHz: TILT_PIVOT_HZ, gainDb: tiltDb / 2, q: TILT_Q }
	];
}

/** Sample range [start, end) of the loudest 3 s (the short-term maximum); the whole clip if shorter. */
function loudestWindow(
	channels: Float32Array[],
	sampleRate: SampleRate
): { start: number; end: number } {
	const length = channels[0].length;
	const shortTerm = measureLoudness({ channels, sampleRate, series: true }).series?.shortTerm ?? [];
	let best = -Infinity;
	let bestEnd = length;
	for (const [tEnd, lufs] of shortTerm) {
		if (lufs !== null && lufs > best) {
			best = lufs;
			bestEnd = Math.min(length, Math.round(tEnd * sampleRate));
		}
	}
	return shortTerm.length > 0
		? { start: Math.max(0, bestEnd - 3 * sampleRate), end: bestEnd }
		: { start: 0, end: length };
}

/** The `LOUD_PARTS_PERCENTILE` point of a gain-reduction trace over [start, end), dB. */
function percentileGr(trace: Float32Array, start: number, end: number): Decibels {
	const sorted = trace.slice(start, end).sort();
	return sorted.length > 0
		? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * LOUD_PARTS_PERCENTILE))]
		: 0;
}

/**
 * A 'compress' step whose threshold gives about `targetGrDb` of gain reduction on the loud parts
 * (`LOUD_PARTS_PERCENTILE`) of this audio. The GR falls as the threshold rises, so the threshold is
 * searched by secant steps from a start derived from the short-term maximum (the compressor's peak
 * detector with a few ms of attack follows the loudness more than the peaks): at most five
 * compressor passes over the audio up to the end of its loudest 3 s.
 */
export function compressorForGainReduction({
	channels,
	sampleRate,
	shape,
	targetGrDb
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
	shape: CompressorShape;
	targetGrDb: Decibels;
}): ChainStep & { type: 'compress' } {
	const loudness = measureLoudness({ channels, sampleRate });
	const reference = loudness.shortTermMax ?? loudness.momentaryMax;
	if (reference === null) throw new RangeError('compressorForGainReduction: the input is silent');
	const { start, end } = loudestWindow(channels, sampleRate);
	// The compressor only looks back, so the samples after the window cannot change its trace there.
	const head = channels.map((c) => c.subarray(0, end));
	// Only the trace is read: the audio goes block by block through one small scratch (the
	// compressor keeps its state between blocks, so the trace is the one a whole pass would give).
	const scratch = head.map(() => new Float32Array(GR_BLOCK));
	const trace = new Float32Array(end);
	const measure = (thresholdDb: Dbfs) => {
		const compressor = new Compressor({
			sampleRate,
			channelCount: head.length,
			thresholdDb,
			detection: 'peak',
			...shape
		});
		for (let from = 0; from < end; from += GR_BLOCK) {
			const to = Math.min(end, from + GR_BLOCK);
			compressor.process({
				channels: head.map((c) => c.subarray(from, to)),
				output: scratch.map((c) => c.subarray(0, to - from)),
				gainReductionDb: trace.subarray(from, to)
			});
		}
		return percentileGr(trace, start, end);
	};
	// The start (S_max − 1.5 × the wanted GR) gives 1.7–2.6 dB for the glue on the app's four styles.
	let threshold = reference - 1.5 * targetGrDb;
	let gr = measure(threshold);
	// dGR/dthreshold would be −(1 − 1/ratio) if the signal sat above the threshold all the time;
	// the attack and the gaps between hits make it about half that on music.
	const steepest = -(1 - 1 / shape.ratio);
	let slope = 0.5 * steepest;
	for (let pass = 1; pass < GR_MAX_PASSES; pass++) {
		if (Math.abs(gr - targetGrDb) <= GR_TOLERANCE_DB) break;
		const next = threshold + (targetGrDb - gr) / slope;
		const nextGr = measure(next);
		// Clamped, so a flat stretch (no GR at all yet) cannot send the next step far away.
		slope = Math.min(0.1 * steepest, Math.max(steepest, (nextGr - gr) / (next - threshold)));
		threshold = next;
		gr = nextGr;
	}
	return { type: 'compress', thresholdDb: Math.round(threshold * 100) / 100, ...shape };
}

/** The glue compressor step for this audio: `GLUE` with about 2 dB of GR on the loud parts. */
export function glueStep({
	channels,
	sampleRate
}: {
	channels: Float32Array[];
	sampleRate: SampleRate;
}): ChainStep & { type: 'compress' } {
	return compressorForGainReduction({
		channels,
		sampleRate,
		shape: GLUE,
		targetGrDb: GLUE_TARGET_GR_DB
	});
}

/**
 * Masters a clip to `targetLufs` integrated with true peaks at or below `ceilingDbtp`. Throws a
 * RangeError for silence (no integrated loudness) and for settings outside −30 … −5 LUFS or
 * −6 … 0 dBTP. A target louder than the limiter can reach even with its shortest release gives the
 * closest pass (on the app's music about −6.5 LUFS at −1 dBTP); `after` always reports what was
 * reached.
 */
export function quickMaster(
	input: { channels: Float32Array[]; sampleRate: SampleRate },
	settings: Partial<QuickMasterSettings> = {}
): QuickMasterResult {
	const options: QuickMasterSettings = { ...DEFAULT_QUICK_MASTER, ...settings };
	checkSettings(options);
	const { channels, sampleRate } = input;
	const before = reading({ channels, sampleRate });
	if (before.lufs === null) {
		throw new RangeError(
			'quickMaster: the input is silent (or shorter than 400 ms), so it has no integrated loudness to set'
		);
	}

	const chain: ChainStep[] = tiltSteps(options.tiltDb);
	let shaped = chain.length > 0 ? applyChain({ channels, sampleRate, chain }).channels : channels;
	if (options.glue) {
		const glue = glueStep({ channels: shaped, sampleRate });
		chain.push(glue);
		// `applyChain`'s compress step without its trace, in place when `shaped` is already a copy.
		const output = shaped === channels ? channels.map((c) => new Float32Array(c.length)) : shaped;
		new Compressor({ sampleRate, channelCount: shaped.length, detection: 'peak', ...glue }).process(
			{ channels: shaped, output }
		);
		shaped = output;
	}
	const shapedLufs = measureLoudness({ channels: shaped, sampleRate }).integrated;
	if (shapedLufs === null) throw new RangeError('quickMaster: the input is silent');

	const { targetLufs, ceilingDbtp } = options;
	// The passes' audio buffers, handed from a pass that is let go to the next one, and one trace for
	// all of them (only its largest reduction is kept): a search holds two or three sets of audio.
	const free: Float32Array[][] = [];
	let trace: Float32Array | undefined;
	const release = (a: Attempt) => {
		free.push(a.buffers);
		a.channels = [];
	};
	const attempt = (wantedDb: Decibels, releaseMs: number): Attempt => {
		// Rounded so the chain reads cleanly and still reproduces the audio exactly.
		const gainDb = Math.round(wantedDb * 1e4) / 1e4;
		const limitStep: ChainStep = { type: 'limit', ceilingDbtp, releaseMs };
		// The chain's gain and limit steps, without a copy of the input between them.
		const result = limit({
			channels: shaped,
			sampleRate,
			ceilingDbtp,
			releaseMs,
			inputGainDb: gainDb,
			reuse: { padded: free.pop(), trace }
		});
		trace = result.buffers.trace;
		const lufs = measureLoudness({ channels: result.channels, sampleRate }).integrated ?? -Infinity;
		let maxGrDb = 0;
		for (const gr of result.gainReductionDb) if (gr > maxGrDb) maxGrDb = gr;
		const buffers = result.buffers.padded;
		return { gainDb, lufs, limitStep, channels: result.channels, maxGrDb, buffers };
	};
	const error = (a: Attempt) => Math.abs(targetLufs - a.lufs);
	const maxGainDb = targetLufs - shapedLufs + MAX_EXTRA_DRIVE_DB;

	let best: Attempt | undefined;
	// Each release starts from the plain loudness gain: where a longer release saturated, the curve is
	// too flat for the secant to find its way back.
	const startGainDb = targetLufs - shapedLufs;
	for (const releaseMs of MASTER_LIMITER_RELEASES_MS) {
		const found = searchGain({
			attempt: (gainDb) => attempt(Math.min(maxGainDb, gainDb), releaseMs),
			release,
			startGainDb,
			targetLufs
		});
		if (!best || error(found) < error(best)) {
			if (best) release(best);
			best = found;
		} else release(found);
		// A shorter release only helps when the limiter could not get loud enough.
		if (error(best) <= LOUDNESS_TOLERANCE_LU || found.lufs > targetLufs) break;
	}
	if (!best) throw new Error('quickMaster: no limiter pass ran');

	const limiterMaxGrDb = best.maxGrDb;
	chain.push({ type: 'gain', gainDb: best.gainDb }, best.limitStep);
	return {
		channels: best.channels,
		sampleRate,
		before,
		after: reading({ channels: best.channels, sampleRate }),
		chain,
		gainDb: best.gainDb,
		limiterMaxGrDb
	};
}
