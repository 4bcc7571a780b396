/// <reference lib="webworker" />
/**
 * Analyses the learner's own track off the main thread for the bench: `analyzeTrack` with progress,
 * and a WAV decoder for files the browser's decoder refuses. Samples arrive and leave as transferred
 * buffers, never copies. No DOM or Svelte imports: only the pure DSP code.
 */
import { analyzeTrack } from '../dsp/analysis/track-analysis';
import { decodeWav, WavError } from '../dsp/wav';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol';

declare const self: DedicatedWorkerGlobalScope;

/** The rates the K-weighting filter supports (BS.1770 coefficients re-derived per rate). */
const MIN_RATE = 8000;
const MAX_RATE = 192000;

/** Buffers behind the arrays, each once (a duplicate in a transfer list is an error). */
function buffersOf(channels: Float32Array[]): ArrayBuffer[] {
	const buffers = new Set<ArrayBuffer>();
	for (const c of channels) if (c.buffer instanceof ArrayBuffer) buffers.add(c.buffer);
	return [...buffers];
}

/** A one-sentence reason the learner can act on, for a track the meters cannot read. */
function checkTrack(channels: Float32Array[], sampleRate: number): string | null {
	if (channels.length === 0 || channels[0].length === 0) return 'The file holds no audio.';
	if (channels.length > 2) {
		return `The file has ${channels.length} channels; the bench reads mono and stereo mixes.`;
	}
	if (channels.some((c) => c.length !== channels[0].length)) {
		return 'The channels of the file differ in length.';
	}
	if (!(sampleRate >= MIN_RATE && sampleRate <= MAX_RATE)) {
		return `The sample rate (${sampleRate} Hz) is outside what the meters read (8–192 kHz).`;
	}
	return null;
}

function analyze(request: Extract<AnalysisRequest, { kind: 'analyze' }>) {
	const { id, channels, sampleRate } = request;
	const problem = checkTrack(channels, sampleRate);
	if (problem) {
		self.postMessage({ id, ok: false, message: problem } satisfies AnalysisResponse);
		return;
	}
	const start = performance.now();
	const analysis = analyzeTrack(
		{ channels, sampleRate },
		{
			onProgress: (fraction) =>
				self.postMessage({ id, kind: 'progress', fraction } satisfies AnalysisResponse)
		}
	);
	const ms = performance.now() - start;
	self.postMessage(
		{ id, ok: true, kind: 'analyze', analysis, ms, channels } satisfies AnalysisResponse,
		buffersOf(channels)
	);
}

function decode(request: Extract<AnalysisRequest, { kind: 'decode-wav' }>) {
	const { id, bytes } = request;
	let decoded;
	try {
		decoded = decodeWav(new Uint8Array(bytes));
	} catch (error) {
		const message =
			error instanceof WavError
				? error.message
				: 'The file could not be read as a WAV file: it may be damaged.';
		self.postMessage({ id, ok: false, message } satisfies AnalysisResponse);
		return;
	}
	const { channels, sampleRate, encoding } = decoded;
	if (channels.length === 0 || channels[0].length === 0) {
		self.postMessage({
			id,
			ok: false,
			message: 'The WAV file holds no audio.'
		} satisfies AnalysisResponse);
		return;
	}
	self.postMessage(
		{ id, ok: true, kind: 'decode-wav', channels, sampleRate, encoding } satisfies AnalysisResponse,
		buffersOf(channels)
	);
}

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
	const request = event.data;
	try {
		if (request.kind === 'analyze') analyze(request);
		else if (request.kind === 'decode-wav') decode(request);
		else throw new Error('unknown request');
	} catch (error) {
		const reason = error instanceof Error ? ` (${error.message})` : '';
		self.postMessage({
			id: request.id,
			ok: false,
			message: `The track could not be analysed${reason}.`
		} satisfies AnalysisResponse);
	}
};
