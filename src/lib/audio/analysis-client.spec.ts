import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWorkerConstructor, type FakeWorker } from './fake-worker';

let created: FakeWorker[];
let client: typeof import('./analysis-client');

beforeEach(async () => {
	const fake = fakeWorkerConstructor();
	created = fake.created;
	vi.stubGlobal('Worker', fake.Worker);
	// A fresh module each time: the client keeps one worker for the page's lifetime.
	vi.resetModules();
	client = await import('./analysis-client');
});

afterEach(() => {
	vi.unstubAllGlobals();
});

const stereo = () => [new Float32Array([0.1, 0.2]), new Float32Array([0.3, 0.4])];

describe('analyzeInWorker', () => {
	it('moves the channels to analysis.worker.ts, reports progress and returns them', async () => {
		const channels = stereo();
		const onProgress = vi.fn();
		const analysed = client.analyzeInWorker({ channels, sampleRate: 48000 }, onProgress);
		const [worker] = created;
		expect(String(worker.url)).toMatch(/analysis\.worker\.ts/);
		expect(worker.posted[0].transfer).toHaveLength(2);
		expect(channels.map((c) => c.length)).toEqual([0, 0]);
		worker.send({ id: worker.idOf(0), kind: 'progress', fraction: 0.5 });
		expect(onProgress).toHaveBeenCalledWith(0.5);
		const back = worker.posted[0].message.channels as Float32Array[];
		worker.succeed(0, { analysis: { integratedLufs: -14 }, ms: 3, channels: back });
		const result = await analysed;
		expect(result).toMatchObject({ analysis: { integratedLufs: -14 }, ms: 3 });
		expect(result.channels).toEqual(stereo());
	});

	it('copies instead with transfer: false', () => {
		const channels = stereo();
		client.analyzeInWorker({ channels, sampleRate: 48000, transfer: false });
		expect(created[0].posted[0].transfer).toEqual([]);
		expect(channels.map((c) => c.length)).toEqual([2, 2]);
	});

	it('says the analysis stopped when the worker dies', async () => {
		const analysed = client.analyzeInWorker({ channels: stereo(), sampleRate: 48000 });
		created[0].fail();
		await expect(analysed).rejects.toThrow(new Error('The analysis stopped unexpectedly.'));
	});
});

describe('decodeWavInWorker', () => {
	it('moves the bytes and rejects with the worker’s sentence', async () => {
		const bytes = new ArrayBuffer(8);
		const decoded = client.decodeWavInWorker(bytes);
		const [worker] = created;
		expect(bytes.byteLength).toBe(0);
		worker.send({ id: worker.idOf(0), ok: false, message: 'The WAV file holds no audio.' });
		await expect(decoded).rejects.toThrow(new Error('The WAV file holds no audio.'));
	});
});

describe('stopAnalysisWorker', () => {
	it('rejects what is pending, and the next request starts a new worker', async () => {
		const analysed = client.analyzeInWorker({ channels: stereo(), sampleRate: 48000 });
		client.stopAnalysisWorker();
		await expect(analysed).rejects.toThrow(new Error('The analysis was stopped.'));
		expect(created[0].terminated).toBe(true);
		client.decodeWavInWorker(new ArrayBuffer(8));
		expect(created).toHaveLength(2);
	});
});
