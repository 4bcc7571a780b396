/**
 * The page's side of the bench worker (`bench.worker.ts`; the messages are in bench-protocol.ts). The
 * worker keeps the learner's track and its master, so most requests only send times.
 */
import type { ExportFormat, TrackMasterSettings } from '../bench/master-track';
import type { ServiceId } from '../dsp/master/streaming';
import type {
	BenchRequest,
	BenchResponse,
	BenchResponseFor,
	ExcerptRange,
	MasterSummary,
	PreviewVersion
} from './bench-protocol';
import { WorkerClient, type Unsent } from './worker-client';

/** The buffers behind some arrays, each once (transferring one buffer twice is an error). */
function buffersOf(arrays: Float32Array[]): ArrayBuffer[] {
	return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * One bench worker, with a promise per request. The worker is started on the first request and
 * restarted after a crash (the track is then gone: the next request says "Open a track first.").
 */
export class BenchClient {
	/** Called with the progress of every master request (besides the per-call callback). */
	onProgress?: (fraction: number) => void;
	readonly #client = new WorkerClient<BenchRequest, BenchResponse>({
		start: () => new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }),
		crashMessage: 'The audio engine stopped unexpectedly. Open the track again.'
	});
	#disposed = false;

	constructor({ onProgress }: { onProgress?: (fraction: number) => void } = {}) {
		this.onProgress = onProgress;
	}

	#send<R extends Unsent<BenchRequest>>(
		request: R,
		{
			transfer,
			onProgress
		}: { transfer?: Transferable[]; onProgress?: (fraction: number) => void } = {}
	): Promise<BenchResponseFor<R['kind']>> {
		if (this.#disposed) return Promise.reject(new Error('The bench was closed.'));
		return this.#client.request(request, {
			transfer,
			onProgress: (fraction) => {
				onProgress?.(fraction);
				this.onProgress?.(fraction);
			}
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
			{ transfer: buffersOf(channels) }
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
			{ onProgress }
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

	/** Stops the worker (dropping the track and master); pending and later requests reject. */
	dispose(): void {
		this.#disposed = true;
		this.#client.terminate('The bench was closed.');
	}
}
