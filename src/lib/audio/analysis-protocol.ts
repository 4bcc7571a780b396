/**
 * Messages between the page and the bench's analysis worker (`analysis.worker.ts`). Samples cross as
 * transferred buffers, never copies.
 */
import type { TrackAnalysis } from '../dsp/analysis/track-analysis';
import type { WorkerProgress } from './worker-client';

/** What the page asks of the analysis worker. */
export type AnalysisRequest =
	| { id: number; kind: 'analyze'; channels: Float32Array[]; sampleRate: number }
	| { id: number; kind: 'decode-wav'; bytes: ArrayBuffer };

/** The analysis worker's messages: progress of an analysis, then a success or a sentence. */
export type AnalysisResponse =
	| WorkerProgress
	| {
			id: number;
			ok: true;
			kind: 'analyze';
			analysis: TrackAnalysis;
			/** Time spent in `analyzeTrack` inside the worker, ms. */
			ms: number;
			/** The request's channels, transferred back so the page can still play them. */
			channels: Float32Array[];
	  }
	| {
			id: number;
			ok: true;
			kind: 'decode-wav';
			channels: Float32Array[];
			sampleRate: number;
			/** The stored encoding, e.g. "24-bit PCM". */
			encoding: string;
	  }
	| { id: number; ok: false; message: string };
