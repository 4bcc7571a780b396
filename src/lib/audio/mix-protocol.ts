/**
 * Messages between the Mix Lab page and the mix worker. The worker keeps the project (its stems,
 * the mixer's strips and the target's reference), so requests only send settings; audio comes back
 * as 16-bit WAV bytes, transferred.
 */
import type { StyleId } from '../dsp/synth/styles';
import type { CheckResult } from '../mix/check';
import type { ListenThrough } from '../mix/listen';
import type { ChainStep } from '../dsp/process/chain';
import type { MasterSettings, MixSettings, Problem, Stem, StemId } from '../mix/types';
import type { SuccessFor, WorkerProgress } from './worker-client';

/** What the mix and stems workers say when a project does not fit in this device's memory. */
export const OUT_OF_MEMORY =
	'This device ran out of memory for the project. Close other tabs and try again.';

/** Every version plays at this loudness when matched, LUFS (mixes peak near −6 dBFS: no clipping). */
export const PLAY_LUFS = -23;

/** What the page knows of a project (its audio stays in the worker). */
export interface ProjectInfo {
	style: StyleId;
	seed: number;
	level: number;
	sampleRate: number;
	seconds: number;
	chorusAt: number;
	stems: { id: StemId; name: string; stereo: boolean }[];
	problems: Problem[];
	rough: MixSettings;
	target: MixSettings;
}

/** How versions are heard: matched to the listening level or not, and where (../mix/listen). */
export interface Listening {
	matched: boolean;
	through: ListenThrough;
}

/** One playable version of the mix. */
export interface MixVersion {
	/** 16-bit PCM WAV bytes as played (after `gainDb`), transferred. */
	wav: ArrayBuffer;
	/** Integrated loudness before the gain, after the system or service (null for silence), LUFS. */
	lufs: number | null;
	/** The playback gain: to the common listening level when matched, else 0, dB. */
	gainDb: number;
	/** What the playback system or streaming service did to it, in a sentence (null as is). */
	note: string | null;
	/** Per stem, the strip's peak level in this mix (for the meters), dBFS; null when silent. */
	stemPeaks: Partial<Record<StemId, number | null>>;
}

/** What a master measured. */
export interface MasterReadings {
	lufs: number | null;
	truePeak: number | null;
	plr: number | null;
	gainReductionDb: number;
}

/**
 * To a stems worker (`stems.worker.ts`): render these stems of a project's section. Several workers
 * render a project's stems side by side, each a group, and end once they have answered.
 */
export interface StemsRequest {
	id: number;
	kind: 'stems';
	style: StyleId;
	seed: number;
	only: StemId[];
}

export type StemsResponse =
	| {
			id: number;
			ok: true;
			kind: 'stems';
			/** The stems asked for, their samples transferred. */
			stems: Stem[];
			chorusAt: number;
			ms: number;
	  }
	| { id: number; ok: false; message: string }
	| WorkerProgress;

export type MixRequest =
	| {
			id: number;
			kind: 'open';
			style: StyleId;
			seed: number;
			level: number;
			/** Every stem of the project as the stems workers rendered them, transferred. */
			stems: Stem[];
			chorusAt: number;
	  }
	| { id: number; kind: 'mix'; settings: MixSettings; listen: Listening }
	| { id: number; kind: 'target'; listen: Listening }
	| {
			id: number;
			kind: 'master';
			settings: MixSettings;
			/** The learner's chain, or the quick master (−14 LUFS, −1 dBTP) when absent. */
			master?: MasterSettings;
			/** A move on the whole mix before the master (a check's "fix it in the master" chain). */
			before?: ChainStep[];
			listen: Listening;
	  }
	| { id: number; kind: 'check'; settings: MixSettings; master?: MasterSettings }
	| {
			id: number;
			kind: 'export';
			/** The stems (a zip with the settings), the mix, or its master (32-bit float WAV). */
			what: ExportKind;
			settings: MixSettings;
			master?: MasterSettings;
	  };

export type ExportKind = 'stems' | 'mix' | 'master';

export type MixResponse =
	| {
			id: number;
			ok: true;
			kind: 'open';
			project: ProjectInfo;
			/** The rough mix, matched, as it is: playable at once (the target is asked for next). */
			rough: MixVersion;
			ms: number;
	  }
	| { id: number; ok: true; kind: 'mix'; version: MixVersion; ms: number }
	| { id: number; ok: true; kind: 'target'; version: MixVersion }
	| {
			id: number;
			ok: true;
			kind: 'master';
			version: MixVersion;
			/** The master's readings: loudness, true peak, PLR, and the limiter's largest reduction. */
			readings: MasterReadings;
			ms: number;
	  }
	| { id: number; ok: true; kind: 'check'; result: CheckResult; ms: number }
	| {
			id: number;
			ok: true;
			kind: 'export';
			/** The file's bytes, transferred; `name` is what to save it as. */
			bytes: ArrayBuffer;
			name: string;
			type: string;
	  }
	| { id: number; ok: false; message: string };

export type MixProgress = WorkerProgress;

export type MixResponseFor<K extends MixRequest['kind']> = SuccessFor<MixResponse, K>;
