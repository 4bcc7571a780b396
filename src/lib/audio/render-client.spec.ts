import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWorkerConstructor, type FakeWorker } from './fake-worker';

let created: FakeWorker[];
let renderInWorker: typeof import('./render-client').renderInWorker;

beforeEach(async () => {
	const fake = fakeWorkerConstructor();
	created = fake.created;
	vi.stubGlobal('Worker', fake.Worker);
	// A fresh module each time: the client keeps one worker for the page's lifetime.
	vi.resetModules();
	({ renderInWorker } = await import('./render-client'));
});

afterEach(() => {
	vi.unstubAllGlobals();
});

const arrangement = {
	kind: 'arrangement',
	style: 'pop-rock',
	seed: 1,
	seconds: 2,
	sampleRate: 44100
} as const;

describe('renderInWorker', () => {
	it('starts render.worker.ts as a module worker and resolves with the reply', async () => {
		const rendered = renderInWorker(arrangement);
		const [worker] = created;
		expect(String(worker.url)).toMatch(/render\.worker\.ts/);
		expect(worker.options).toEqual({ type: 'module' });
		expect(worker.posted[0].message).toMatchObject(arrangement);
		worker.succeed(0, { renderMs: 12 });
		await expect(rendered).resolves.toMatchObject({ kind: 'arrangement', renderMs: 12 });
	});

	it('says the audio engine stopped when the worker dies', async () => {
		const rendered = renderInWorker(arrangement);
		created[0].fail();
		await expect(rendered).rejects.toThrow(new Error('The audio engine stopped unexpectedly.'));
	});

	it('rejects with an AbortError when its signal aborts', async () => {
		const controller = new AbortController();
		const rendered = renderInWorker(arrangement, { signal: controller.signal });
		controller.abort();
		await expect(rendered).rejects.toMatchObject({ name: 'AbortError' });
	});
});
