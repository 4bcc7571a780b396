/**
 * Named versions of a clip that the lesson demos play ("the master", "clipped", "on a phone" …). Each
 * is a recipe over the app's pure DSP: `quickMaster` (../dsp/master) for the masters and a processing
 * chain (../dsp/process/chain) for the rest, with settings set from the clip's own measurements where a
 * fixed number would depend on the source's level. Pure: runs in Node, the page and a Worker.
 *
 * Levels are left as each process leaves them (a limiter's output sits at its ceiling, an EQ boost is
 * louder): a demo that compares versions should loudness-match them (../dsp/process/loudness-match),
 * except where loudness is the point (`louder-1db`, `loud-master`).
 */
import { measureLoudness } from '../dsp/analysis/loudness';
import { samplePeak } from '../dsp/analysis/levels';
import { truePeak } from '../dsp/analysis/true-peak';
import { compressorForGainReduction, quickMaster } from '../dsp/master/quick-master';
import { applyChain, type ChainStep } from '../dsp/process/chain';
import type { Decibels, SampleRate } from '../dsp/units';
import type { StemId } from '../mix/types';
import { renderSongVersion } from './song-versions';

export {
	isLessonVersionId,
	isSongVersionId,
	lessonVersionIds,
	lessonVersions,
	songVersionIds,
	type LessonVersionId,
	type SongVersionId
} from './version-ids';
import {
	isLessonVersionId,
	isSongVersionId,
	type LessonVersionId,
	type SongVersionId
} from './version-ids';

/** A clip to render versions of: planar channels (stereo for `wide-phasey`). */
export interface LessonSource {
	channels: Float32Array[];
	sampleRate: SampleRate;
	/**
	 * The song versions' source only: each stem as it sits in `channels` (after its fader and pan;
	 * they sum to `channels`), as the drills' stems source renders them.
	 */
	stems?: Partial<Record<StemId, Float32Array[]>>;
}

/** Integrated loudness of the loud master, LUFS. */
export const LOUD_MASTER_LUFS = -8;
/** Gain reduction of `limited-hard` on the clip's highest true peak, dB. */
export const LIMITED_HARD_GR_DB = 8;
/** Ceiling of the limiters here, dBTP. */
const CEILING_DBTP = -1;
/** `compressed-heavy`: 4:1, fast attack, short release (settings other than the threshold). */
export const HEAVY_COMPRESSION = { ratio: 4, attackMs: 3, releaseMs: 80 } as const;
/** Gain reduction of `compressed-heavy` on the loud parts (see `compressorForGainReduction`), dB. */
export const HEAVY_COMPRESSION_GR_DB = 10;
/** How far `clipped` drives the clip's sample peak past the clipper's 0 dBFS level, dB. */
export const CLIP_DRIVE_DB = 6;
/** `wide-phasey`: the right channel's delay (mono comb notches at 833 Hz, 2.5 kHz, …) and side boost. */
export const WIDE_PHASEY = { width: 1.8, delayMs: 0.6 } as const;

/** The chain steps of the fixed versions (no measurement needed). */
const fixedChains = {
	'louder-1db': [{ type: 'gain', gainDb: 1 }],
	'bass-boost': [{ type: 'lowshelf', frequencyHz: 100, gainDb: 6, q: Math.SQRT1_2 }],
	'bass-heavy-mix': [{ type: 'peaking', frequencyHz: 60, gainDb: 9, q: 1 }],
	'presence-boost': [{ type: 'peaking', frequencyHz: 3000, gainDb: 6, q: 1 }],
	'mud-cut': [{ type: 'peaking', frequencyHz: 300, gainDb: -4, q: 1 }],
	mono: [{ type: 'mono' }],
	// Delay first: the part of the centre that the delay turns into a difference between the channels
	// (the comb's complement) becomes side signal, which the width stage then boosts. Measured on 8 s
	// of the app's styles, the mono fold loses 2.2–4.6 dB more than the mix's (1.8 / 0.6 ms); in the
	// other order only 0.9–1.8 dB, since music's centre is mostly below the first notch at 833 Hz.
	'wide-phasey': [
		{ type: 'delay', channel: 1, delayMs: WIDE_PHASEY.delayMs },
		{ type: 'width', factor: WIDE_PHASEY.width }
	]
} satisfies Partial<Record<LessonVersionId, ChainStep[]>>;

/** Largest true peak of the clip, dBTP; a RangeError for silence. */
function peakDbtp(source: LessonSource): Decibels {
	const dbtp = truePeak(source).dbtp;
	if (dbtp === null) throw new RangeError('renderLessonVersion: the source is silent');
	return dbtp;
}

/** The chain of a version that is not a quick master. */
function versionChain(
	id: Exclude<LessonVersionId, 'mix' | 'master' | 'loud-master' | SongVersionId>,
	source: LessonSource
): ChainStep[] {
	switch (id) {
		case 'limited-hard':
			// The highest true peak enters the limiter LIMITED_HARD_GR_DB over the ceiling.
			return [
				{ type: 'gain', gainDb: CEILING_DBTP + LIMITED_HARD_GR_DB - peakDbtp(source) },
				{ type: 'limit', ceilingDbtp: CEILING_DBTP }
			];
		case 'compressed-heavy':
			return [
				compressorForGainReduction({
					...source,
					shape: HEAVY_COMPRESSION,
					targetGrDb: HEAVY_COMPRESSION_GR_DB
				})
			];
		case 'clipped': {
			const peak = samplePeak(source).dbfs;
			if (peak === null) throw new RangeError('renderLessonVersion: the source is silent');
			// Peak to the clip level (0 dBFS), then CLIP_DRIVE_DB past it.
			return [
				{ type: 'gain', gainDb: -peak },
				{ type: 'clip', driveDb: CLIP_DRIVE_DB, shape: 'hard' }
			];
		}
		case 'wide-phasey':
			if (source.channels.length !== 2) {
				throw new RangeError('renderLessonVersion: wide-phasey needs a stereo source');
			}
			return fixedChains[id];
		case 'louder-1db':
		case 'bass-boost':
		case 'bass-heavy-mix':
		case 'presence-boost':
		case 'mud-cut':
		case 'mono':
			return fixedChains[id];
		case 'phone':
		case 'earbuds':
		case 'laptop':
		case 'car':
		case 'club':
			return [{ type: 'system', system: id }];
	}
}

/**
 * Makeup gain after heavy compression: back to the mix's loudness, but no further than keeps the
 * true peak at or below the mix's own (or −1 dBTP, if that is higher), so the version never clips.
 */
function makeupGainDb(source: LessonSource, compressed: Float32Array[]): Decibels {
	const { sampleRate } = source;
	const before = measureLoudness(source).integrated;
	const after = measureLoudness({ channels: compressed, sampleRate }).integrated;
	const peak = truePeak({ channels: compressed, sampleRate }).dbtp;
	if (before === null || after === null || peak === null) return 0;
	const ceiling = Math.max(CEILING_DBTP, peakDbtp(source));
	return Math.min(before - after, ceiling - peak);
}

/** Renders version `id` of `source` into new arrays (the source is left alone). */
export function renderLessonVersion(id: LessonVersionId, source: LessonSource): Float32Array[] {
	switch (id) {
		case 'mix':
			return source.channels.map((c) => c.slice());
		case 'master':
			return quickMaster(source).channels;
		case 'loud-master':
			return quickMaster(source, { targetLufs: LOUD_MASTER_LUFS, ceilingDbtp: CEILING_DBTP })
				.channels;
		default: {
			if (!isLessonVersionId(id)) throw new RangeError(`unknown lesson version: ${String(id)}`);
			if (isSongVersionId(id)) return renderSongVersion(id, source);
			const chain = versionChain(id, source);
			const { channels } = applyChain({ ...source, chain });
			if (id !== 'compressed-heavy') return channels;
			return applyChain({
				channels,
				sampleRate: source.sampleRate,
				chain: [{ type: 'gain', gainDb: makeupGainDb(source, channels) }]
			}).channels;
		}
	}
}
