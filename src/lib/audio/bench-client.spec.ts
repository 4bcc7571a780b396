import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BenchClient } from './bench-client';
import { fakeWorkerConstructor, flush, type FakeWorker } from './fake-worker';

let created: FakeWorker[];

beforeEach(() => {
	const fake = fakeWorkerConstructor();
	created = fake.created;
	vi.stubGlobal('Worker', fake.Worker);
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('BenchClient', () => {
	it('starts bench.worker.ts on the first request and moves a shared buffer once', async () => {
		const bench = new BenchClient();
		expect(created).toHaveLength(0);
		const buffer = new Float32Array(8);
		const channels = [buffer.subarray(0, 4), buffer.subarray(4)];
		const set = bench.setTrack({ channels, sampleRate: 48000 });
		const [worker] = created;
		expect(String(worker.url)).toMatch(/bench\.worker\.ts/);
		expect(worker.posted[0].transfer).toEqual([buffer.buffer]);
		worker.succeed(0, { durationS: 2 });
		await expect(set).resolves.toEqual({ durationS: 2 });
	});

	it('reports a master’s progress to the call and to the bench', async () => {
		const bench = new BenchClient({ onProgress: vi.fn() });
		const perCall = vi.fn();
		const master = bench.master({}, perCall);
		const [worker] = created;
		worker.send({ id: worker.idOf(0), kind: 'progress', fraction: 0.4 });
		expect(perCall).toHaveBeenCalledWith(0.4);
		expect(bench.onProgress).toHaveBeenCalledWith(0.4);
		const summary = { before: {}, after: {}, chain: [], gainDb: 3, passes: 2, ms: 9 };
		worker.succeed(0, { ...summary, extra: true });
		await expect(master).resolves.toEqual(summary);
	});

	it('asks for the track again when the worker dies, on a fresh worker', async () => {
		const bench = new BenchClient();
		const previews = bench.previews({ startS: 0, endS: 5 });
		created[0].fail();
		await expect(previews).rejects.toThrow(
			new Error('The audio engine stopped unexpectedly. Open the track again.')
		);
		bench.previews({ startS: 0, endS: 5 });
		expect(created).toHaveLength(2);
	});

	it('rejects pending and later requests with "The bench was closed." after dispose', async () => {
		const bench = new BenchClient();
		const pending = bench.export({ format: 'pcm16' });
		bench.dispose();
		await expect(pending).rejects.toThrow(new Error('The bench was closed.'));
		expect(created[0].terminated).toBe(true);
		await expect(bench.previews({ startS: 0, endS: 5 })).rejects.toThrow(
			new Error('The bench was closed.')
		);
		await flush();
		expect(created).toHaveLength(1);
	});
});
