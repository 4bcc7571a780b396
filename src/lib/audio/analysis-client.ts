/**
 * The page's side of the bench's analysis worker (`analysis.worker.ts`): one worker, promise-based
 * requests with progress. A worker of its own, so a long analysis never queues behind drill renders
 * (and the render worker's code stays as it is). The message types live here, next to the only
 * code that sends them; the worker imports them as types.
 */
import type { TrackAnalysis } from '../dsp/analysis/track-analysis';

export type AnalysisRequest =
	| { id: number; kind: 'analyze'; channels: Float32Array[]; sampleRate: number }
	| { id: number; kind: 'decode-wav'; bytes: ArrayBuffer };

export type AnalysisResponse =
	| { id: number; kind: 'progress'; fraction: number }
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

type Success = Extract<AnalysisResponse, { ok: true }>;
/** A request before it gets its id (distributed over the union, which plain Omit would merge). */
type Unsent<T> = T extends unknown ? Omit<T, 'id'> : never;
type Waiter = {
	resolve: (response: Success) => void;
	reject: (error: Error) => void;
	onProgress?: (fraction: number) => void;
};

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Waiter>();

function failAll(message: string) {
	for (const waiter of pending.values()) waiter.reject(new Error(message));
	pending.clear();
}

function getWorker(): Worker {
	if (!worker) {
		worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<AnalysisResponse>) => {
			const response = event.data;
			const waiter = pending.get(response.id);
			if (!waiter) return;
			if (!('ok' in response)) {
				waiter.onProgress?.(response.fraction);
				return;
			}
			pending.delete(response.id);
			if (response.ok) waiter.resolve(response);
			else waiter.reject(new Error(response.message));
		};
		worker.onerror = () => {
			failAll('The analysis stopped unexpectedly.');
			worker?.terminate();
			worker = undefined;
		};
	}
	return worker;
}

/** The distinct transferable buffers behind some arrays (shared memory cannot be transferred). */
function buffersOf(arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
	const buffers = new Set<ArrayBuffer>();
	for (const array of arrays) if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
	return [...buffers];
}

function send(
	request: Unsent<AnalysisRequest>,
	transfer: Transferable[],
	onProgress?: (fraction: number) => void
): Promise<Success> {
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve, reject, onProgress });
		getWorker().postMessage({ ...request, id }, transfer);
	});
}

/**
 * Analyses a track in the worker. The channels' buffers are transferred, not copied (a 4-minute
 * stereo track is about 85 MB): the arrays passed in are empty afterwards, and the result returns the
 * same samples as `channels`. Pass `transfer: false` to keep them, at the cost of a copy.
 */
export async function analyzeInWorker(
	input: { channels: Float32Array[]; sampleRate: number; transfer?: boolean },
	onProgress?: (fraction: number) => void
): Promise<{ analysis: TrackAnalysis; ms: number; channels: Float32Array[] }> {
	const { channels, sampleRate, transfer = true } = input;
	const response = await send(
		{ kind: 'analyze', channels, sampleRate },
		transfer ? buffersOf(channels) : [],
		onProgress
	);
	if (response.kind !== 'analyze')
		throw new Error('The analysis returned the wrong kind of answer.');
	return { analysis: response.analysis, ms: response.ms, channels: response.channels };
}

/**
 * Decodes WAV bytes in the worker (the fallback for files the browser's own decoder refuses). The
 * bytes are transferred, so `bytes` is empty afterwards. Rejects with a one-sentence message for a
 * file that is not a WAV or is damaged.
 */
export async function decodeWavInWorker(
	bytes: ArrayBuffer
): Promise<{ channels: Float32Array[]; sampleRate: number; encoding: string }> {
	const response = await send({ kind: 'decode-wav', bytes }, [bytes]);
	if (response.kind !== 'decode-wav')
		throw new Error('The decoder returned the wrong kind of answer.');
	return {
		channels: response.channels,
		sampleRate: response.sampleRate,
		encoding: response.encoding
	};
}

/** Stops the worker (for example when the learner opens another file); pending requests reject. */
export function stopAnalysisWorker(): void {
	if (!worker) return;
	worker.terminate();
	worker = undefined;
	failAll('The analysis was stopped.');
}
