/** Messages between the page and the render worker. */
import type { StyleId } from '../dsp/synth/styles';
import type { MeterReport } from '../dsp/report';
import type { DrillKindId, DrillSource, Question } from '../drills/types';
import type { LessonMeter } from '../lesson/render-lesson';
import type { LessonVersionId } from '../lesson/versions';
import type { ServiceId } from '../dsp/master/streaming';

export interface ArrangementRequest {
	id: number;
	kind: 'arrangement';
	style: StyleId;
	seed: number;
	seconds: number;
	sampleRate: number;
}

export interface QuestionRequest {
	id: number;
	kind: 'question';
	drill: DrillKindId;
	level: number;
	seed: number;
	source: DrillSource;
	seconds: number;
	sampleRate: number;
	/** Loudness-match the versions (the default); off only for the loudness-bias demonstration. */
	matched: boolean;
}

/** A lesson demo: named versions of one seeded arrangement (see lesson/versions.ts). */
export interface LessonRequest {
	id: number;
	kind: 'lesson';
	versions: LessonVersionId[];
	style: StyleId;
	seed: number;
	seconds: number;
	sampleRate: number;
	/** Loudness-match the versions for playback (to the first); off to let the bias be heard. */
	matched: boolean;
	/** Also return each version's long-term spectrum (the EQ demo's loudness compensation). */
	spectrum?: boolean;
}

/** The streaming demo: the master and the loud master as `service` would play them. */
export interface StreamingRequest {
	id: number;
	kind: 'streaming';
	style: StyleId;
	seed: number;
	seconds: number;
	sampleRate: number;
	service: ServiceId;
}

export type RenderRequest = ArrangementRequest | QuestionRequest | LessonRequest | StreamingRequest;

/** One version of a lesson demo, ready to play. */
export interface LessonRenderedVersion {
	id: LessonVersionId;
	/** 16-bit PCM WAV bytes of the version as played (after matching), transferred. */
	wav: ArrayBuffer;
	/** The playback gain: the loudness match and the common true-peak guard, dB. */
	matchGainDb: number;
	/** Readings of the version itself, before matching (the loud master reads about −8 LUFS). */
	meter: LessonMeter;
	/** Third-octave long-term spectrum as played, when asked for. */
	spectrum?: { centerHz: number; db: number | null }[];
}

/** One version of the streaming demo as the service plays it. */
export interface StreamingRenderedVersion {
	id: LessonVersionId;
	/** 16-bit PCM WAV bytes as the service would play the version, transferred. */
	wav: ArrayBuffer;
	/** The service's gain, whether its limiter acts, and one sentence saying why. */
	plan: { gainDb: number; limited: boolean; explanation: string };
	/** Readings of the version as uploaded. */
	uploaded: LessonMeter;
	/** Readings of the version as the service plays it. */
	played: LessonMeter;
}

export interface RenderedVersion {
	id: string;
	/** 16-bit PCM WAV bytes, transferred. */
	wav: ArrayBuffer;
	matchGainDb: number;
	/** Third-octave long-term spectrum of this version as played (after matching). */
	spectrum: { centerHz: number; db: number | null }[];
	/** Loudness and peak readings of this version as played. */
	meter: { lufs: number | null; truePeak: number | null; plr: number | null; psr: number | null };
	/** Waveform envelope in `OVERVIEW_BUCKETS` slices (the reveal's picture of each version). */
	overview: { min: number[]; max: number[] };
	/** Largest gain reduction per slice of the chain's compressor or limiter, dB; absent without one. */
	gainReduction?: number[];
}

/** How many slices the waveform overview and gain-reduction trace have. */
export const OVERVIEW_BUCKETS = 160;

export type RenderResponse =
	| {
			id: number;
			ok: true;
			kind: 'arrangement';
			wav: ArrayBuffer;
			meter: MeterReport;
			renderMs: number;
			bankMs: number;
	  }
	| {
			id: number;
			ok: true;
			kind: 'question';
			question: Question;
			versions: RenderedVersion[];
			matchedLufs: number | null;
			renderMs: number;
	  }
	| {
			id: number;
			ok: true;
			kind: 'lesson';
			versions: LessonRenderedVersion[];
			/** The common loudness after matching; null when not matched. */
			matchedLufs: number | null;
			renderMs: number;
	  }
	| {
			id: number;
			ok: true;
			kind: 'streaming';
			service: ServiceId;
			versions: StreamingRenderedVersion[];
			renderMs: number;
	  }
	| { id: number; ok: false; message: string };

/** The success response for a request kind. */
export type ResponseFor<K extends RenderRequest['kind']> = Extract<
	RenderResponse,
	{ ok: true; kind: K }
>;
