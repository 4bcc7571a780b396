/// <reference lib="webworker" />
/**
 * Renders audio off the main thread: loads the trimmed General MIDI bank once, renders seeded
 * arrangements and drill questions with the pure code, meters them and returns WAV bytes
 * (transferred, not copied). Questions on a saved track read it from IndexedDB here (Dexie works in
 * workers), so its megabytes never pass through the page.
 */
import { renderArrangement } from '../dsp/synth/render';
import { getBank } from './bank';
import { thirdOctaveSpectrum } from '../dsp/analysis/spectrum';
import { measureLoudness } from '../dsp/analysis/loudness';
import { truePeak } from '../dsp/analysis/true-peak';
import { meterReport } from '../dsp/report';
import { bucketMax, waveformOverview } from '../dsp/analysis/overview';
import { decodeWav, encodeWav, type DecodedWav } from '../dsp/wav';
import { MixDatabase } from '../db/database';
import { hasTrack, readTrackWav } from '../db/tracks-repo';
import { loopWindow, trackWindow } from '../drills/track-window';
import { generateQuestion } from '../drills/question-rng';
import { renderSourceAudio } from '../drills/source-audio';
import { renderQuestion, type QuestionSourceAudio as SourceClip } from '../drills/render-question';
import type { DrillSource } from '../drills/types';
import {
	renderLessonSet,
	renderMeteredVersion,
	renderStreamingSet,
	type MeteredVersion
} from '../lesson/render-lesson';
import { streamingServices } from '../dsp/master/streaming';
import { isSongVersionId, type LessonVersionId } from '../lesson/version-ids';
import type { StyleId } from '../dsp/synth/styles';
import {
	OVERVIEW_BUCKETS,
	type ArrangementRequest,
	type LessonRequest,
	type QuestionRequest,
	type RenderRequest,
	type RenderResponse,
	type StreamingRequest
} from './render-protocol';

declare const self: DedicatedWorkerGlobalScope;

/** Shown when a question asks for a saved track that has been deleted. */
const MISSING_TRACK =
	'Your saved track is no longer on this device. Choose other music in Settings.';

let database: MixDatabase | undefined;
/** The worker's own connection to the app's database, opened on the first track question. */
function getDb(): MixDatabase {
	database ??= new MixDatabase();
	return database;
}

/**
 * Decoded saved tracks, most recently used last. Two, because a decoded minute of stereo is about
 * 21 MB, and a learner switches between at most a couple of tracks in a session.
 */
const tracks = new Map<string, Promise<DecodedWav>>();
const TRACK_CACHE = 2;

function getTrack(trackId: string): Promise<DecodedWav> {
	let track = tracks.get(trackId);
	if (track) tracks.delete(trackId);
	else {
		track = readTrackWav(getDb(), trackId).then((wav) => {
			if (!wav) throw new Error(MISSING_TRACK);
			return decodeWav(wav);
		});
		track.catch(() => tracks.delete(trackId));
	}
	tracks.set(trackId, track);
	if (tracks.size > TRACK_CACHE) tracks.delete(tracks.keys().next().value!);
	return track;
}

/** The question's `seconds` of a saved track: the seeded window, repeated if the track is shorter. */
async function trackClip(trackId: string, seed: number, seconds: number) {
	const { channels, sampleRate } = await getTrack(trackId);
	const window = trackWindow({ frames: channels[0]?.length ?? 0, sampleRate, seconds, seed });
	if (window.end === 0) throw new Error('Your saved track has no audio in it.');
	const clip = loopWindow({ channels, ...window, frames: Math.round(seconds * sampleRate) });
	// Saved tracks are stereo; a mono one plays on both sides like the other sources.
	return { channels: clip.length === 1 ? [clip[0], clip[0].slice()] : clip, sampleRate };
}

/** Recently rendered sources, so both prefetched outcomes of a question share one render. */
const sources = new Map<string, Promise<SourceClip>>();
const SOURCE_CACHE = 4;

function getSource(source: DrillSource, seed: number, seconds: number, sampleRate: number) {
	const key = `${JSON.stringify(source)}:${seed}:${seconds}:${sampleRate}`;
	let clip = sources.get(key);
	if (!clip) {
		clip = renderSource(source, seed, seconds, sampleRate);
		sources.set(key, clip);
		clip.catch(() => sources.delete(key));
		if (sources.size > SOURCE_CACHE) sources.delete(sources.keys().next().value!);
	}
	return clip;
}

/** The question's source clip, measured once so every question made from it reuses the numbers. */
async function renderSource(
	source: DrillSource,
	seed: number,
	seconds: number,
	sampleRate: number
): Promise<SourceClip> {
	const bank =
		source.kind === 'arrangement' || source.kind === 'stems' ? await getBank() : undefined;
	const clip =
		source.kind === 'track'
			? await trackClip(source.trackId, seed, seconds)
			: await renderSourceAudio({ source, seed, seconds, sampleRate, bank });
	// The clip's own rate: a saved track keeps the rate it was stored at.
	return {
		...clip,
		loudness: measureLoudness({ channels: clip.channels, sampleRate: clip.sampleRate }).integrated,
		truePeak: truePeak({ channels: clip.channels, sampleRate: clip.sampleRate }).dbtp
	};
}

async function arrangement(request: ArrangementRequest): Promise<RenderResponse> {
	const bankStart = performance.now();
	const loaded = await getBank();
	const start = performance.now();
	const clip = await renderArrangement({ ...request, bank: loaded });
	const channels = [clip.left, clip.right];
	const meter = meterReport({ channels, sampleRate: clip.sampleRate });
	const wav = encodeWav({ channels, sampleRate: clip.sampleRate, format: 'pcm16' })
		.buffer as ArrayBuffer;
	return {
		id: request.id,
		ok: true,
		kind: 'arrangement',
		wav,
		meter,
		renderMs: performance.now() - start,
		bankMs: start - bankStart
	};
}

async function question(request: QuestionRequest): Promise<RenderResponse> {
	const start = performance.now();
	// A deleted track may still be cached here: ask the database each time (a key lookup).
	if (request.source.kind === 'track' && !(await hasTrack(getDb(), request.source.trackId))) {
		tracks.delete(request.source.trackId);
		throw new Error(MISSING_TRACK);
	}
	const source = await getSource(request.source, request.seed, request.seconds, request.sampleRate);
	const q = generateQuestion({
		kind: request.drill,
		level: request.level,
		seed: request.seed,
		source: request.source
	});
	const rendered = renderQuestion({ question: q, source, matched: request.matched });
	return {
		id: request.id,
		ok: true,
		kind: 'question',
		question: q,
		matchedLufs: rendered.matchedLufs,
		renderMs: performance.now() - start,
		versions: rendered.versions.map((v) => {
			const sampleRate = source.sampleRate;
			const loudness = measureLoudness({ channels: v.channels, sampleRate });
			const peak = truePeak({ channels: v.channels, sampleRate }).dbtp;
			const minus = (a: number | null, b: number | null) =>
				a === null || b === null ? null : a - b;
			return {
				id: v.id,
				matchGainDb: v.matchGainDb,
				wav: encodeWav({ channels: v.channels, sampleRate, format: 'pcm16' }).buffer as ArrayBuffer,
				spectrum: thirdOctaveSpectrum({ channels: v.channels, sampleRate }).map((band) => ({
					centerHz: band.nominal,
					db: band.db
				})),
				meter: {
					lufs: loudness.integrated,
					truePeak: peak,
					plr: minus(peak, loudness.integrated),
					psr: minus(peak, loudness.shortTermMax)
				},
				overview: waveformOverview({ channels: v.channels, buckets: OVERVIEW_BUCKETS }),
				gainReduction: v.gainReductionDb
					? bucketMax({ trace: v.gainReductionDb, buckets: OVERVIEW_BUCKETS })
					: undefined
			};
		})
	};
}

/**
 * Rendered and metered lesson versions, most recently used last, so the demos of one page (which
 * share a style and seed) render each version once. Eight 8 s stereo clips are about 22 MB.
 */
const lessonVersions = new Map<string, MeteredVersion>();
const LESSON_VERSION_CACHE = 8;

/**
 * The lesson source and a version lookup: a seeded arrangement (cached with the drills' sources), or
 * for the song versions the stems of a song with a lead voice at their balance (the balance drill's
 * source). One request plays one kind: a demo never mixes the two.
 */
async function lessonSource(request: {
	style: StyleId;
	seed: number;
	seconds: number;
	sampleRate: number;
	versions?: LessonVersionId[];
}) {
	const { style, seed, seconds, sampleRate, versions = [] } = request;
	const songs = versions.filter(isSongVersionId).length;
	if (songs > 0 && songs < versions.length) {
		throw new Error('A lesson demo plays song versions or arrangement versions, not both.');
	}
	const kind = songs > 0 ? 'stems' : 'arrangement';
	const source = await getSource({ kind, style }, seed, seconds, sampleRate);
	const version = (id: LessonVersionId): MeteredVersion => {
		const key = `${style}:${seed}:${seconds}:${sampleRate}:${id}`;
		let rendered = lessonVersions.get(key);
		if (rendered) lessonVersions.delete(key);
		else rendered = renderMeteredVersion({ id, source });
		lessonVersions.set(key, rendered);
		if (lessonVersions.size > LESSON_VERSION_CACHE) {
			lessonVersions.delete(lessonVersions.keys().next().value!);
		}
		return rendered;
	};
	return { source, version };
}

const pcm16 = (channels: Float32Array[], sampleRate: number) =>
	encodeWav({ channels, sampleRate, format: 'pcm16' }).buffer as ArrayBuffer;

async function lesson(request: LessonRequest): Promise<RenderResponse> {
	const start = performance.now();
	const { source, version } = await lessonSource(request);
	const { sampleRate } = source;
	const rendered = renderLessonSet({
		ids: request.versions,
		source,
		matched: request.matched,
		version
	});
	return {
		id: request.id,
		ok: true,
		kind: 'lesson',
		matchedLufs: rendered.matchedLufs,
		versions: rendered.versions.map((v) => ({
			id: v.id,
			wav: pcm16(v.channels, sampleRate),
			matchGainDb: v.matchGainDb,
			meter: v.meter,
			spectrum: request.spectrum
				? thirdOctaveSpectrum({ channels: v.channels, sampleRate }).map((band) => ({
						centerHz: band.nominal,
						db: band.db
					}))
				: undefined
		})),
		renderMs: performance.now() - start
	};
}

async function streaming(request: StreamingRequest): Promise<RenderResponse> {
	const start = performance.now();
	const service = streamingServices.find((s) => s.id === request.service);
	if (!service) throw new Error(`There is no streaming service called “${request.service}”.`);
	const { source, version } = await lessonSource(request);
	const { sampleRate } = source;
	const streamed = renderStreamingSet({
		versions: [version('master'), version('loud-master')],
		sampleRate,
		service
	});
	return {
		id: request.id,
		ok: true,
		kind: 'streaming',
		service: service.id,
		versions: streamed.map((v) => ({
			id: v.id,
			wav: pcm16(v.channels, sampleRate),
			plan: v.plan,
			uploaded: v.uploaded,
			played: v.played
		})),
		renderMs: performance.now() - start
	};
}

function handle(request: RenderRequest): Promise<RenderResponse> {
	switch (request.kind) {
		case 'arrangement':
			return arrangement(request);
		case 'question':
			return question(request);
		case 'lesson':
			return lesson(request);
		case 'streaming':
			return streaming(request);
	}
}

/** The WAV bytes of a response, transferred rather than copied. */
function transferables(response: RenderResponse): ArrayBuffer[] {
	if (!response.ok) return [];
	if (response.kind === 'arrangement') return [response.wav];
	return response.versions.map((v) => v.wav);
}

self.onmessage = async (event: MessageEvent<RenderRequest>) => {
	const request = event.data;
	try {
		const response = await handle(request);
		self.postMessage(response, transferables(response));
	} catch (error) {
		const message = error instanceof Error ? error.message : 'The clip could not be rendered.';
		self.postMessage({ id: request.id, ok: false, message } satisfies RenderResponse);
	}
};
