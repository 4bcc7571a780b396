/**
 * The page's side of the bench worker, and the messages between them. The worker keeps the learner's
 * track (and its master) once it has it, so previews, comparisons and the export only send times;
 * audio crosses the boundary as transferred buffers, never copied.
 */
import type { ExportFormat, MasterReading, TrackMasterSettings } from '../bench/master-track';
import type { SystemPreviewId } from '../bench/previews';
import type { ServiceId, StreamingPlan } from '../dsp/master/streaming';
import type { ChainStep } from '../dsp/process/chain';

/** A stretch of the track, s from its start. */
export interface ExcerptRange {
	startS: number;
	endS: number;
}

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
export interface BenchProgress {
	id: number;
	kind: 'progress';
	/** 0 … 1. */
	fraction: number;
}

/** The success response for a request kind. */
export type BenchResponseFor<K extends BenchRequest['kind']> = Extract<
	BenchResponse,
	{ ok: true; kind: K }
>;

/** A request without its id (the client numbers them). */
type Unnumbered<R> = R extends unknown ? Omit<R, 'id'> : never;

interface Waiter {
	resolve: (response: BenchResponse) => void;
	reject: (error: Error) => void;
	onProgress?: (fraction: number) => void;
}

/** The buffers behind some arrays, each once (transferring one buffer twice is an error). */
function buffersOf(arrays: Float32Array[]): ArrayBuffer[] {
	return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * One bench worker, with a promise per request. The worker is started on the first request and
 * restarted after a crash (the track is then gone: the next request says "Open a track first.").
 */
export class BenchWorker {
	/** Called with the progress of every master request (besides the per-call callback). */
	onProgress?: (fraction: number) => void;
	#worker: Worker | undefined;
	#nextId = 1;
	readonly #pending = new Map<number, Waiter>();
	#disposed = false;

	constructor({ onProgress }: { onProgress?: (fraction: number) => void } = {}) {
		this.onProgress = onProgress;
	}

	#getWorker(): Worker {
		if (this.#disposed) throw new Error('The bench was closed.');
		if (!this.#worker) {
			const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
			worker.onmessage = (event: MessageEvent<BenchResponse | BenchProgress>) => {
				const message = event.data;
				const waiter = this.#pending.get(message.id);
				if (!waiter) return;
				if ('kind' in message && message.kind === 'progress') {
					waiter.onProgress?.(message.fraction);
					this.onProgress?.(message.fraction);
					return;
				}
				this.#pending.delete(message.id);
				if (message.ok) waiter.resolve(message);
				else waiter.reject(new Error(message.message));
			};
			worker.onerror = (event) => {
				event.preventDefault();
				this.#rejectAll('The audio engine stopped unexpectedly. Open the track again.');
				worker.terminate();
				if (this.#worker === worker) this.#worker = undefined;
			};
			this.#worker = worker;
		}
		return this.#worker;
	}

	#rejectAll(message: string): void {
		for (const waiter of this.#pending.values()) waiter.reject(new Error(message));
		this.#pending.clear();
	}

	#send<R extends Unnumbered<BenchRequest>>(
		request: R,
		transfer: Transferable[] = [],
		onProgress?: (fraction: number) => void
	): Promise<BenchResponseFor<R['kind']>> {
		return new Promise((resolve, reject) => {
			let worker: Worker;
			try {
				worker = this.#getWorker();
			} catch (error) {
				reject(error);
				return;
			}
			const id = this.#nextId++;
			this.#pending.set(id, {
				resolve: resolve as (response: BenchResponse) => void,
				reject,
				onProgress
			});
			worker.postMessage({ ...request, id }, transfer);
		});
	}

	/**
	 * Hands the track to the worker. The channels' buffers are transferred: on the page they are
	 * empty afterwards. Replaces any earlier track and its master.
	 */
	async setTrack({
		channels,
		sampleRate
	}: {
		channels: Float32Array[];
		sampleRate: number;
	}): Promise<{ durationS: number }> {
		const { durationS } = await this.#send(
			{ kind: 'set-track', channels, sampleRate },
			buffersOf(channels)
		);
		return { durationS };
	}

	/** A copy of the track's audio over `range` (to save it as drill material). */
	async excerpt(range: ExcerptRange): Promise<{ channels: Float32Array[]; sampleRate: number }> {
		const { channels, sampleRate } = await this.#send({ kind: 'excerpt', ...range });
		return { channels, sampleRate };
	}

	/** The excerpt on each playback system, loudness-matched, in display order (original first). */
	async previews(range: ExcerptRange): Promise<PreviewVersion[]> {
		return (await this.#send({ kind: 'previews', ...range })).versions;
	}

	/** The excerpt as uploaded and as `service` plays it, with the service's plan. */
	streaming(
		request: ExcerptRange & { service: ServiceId; reading: { lufs: number; truePeak: number } }
	): Promise<BenchResponseFor<'streaming'>> {
		return this.#send({ kind: 'streaming', ...request });
	}

	/** Masters the whole track in the worker (which keeps the result); reports progress 0 … 1. */
	async master(
		settings: Partial<TrackMasterSettings> = {},
		onProgress?: (fraction: number) => void
	): Promise<MasterSummary> {
		const { before, after, chain, gainDb, passes, ms } = await this.#send(
			{ kind: 'master', settings },
			[],
			onProgress
		);
		return { before, after, chain, gainDb, passes, ms };
	}

	/** The excerpt of the mix and of the master, matched to each other or as they are. */
	compare(request: ExcerptRange & { matched: boolean }): Promise<BenchResponseFor<'compare'>> {
		return this.#send({ kind: 'compare', ...request });
	}

	/** The whole master as WAV bytes (16-bit dithered, 24-bit or 32-bit float). */
	export({ format }: { format: ExportFormat }): Promise<BenchResponseFor<'export'>> {
		return this.#send({ kind: 'export', format });
	}

	/** Stops the worker (dropping the track and master); pending requests are rejected. */
	dispose(): void {
		this.#disposed = true;
		this.#rejectAll('The bench was closed.');
		this.#worker?.terminate();
		this.#worker = undefined;
	}
}
