/// <reference lib="webworker" />
/**
 * The bench's audio off the main thread: keeps the learner's track (and its master) once received,
 * renders previews and comparisons of excerpts with the pure code (../bench), masters the whole track
 * with progress, and exports it. Audio leaves as WAV bytes, transferred rather than copied.
 */
import {
	encodeMasterWav,
	masterTrack,
	MAX_TRACK_SECONDS,
	type TrackMasterResult
} from '../bench/master-track';
import {
	PREVIEW_CEILING_DBTP,
	renderStreamingPreview,
	renderSystemPreviews,
	versionLevels
} from '../bench/previews';
import { streamingServices } from '../dsp/master/streaming-services';
import { matchGains } from '../dsp/process/loudness-match';
import { applyGain } from '../dsp/process/stereo';
import { encodeWav } from '../dsp/wav';
import type {
	BenchProgress,
	BenchRequest,
	BenchResponse,
	CompareVersion,
	ExcerptRange
} from './bench-protocol';

declare const self: DedicatedWorkerGlobalScope;

/** The shortest excerpt the previews take: the loudness meter needs more than its 400 ms blocks, s. */
const MIN_EXCERPT_S = 1;

interface Track {
	channels: Float32Array[];
	sampleRate: number;
}

let track: Track | undefined;
let master: TrackMasterResult | undefined;

/** An error whose message is shown to the learner as it is. */
class BenchError extends Error {}

function requireTrack(): Track {
	if (!track) throw new BenchError('Open a track first.');
	return track;
}

function requireMaster(): TrackMasterResult {
	requireTrack();
	if (!master) throw new BenchError('Make a master first.');
	return master;
}

/** Views (no copy) of `startS`…`endS`, clamped to the track; at least `MIN_EXCERPT_S` long. */
function excerptOf(channels: Float32Array[], sampleRate: number, { startS, endS }: ExcerptRange) {
	const frames = channels[0].length;
	if (!Number.isFinite(startS) || !Number.isFinite(endS)) {
		throw new BenchError('The excerpt needs a start and an end time.');
	}
	const from = Math.min(frames, Math.max(0, Math.round(startS * sampleRate)));
	const to = Math.min(frames, Math.max(from, Math.round(endS * sampleRate)));
	if (to - from < Math.min(frames, MIN_EXCERPT_S * sampleRate)) {
		throw new BenchError(`Choose a stretch of at least ${MIN_EXCERPT_S} s inside the track.`);
	}
	return channels.map((c) => c.subarray(from, to));
}

const pcm16 = (channels: Float32Array[], sampleRate: number): ArrayBuffer =>
	encodeWav({ channels, sampleRate, format: 'pcm16' }).buffer as ArrayBuffer;

function setTrack(request: Extract<BenchRequest, { kind: 'set-track' }>): BenchResponse {
	const { channels, sampleRate } = request;
	if (!Array.isArray(channels) || channels.length < 1 || channels.length > 2) {
		throw new BenchError('The bench takes mono or stereo tracks.');
	}
	const frames = channels[0].length;
	if (channels.some((c) => !(c instanceof Float32Array) || c.length !== frames)) {
		throw new BenchError('The channels of the track differ in length.');
	}
	if (!(sampleRate >= 8000 && sampleRate <= 384000)) {
		throw new BenchError(`A sample rate of ${sampleRate} Hz is not supported.`);
	}
	const durationS = frames / sampleRate;
	if (frames === 0) throw new BenchError('This track is empty.');
	if (durationS > MAX_TRACK_SECONDS + 1) {
		throw new BenchError(
			`This track is ${Math.round(durationS / 60)} minutes long; the bench takes up to ${MAX_TRACK_SECONDS / 60} minutes.`
		);
	}
	// Drop the old master before keeping the new track, so both never sit in memory at once.
	master = undefined;
	track = { channels, sampleRate };
	return { id: request.id, ok: true, kind: 'set-track', durationS };
}

function previews(request: Extract<BenchRequest, { kind: 'previews' }>): BenchResponse {
	const { channels, sampleRate } = requireTrack();
	const excerpt = excerptOf(channels, sampleRate, request);
	return {
		id: request.id,
		ok: true,
		kind: 'previews',
		versions: renderSystemPreviews({ channels: excerpt, sampleRate }).map((v) => ({
			id: v.id,
			label: v.label,
			matchGainDb: v.matchGainDb,
			wav: pcm16(v.channels, sampleRate)
		}))
	};
}

function streaming(request: Extract<BenchRequest, { kind: 'streaming' }>): BenchResponse {
	const { channels, sampleRate } = requireTrack();
	if (!streamingServices.some((s) => s.id === request.service)) {
		throw new BenchError(`There is no streaming service called “${request.service}”.`);
	}
	const { lufs, truePeak } = request.reading ?? {};
	if (!Number.isFinite(lufs) || !Number.isFinite(truePeak)) {
		throw new BenchError('This track is too quiet to measure, so no service would play it.');
	}
	const excerpt = excerptOf(channels, sampleRate, request);
	const played = renderStreamingPreview({
		excerpt: { channels: excerpt, sampleRate },
		fullTrackReading: { lufs, truePeak },
		serviceId: request.service
	});
	return {
		id: request.id,
		ok: true,
		kind: 'streaming',
		service: request.service,
		played: pcm16(played.channels, sampleRate),
		original: pcm16(excerpt, sampleRate),
		plan: played.plan
	};
}

function makeMaster(request: Extract<BenchRequest, { kind: 'master' }>): BenchResponse {
	const current = requireTrack();
	// The old master goes first: a new one needs the memory.
	master = undefined;
	const result = masterTrack({
		channels: current.channels,
		sampleRate: current.sampleRate,
		settings: request.settings ?? {},
		onProgress: (fraction) => {
			self.postMessage({ id: request.id, kind: 'progress', fraction } satisfies BenchProgress);
		}
	});
	master = result;
	const { before, after, chain, gainDb, passes, ms } = result;
	return { id: request.id, ok: true, kind: 'master', before, after, chain, gainDb, passes, ms };
}

function compare(request: Extract<BenchRequest, { kind: 'compare' }>): BenchResponse {
	const { channels, sampleRate } = requireTrack();
	const mastered = requireMaster();
	const mix = excerptOf(channels, sampleRate, request);
	const done = excerptOf(mastered.channels, sampleRate, request);
	const levels = [versionLevels(mix, sampleRate), versionLevels(done, sampleRate)];
	// Matched: the master gets the mix's loudness, both lowered together if a peak would pass −1 dBTP.
	// Not matched: both exactly as they are (no guard either).
	const { gainsDb, matchedLufs } = request.matched
		? matchGains({
				levels,
				reference: levels[0].loudness ?? levels[1].loudness,
				ceilingDbtp: PREVIEW_CEILING_DBTP
			})
		: { gainsDb: [0, 0], matchedLufs: null };
	const version = (id: CompareVersion['id'], audio: Float32Array[], i: number): CompareVersion => {
		// The views themselves when nothing changes: encodeWav copies anyway.
		const played = gainsDb[i] === 0 ? audio : audio.map((c) => c.slice());
		if (gainsDb[i] !== 0) applyGain({ channels: played, gainDb: gainsDb[i] });
		return { id, wav: pcm16(played, sampleRate), gainDb: gainsDb[i], lufs: levels[i].loudness };
	};
	const [a, b] = levels.map((l) => l.loudness);
	return {
		id: request.id,
		ok: true,
		kind: 'compare',
		versions: [version('mix', mix, 0), version('master', done, 1)],
		differenceLu: a === null || b === null ? null : b - a,
		matchedLufs
	};
}

function exportMaster(request: Extract<BenchRequest, { kind: 'export' }>): BenchResponse {
	const { channels, sampleRate } = requireMaster();
	if (!['pcm16', 'pcm24', 'float32'].includes(request.format)) {
		throw new BenchError(`The master cannot be exported as “${request.format}”.`);
	}
	const wav = encodeMasterWav({ channels, sampleRate, format: request.format }).buffer;
	return {
		id: request.id,
		ok: true,
		kind: 'export',
		format: request.format,
		wav,
		bytes: wav.byteLength
	};
}

function handle(request: BenchRequest): BenchResponse {
	switch (request.kind) {
		case 'set-track':
			return setTrack(request);
		case 'previews':
			return previews(request);
		case 'streaming':
			return streaming(request);
		case 'master':
			return makeMaster(request);
		case 'compare':
			return compare(request);
		case 'export':
			return exportMaster(request);
		case 'excerpt': {
			const { channels, sampleRate } = requireTrack();
			return {
				id: request.id,
				ok: true,
				kind: 'excerpt',
				channels: excerptOf(channels, sampleRate, request).map((c) => c.slice()),
				sampleRate
			};
		}
	}
}

/** The WAV bytes of a response, transferred rather than copied. */
function transferables(response: BenchResponse): ArrayBuffer[] {
	if (!response.ok) return [];
	switch (response.kind) {
		case 'previews':
			return response.versions.map((v) => v.wav);
		case 'streaming':
			return [response.played, response.original];
		case 'compare':
			return response.versions.map((v) => v.wav);
		case 'export':
			return [response.wav];
		case 'excerpt':
			return response.channels.map((c) => c.buffer as ArrayBuffer);
		default:
			return [];
	}
}

/** The sentence the learner sees for a failure. */
function messageOf(error: unknown): string {
	if (error instanceof RangeError && /allocation|memory/i.test(error.message)) {
		return 'This device ran out of memory for the track. Close other tabs, or try a shorter file.';
	}
	// Our own errors (and masterTrack's RangeErrors) are written for the learner.
	if (error instanceof BenchError || error instanceof RangeError) return error.message;
	return 'The bench could not process this track.';
}

self.onmessage = (event: MessageEvent<BenchRequest>) => {
	const request = event.data;
	try {
		const response = handle(request);
		self.postMessage(response, transferables(response));
	} catch (error) {
		if (!(error instanceof BenchError || error instanceof RangeError)) console.error(error);
		self.postMessage({
			id: request.id,
			ok: false,
			message: messageOf(error)
		} satisfies BenchResponse);
	}
};
