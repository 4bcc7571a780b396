import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyzeInWorker } from '../audio/analysis-client';
import type { TrackAnalysis } from '../dsp/analysis/track-analysis';
import { getDatabase } from '../db/database';
import { openTrack, type OpenedTrack } from '../player/decode-file';
import { trackSource } from '../settings/settings';
import { BenchState, PREVIEW_SECONDS } from './bench.svelte';
import { settings } from './settings.svelte';
import { installBrowser, removeBrowser, resetDatabase, type FakeBrowser } from './test-browser';

// The workers and the decoder need a browser; the bench's logic does not.
vi.mock('../player/decode-file', () => ({ openTrack: vi.fn() }));
vi.mock('../audio/analysis-client', () => ({ analyzeInWorker: vi.fn() }));
const workers = vi.hoisted(() => [] as FakeBenchClient[]);
vi.mock('../audio/bench-client', () => ({
	BenchClient: class {
		setTrack = vi.fn(async () => ({ durationS: 0 }));
		master = vi.fn();
		excerpt = vi.fn();
		export = vi.fn();
		previews = vi.fn(async () => []);
		dispose = vi.fn();
		constructor() {
			workers.push(this as unknown as FakeBenchClient);
		}
	}
}));

interface FakeBenchClient {
	setTrack: ReturnType<typeof vi.fn>;
	master: ReturnType<typeof vi.fn>;
	excerpt: ReturnType<typeof vi.fn>;
	export: ReturnType<typeof vi.fn>;
	previews: ReturnType<typeof vi.fn>;
	dispose: ReturnType<typeof vi.fn>;
}

/** A promise the test settles by hand, to look at the state in between. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

const SAMPLE_RATE = 44_100;

function opened(name: string, durationS: number): OpenedTrack {
	const frames = 1_000;
	return {
		name,
		bytes: 123_456,
		durationS,
		sampleRate: SAMPLE_RATE,
		channels: [new Float32Array(frames), new Float32Array(frames)]
	};
}

/** A reading whose loudest short-term stretch ends at `loudAtS`. */
function analysis(durationS: number, loudAtS: number): TrackAnalysis {
	const shortTerm: [number, number | null][] = [];
	for (let t = 3; t <= durationS; t += 1) shortTerm.push([t, t === loudAtS ? -6 : -20]);
	return {
		durationS,
		sampleRate: SAMPLE_RATE,
		channels: 2,
		integratedLufs: -14,
		lraLu: 5,
		truePeakDbtp: -1,
		samplePeakDbfs: -1.2,
		plrDb: 13,
		maxShortTermLufs: -6,
		maxMomentaryLufs: -5,
		shortTerm,
		spectrum: [],
		correlation: 0.8,
		negativeCorrelationShare: 0
	};
}

/** Makes the next open succeed with a track of `durationS`, loudest around `loudAtS`. */
function nextTrack(name: string, durationS = 120, loudAtS = 60) {
	const track = opened(name, durationS);
	vi.mocked(openTrack).mockResolvedValueOnce(track);
	vi.mocked(analyzeInWorker).mockImplementationOnce(async (input, onProgress) => {
		onProgress?.(0.5);
		return { analysis: analysis(durationS, loudAtS), ms: 42, channels: input.channels };
	});
	return track;
}

const file = (name: string) => new File([new Uint8Array(16)], name);

let browser: FakeBrowser;
let bench: BenchState;

beforeEach(async () => {
	browser = installBrowser();
	workers.length = 0;
	vi.mocked(openTrack).mockReset();
	vi.mocked(analyzeInWorker).mockReset();
	await settings.reload();
	bench = new BenchState();
});

afterEach(async () => {
	bench.dispose();
	removeBrowser();
	await resetDatabase();
});

describe('BenchState: opening a track', () => {
	it('decodes, then analyses, then is ready with the reading and the loudest excerpt', async () => {
		const decoding = deferred<OpenedTrack>();
		const analyzing = deferred<Awaited<ReturnType<typeof analyzeInWorker>>>();
		vi.mocked(openTrack).mockReturnValueOnce(decoding.promise);
		vi.mocked(analyzeInWorker).mockImplementationOnce((_, onProgress) => {
			onProgress?.(0.25);
			return analyzing.promise;
		});
		expect(bench.phase).toBe('empty');

		const opening = bench.open(file('mix.wav'));
		expect(bench.phase).toBe('decoding');
		const track = opened('mix.wav', 120);
		decoding.resolve(track);
		await vi.waitFor(() => expect(bench.phase).toBe('analyzing'));
		expect(bench.progress).toBe(0.25);
		analyzing.resolve({ analysis: analysis(120, 90), ms: 42, channels: track.channels });
		await opening;

		expect(bench.phase).toBe('ready');
		expect(bench.error).toBe('');
		expect(bench.track).toEqual({
			name: 'mix.wav',
			bytes: 123_456,
			durationS: 120,
			sampleRate: SAMPLE_RATE,
			channelCount: 2
		});
		expect(bench.analysis?.integratedLufs).toBe(-14);
		expect(bench.analysisMs).toBe(42);
		expect(bench.generation).toBe(1);
		// The previews loop the loudest 30 s, which holds the loud reading at 90 s.
		expect(bench.excerpt!.endS - bench.excerpt!.startS).toBe(PREVIEW_SECONDS);
		expect(bench.excerpt!.startS).toBeLessThanOrEqual(87);
		expect(bench.excerpt!.endS).toBeGreaterThanOrEqual(90);
		// The analysed samples go on to the bench worker.
		expect(workers[0].setTrack).toHaveBeenCalledWith({
			channels: track.channels,
			sampleRate: SAMPLE_RATE
		});
	});

	it('keeps the open track and says why when another file fails to open', async () => {
		nextTrack('first.wav');
		await bench.open(file('first.wav'));
		vi.mocked(openTrack).mockRejectedValueOnce(new Error('notes.pdf is not an audio file.'));
		await bench.open(file('notes.pdf'));
		expect(bench.error).toBe('notes.pdf is not an audio file.');
		expect(bench.phase).toBe('ready');
		expect(bench.track?.name).toBe('first.wav');
		expect(bench.generation).toBe(1);
	});

	it('stays empty when the first file fails, and a good file clears the error', async () => {
		vi.mocked(openTrack).mockResolvedValueOnce(opened('loud.wav', 60));
		vi.mocked(analyzeInWorker).mockRejectedValueOnce('a worker that threw a string');
		await bench.open(file('loud.wav'));
		expect(bench.phase).toBe('empty');
		expect(bench.error).toBe('This file could not be opened.');
		expect(bench.track).toBeNull();

		nextTrack('good.wav');
		await bench.open(file('good.wav'));
		expect(bench.phase).toBe('ready');
		expect(bench.error).toBe('');
	});

	it('drops the last master when a new track opens', async () => {
		nextTrack('first.wav');
		await bench.open(file('first.wav'));
		workers[0].master.mockResolvedValueOnce({ gainDb: 3 });
		await bench.makeMaster({});
		expect(bench.master).not.toBeNull();
		nextTrack('second.wav');
		await bench.open(file('second.wav'));
		expect(bench.master).toBeNull();
		expect(bench.generation).toBe(2);
	});

	it('asks for previews only once a track is open', async () => {
		await expect(bench.systemPreviews()).rejects.toThrow('Open a track first.');
		nextTrack('mix.wav');
		await bench.open(file('mix.wav'));
		await bench.systemPreviews();
		expect(workers[0].previews).toHaveBeenCalledWith(bench.excerpt);
	});
});

describe('BenchState: the quick master', () => {
	beforeEach(async () => {
		nextTrack('mix.wav');
		await bench.open(file('mix.wav'));
	});

	it('reports progress while mastering, then holds the master', async () => {
		const done = deferred<unknown>();
		let report: (fraction: number) => void = () => {};
		workers[0].master.mockImplementationOnce((_options, onProgress) => {
			report = onProgress;
			return done.promise;
		});
		const making = bench.makeMaster({ targetLufs: -14 });
		expect(bench.mastering).toBe(true);
		expect(bench.masterProgress).toBe(0);
		report(0.6);
		expect(bench.masterProgress).toBe(0.6);
		done.resolve({ gainDb: 4, passes: 1 });
		await making;
		expect(bench.mastering).toBe(false);
		expect(bench.master).toEqual({ gainDb: 4, passes: 1 });
		expect(bench.masterError).toBe('');
		expect(workers[0].master.mock.calls[0][0]).toEqual({ targetLufs: -14 });
	});

	it('says why the master failed, and offers no stale master meanwhile', async () => {
		workers[0].master.mockResolvedValueOnce({ gainDb: 2 });
		await bench.makeMaster({});
		workers[0].master.mockRejectedValueOnce(new Error('The track is silent.'));
		const making = bench.makeMaster({});
		expect(bench.master).toBeNull();
		await making;
		expect(bench.masterError).toBe('The track is silent.');
		expect(bench.mastering).toBe(false);
		expect(bench.master).toBeNull();

		workers[0].master.mockRejectedValueOnce(undefined);
		await bench.makeMaster({});
		expect(bench.masterError).toBe('The master could not be made.');
	});

	it('exports the master as a WAV named after the track', async () => {
		workers[0].export.mockResolvedValueOnce({ wav: new ArrayBuffer(44) });
		expect(await bench.exportMaster()).toEqual({ name: 'mix (quick master).wav', bytes: 44 });
		expect(browser.downloads.map((d) => d.name)).toEqual(['mix (quick master).wav']);
		expect(workers[0].export).toHaveBeenCalledWith({ format: 'pcm24' });
	});
});

describe('BenchState: saving a track for the drills', () => {
	it('stores the loudest minute on the device and makes it the drills’ music', async () => {
		nextTrack('Song.wav', 300, 200);
		await bench.open(file('Song.wav'));
		const frames = SAMPLE_RATE * 2;
		const tone = Float32Array.from({ length: frames }, (_, i) => 0.5 * Math.sin(i / 10));
		workers[0].excerpt.mockResolvedValueOnce({ channels: [tone, tone], sampleRate: SAMPLE_RATE });

		expect(await bench.saveForDrills()).toBe('Song.wav');
		// The excerpt asked for is a minute around the loudest reading.
		const [range] = workers[0].excerpt.mock.calls[0];
		expect(range.endS - range.startS).toBe(60);
		expect(range.startS).toBeLessThanOrEqual(197);
		expect(range.endS).toBeGreaterThanOrEqual(200);

		const [row] = await getDatabase().tracks.toArray();
		expect(row).toMatchObject({ name: 'Song.wav', sampleRate: 44_100, durationS: 2 });
		expect(row.bytes).toBe(44 + frames * 2 * 2);
		expect(settings.drillSource).toBe(trackSource(row.id));
		expect((await getDatabase().settings.get('drillSource'))?.value).toBe(trackSource(row.id));
	});

	it('refuses before a track is open', async () => {
		await expect(bench.saveForDrills()).rejects.toThrow('Open a track first.');
		expect(await getDatabase().tracks.count()).toBe(0);
	});
});

describe('BenchState: the worker', () => {
	it('starts one worker on first use and stops it on dispose', async () => {
		expect(workers).toHaveLength(0);
		nextTrack('mix.wav');
		await bench.open(file('mix.wav'));
		nextTrack('mix2.wav');
		await bench.open(file('mix2.wav'));
		expect(workers).toHaveLength(1);
		bench.dispose();
		expect(workers[0].dispose).toHaveBeenCalledOnce();
	});
});
