/**
 * Messages between the page and the bench worker. The worker keeps the learner's track (and its
 * master) once it has it, so previews, comparisons and the export only send times; audio crosses
 * the boundary as transferred buffers, never copied.
 */
import type { ExportFormat, MasterReading, TrackMasterSettings } from '../bench/master-track';
import type { SystemPreviewId } from '../bench/previews';
import type { ServiceId, StreamingPlan } from '../dsp/master/streaming';
import type { ChainStep } from '../dsp/process/chain';
import type { SuccessFor, WorkerProgress } from './worker-client';

/** A stretch of the track, s from its start. */
export interface ExcerptRange {
	startS: number;
	endS: number;
}

/** What the page asks of the bench worker. */
export type BenchRequest =
	| { id: number; kind: 'set-track'; channels: Float32Array[]; sampleRate: number }
	| ({ id: number; kind: 'previews' } & ExcerptRange)
	| ({
			id: number;
			kind: 'streaming';
			service: ServiceId;
			/** The whole track's integrated loudness and true peak: what the service measures. */
			reading: { lufs: number; truePeak: number };
	  } & ExcerptRange)
	| { id: number; kind: 'master'; settings: Partial<TrackMasterSettings> }
	| ({ id: number; kind: 'compare'; matched: boolean } & ExcerptRange)
	| { id: number; kind: 'export'; format: ExportFormat }
	| ({ id: number; kind: 'excerpt' } & ExcerptRange);

/** One system preview, ready to play. */
export interface PreviewVersion {
	id: SystemPreviewId;
	label: string;
	/** 16-bit PCM WAV bytes after the loudness match, transferred. */
	wav: ArrayBuffer;
	/** The matching gain (the common −1 dBTP guard included), dB. */
	matchGainDb: number;
}

/** One side of the mix/master comparison. */
export interface CompareVersion {
	id: 'mix' | 'master';
	/** 16-bit PCM WAV bytes of the excerpt as played (after `gainDb`), transferred. */
	wav: ArrayBuffer;
	/** Playback gain: the loudness match and guard, or 0 when not matched, dB. */
	gainDb: number;
	/** Integrated loudness of the excerpt before the gain (null for silence), LUFS. */
	lufs: number | null;
}

/** What the master request returns; the master's audio stays in the worker. */
export interface MasterSummary {
	before: MasterReading;
	after: MasterReading;
	/** The steps applied, with their final settings. */
	chain: ChainStep[];
	/** Gain into the limiter, dB. */
	gainDb: number;
	/** Full passes over the track (0 for a short track mastered whole). */
	passes: number;
	ms: number;
}

/** The bench worker's replies: a success per request kind, or a sentence for the learner. */
export type BenchResponse =
	| { id: number; ok: true; kind: 'set-track'; durationS: number }
	| { id: number; ok: true; kind: 'previews'; versions: PreviewVersion[] }
	| {
			id: number;
			ok: true;
			kind: 'streaming';
			service: ServiceId;
			/** 16-bit WAV of the excerpt as the service plays it, transferred. */
			played: ArrayBuffer;
			/** 16-bit WAV of the excerpt as uploaded (no gain), transferred. */
			original: ArrayBuffer;
			plan: StreamingPlan;
	  }
	| ({ id: number; ok: true; kind: 'master' } & MasterSummary)
	| {
			id: number;
			ok: true;
			kind: 'compare';
			/** Mix first, then master. */
			versions: [CompareVersion, CompareVersion];
			/** Master minus mix integrated loudness over the excerpt, as they are (null for silence), LU. */
			differenceLu: number | null;
			/** The common loudness after matching; null when not matched or silent. */
			matchedLufs: number | null;
	  }
	| {
			id: number;
			ok: true;
			kind: 'export';
			format: ExportFormat;
			/** The whole master as a WAV file, transferred. */
			wav: ArrayBuffer;
			/** Its size. */
			bytes: number;
	  }
	| {
			id: number;
			ok: true;
			kind: 'excerpt';
			/** Copies of the track's channels over the range, transferred. */
			channels: Float32Array[];
			sampleRate: number;
	  }
	| { id: number; ok: false; message: string };

/** Sent while a master is being made, before its response. */
export type BenchProgress = WorkerProgress;

/** The success response for a request kind. */
export type BenchResponseFor<K extends BenchRequest['kind']> = SuccessFor<BenchResponse, K>;
