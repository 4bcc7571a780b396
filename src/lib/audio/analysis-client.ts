/**
 * The page's side of the bench's analysis worker (`analysis.worker.ts`): one worker, promise-based
 * requests with progress. A worker of its own, so a long analysis never queues behind drill renders.
 */
import type { TrackAnalysis } from '../dsp/analysis/track-analysis';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol';
import { WorkerClient } from './worker-client';

const client = new WorkerClient<AnalysisRequest, AnalysisResponse>({
	start: () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }),
	crashMessage: 'The analysis stopped unexpectedly.'
});

/** The distinct transferable buffers behind some arrays (shared memory cannot be transferred). */
function buffersOf(arrays: readonly ArrayBufferView[]): ArrayBuffer[] {
	const buffers = new Set<ArrayBuffer>();
	for (const array of arrays) if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
	return [...buffers];
}

/**
 * Analyses a track in the worker. The channels' buffers are transferred, not copied (a 4-minute
 * stereo track is about 85 MB): the arrays passed in are empty afterwards, and the result returns the
 * same samples as `channels`. Pass `transfer: false` to keep them, at the cost of a copy. An aborted
 * `signal` rejects at once with an AbortError; transferred samples are then lost to the page.
 */
export async function analyzeInWorker(
	input: { channels: Float32Array[]; sampleRate: number; transfer?: boolean; signal?: AbortSignal },
	onProgress?: (fraction: number) => void
): Promise<{ analysis: TrackAnalysis; ms: number; channels: Float32Array[] }> {
	const { channels, sampleRate, transfer = true, signal } = input;
	const response = await client.request(
		{ kind: 'analyze', channels, sampleRate },
		{ transfer: transfer ? buffersOf(channels) : [], onProgress, signal }
	);
	return { analysis: response.analysis, ms: response.ms, channels: response.channels };
}

/**
 * Decodes WAV bytes in the worker (the fallback for files the browser's own decoder refuses). The
 * bytes are transferred, so `bytes` is empty afterwards. Rejects with a one-sentence message for a
 * file that is not a WAV or is damaged, or with an AbortError as soon as `signal` aborts.
 */
export async function decodeWavInWorker(
	bytes: ArrayBuffer,
	{ signal }: { signal?: AbortSignal } = {}
): Promise<{ channels: Float32Array[]; sampleRate: number; encoding: string }> {
	const response = await client.request(
		{ kind: 'decode-wav', bytes },
		{ transfer: [bytes], signal }
	);
	return {
		channels: response.channels,
		sampleRate: response.sampleRate,
		encoding: response.encoding
	};
}

/** Stops the worker (for example when the learner opens another file); pending requests reject. */
export function stopAnalysisWorker(): void {
	client.terminate('The analysis was stopped.');
}
