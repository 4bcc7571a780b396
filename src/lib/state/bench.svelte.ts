/**
 * The bench as runes state: the learner's track opened on the device, metered in the analysis
 * worker, and handed to the bench worker for previews, a quick master and its export. Nothing
 * leaves the device.
 */
import { analyzeInWorker } from '../audio/analysis-client';
import { BenchClient } from '../audio/bench-client';
import type { TrackMasterSettings } from '../bench/master-track';
import { loudestExcerpt } from '../bench/excerpt';
import type { TrackAnalysis } from '../dsp/analysis/track-analysis';
import type { ServiceId } from '../dsp/master/streaming-services';
import { getDatabase } from '../db/database';
import { trackSource } from '../settings/settings';
import { saveTrack } from '../db/tracks-repo';
import { openTrack } from '../player/decode-file';
import { DRILL_TRACK_SECONDS, prepareTrackForDrills } from '../player/prepare-track';
import { downloadFile } from './download';
import { settings } from './settings.svelte';

export type BenchPhase = 'empty' | 'decoding' | 'analyzing' | 'ready';

export interface TrackInfo {
	name: string;
	bytes: number;
	durationS: number;
	sampleRate: number;
	channelCount: number;
}

type MasterSummary = Awaited<ReturnType<BenchClient['master']>>;

/** Seconds of the track the previews loop (its loudest stretch). */
export const PREVIEW_SECONDS = 30;

export class BenchState {
	phase = $state<BenchPhase>('empty');
	error = $state('');
	/** 0…1 while decoding and analysing. */
	progress = $state(0);
	track = $state.raw<TrackInfo | null>(null);
	analysis = $state.raw<TrackAnalysis | null>(null);
	analysisMs = $state(0);
	/** The stretch the previews play. */
	excerpt = $state.raw<{ startS: number; endS: number } | null>(null);
	/** Bumped for every opened track, so players made for the last one are rebuilt. */
	generation = $state(0);
	master = $state.raw<MasterSummary | null>(null);
	mastering = $state(false);
	masterProgress = $state(0);
	masterError = $state('');
	#lazyClient: BenchClient | undefined;

	/** The bench worker's client, started on the first request. */
	get #client(): BenchClient {
		this.#lazyClient ??= new BenchClient();
		return this.#lazyClient;
	}

	/** Opens, meters and prepares a file; errors become `error` and change nothing else. */
	async open(file: File): Promise<void> {
		const previous = { phase: this.phase };
		this.error = '';
		this.phase = 'decoding';
		this.progress = 0;
		try {
			const opened = await openTrack(file);
			this.phase = 'analyzing';
			// The channels go to the analysis worker and come back, then on to the bench worker: moved, not copied.
			const { analysis, ms, channels } = await analyzeInWorker(
				{ channels: opened.channels, sampleRate: opened.sampleRate },
				(fraction: number) => (this.progress = fraction)
			);
			await this.#client.setTrack({ channels, sampleRate: opened.sampleRate });
			this.track = {
				name: opened.name,
				bytes: opened.bytes,
				durationS: opened.durationS,
				sampleRate: opened.sampleRate,
				channelCount: opened.channels.length
			};
			this.analysis = analysis;
			this.analysisMs = ms;
			this.excerpt = loudestExcerpt({
				shortTerm: analysis.shortTerm,
				durationS: opened.durationS,
				lengthS: PREVIEW_SECONDS
			});
			this.master = null;
			this.masterError = '';
			this.generation += 1;
			this.phase = 'ready';
		} catch (error) {
			this.error = error instanceof Error ? error.message : 'This file could not be opened.';
			this.phase = previous.phase === 'ready' && this.track ? 'ready' : 'empty';
		}
	}

	/** The system previews of the excerpt, loudness-matched, as WAV bytes. */
	async systemPreviews(): Promise<{ wav: ArrayBuffer }[]> {
		const { startS, endS } = this.#excerpt();
		return this.#client.previews({ startS, endS });
	}

	/** The excerpt as it is and as `service` plays it, with the service's plan. */
	async streamingPreview(service: ServiceId) {
		const { startS, endS } = this.#excerpt();
		const a = this.analysis;
		if (!a || a.integratedLufs === null || a.truePeakDbtp === null) {
			throw new Error('This track is too quiet to measure, so no service would play it.');
		}
		return this.#client.streaming({
			startS,
			endS,
			service,
			reading: { lufs: a.integratedLufs, truePeak: a.truePeakDbtp }
		});
	}

	/** Masters the whole track in the worker. */
	async makeMaster(options: Partial<TrackMasterSettings>): Promise<void> {
		// The worker drops the old master first: nothing may still offer to play or export it.
		this.master = null;
		this.mastering = true;
		this.masterProgress = 0;
		this.masterError = '';
		try {
			this.master = await this.#client.master(options, (f: number) => (this.masterProgress = f));
		} catch (error) {
			this.masterError = error instanceof Error ? error.message : 'The master could not be made.';
		} finally {
			this.mastering = false;
		}
	}

	/** The excerpt of the original and the master, matched or as they are. */
	async compare(matched: boolean) {
		const { startS, endS } = this.#excerpt();
		return this.#client.compare({ startS, endS, matched });
	}

	/** The whole master as a WAV download. */
	async exportMaster(): Promise<{ name: string; bytes: number }> {
		const { wav } = await this.#client.export({ format: 'pcm24' });
		const base = (this.track?.name ?? 'track').replace(/\.[^.]+$/, '');
		const name = `${base} (quick master).wav`;
		downloadFile(new Blob([wav], { type: 'audio/wav' }), name);
		return { name, bytes: wav.byteLength };
	}

	/**
	 * Saves the track's loudest minute on this device as drill material (44.1 kHz 16-bit WAV), so any
	 * drill can use it as its music, and makes it the drills' music. Resolves with its name.
	 */
	async saveForDrills(): Promise<string> {
		const a = this.analysis;
		const track = this.track;
		if (!a || !track) throw new Error('Open a track first.');
		const range = loudestExcerpt({
			shortTerm: a.shortTerm,
			durationS: track.durationS,
			lengthS: DRILL_TRACK_SECONDS
		});
		const { channels, sampleRate } = await this.#client.excerpt(range);
		const { wav, durationS } = await prepareTrackForDrills({
			name: track.name,
			channels,
			sampleRate
		});
		const saved = await saveTrack(getDatabase(), {
			name: track.name,
			wav,
			durationS,
			now: Date.now()
		});
		await settings.set('drillSource', trackSource(saved.id));
		return saved.name;
	}

	#excerpt() {
		if (!this.excerpt) throw new Error('Open a track first.');
		return this.excerpt;
	}

	dispose() {
		this.#lazyClient?.dispose();
		this.#lazyClient = undefined;
	}
}
