/** Messages between the page and the render worker. */
import type { StyleId } from '$lib/dsp/synth/styles';
import type { MeterReport } from '$lib/dsp/report';
import type { DrillKindId, DrillSource, Question } from '$lib/drills/types';

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

export type RenderRequest = ArrangementRequest | QuestionRequest;

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
	| { id: number; ok: false; message: string };

/** The success response for a request kind. */
export type ResponseFor<K extends RenderRequest['kind']> = Extract<
	RenderResponse,
	{ ok: true; kind: K }
>;
