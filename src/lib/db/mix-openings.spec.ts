import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepOpening, keptOpening, KEPT_OPENINGS } from './mix-openings';

/** Cache Storage as browsers keep it (insertion-ordered keys), in memory. */
class FakeCache {
	readonly entries = new Map<string, Response>();
	async match(key: string | Request) {
		const response = this.entries.get(typeof key === 'string' ? url(key) : key.url);
		return response?.clone();
	}
	async put(key: string, response: Response) {
		this.entries.set(url(key), response);
	}
	async delete(key: string | Request) {
		return this.entries.delete(typeof key === 'string' ? url(key) : key.url);
	}
	async keys() {
		return [...this.entries.keys()].map((k) => new Request(k));
	}
}
const url = (key: string) => new URL(key, 'http://localhost/').href;
class FakeStorage {
	readonly caches = new Map<string, FakeCache>();
	async open(name: string) {
		if (!this.caches.has(name)) this.caches.set(name, new FakeCache());
		return this.caches.get(name)!;
	}
	async keys() {
		return [...this.caches.keys()];
	}
	async delete(name: string) {
		return this.caches.delete(name);
	}
}

let storage: FakeStorage;
beforeEach(() => {
	storage = new FakeStorage();
	(globalThis as { caches?: unknown }).caches = storage;
});
afterEach(() => {
	delete (globalThis as { caches?: unknown }).caches;
});

const project = (seed: number) => ({ style: 'pop-rock', seed, level: 1 });
const opening = (seed: number) => ({
	info: { project: { seed, stems: [{ id: 'kick', name: 'Kick – “808”' }] } },
	wav: Uint8Array.from({ length: 1000 }, (_, i) => (i * seed) % 251).buffer
});

describe('kept Mix Lab openings', () => {
	it('reads back what was kept, byte for byte, and nothing for another project or build', async () => {
		await keepOpening({ build: 'b1', project: project(8), opening: opening(8) });
		const kept = await keptOpening({ build: 'b1', project: project(8) });
		expect(kept?.info).toEqual(opening(8).info);
		expect(new Uint8Array(kept!.wav)).toEqual(new Uint8Array(opening(8).wav));
		expect(await keptOpening({ build: 'b1', project: project(9) })).toBeNull();
		expect(await keptOpening({ build: 'b2', project: project(8) })).toBeNull();
	});

	it(`keeps the ${KEPT_OPENINGS} newest projects of the newest build only`, async () => {
		for (const seed of [1, 2, 3, 4]) {
			await keepOpening({ build: 'b1', project: project(seed), opening: opening(seed) });
		}
		expect(await keptOpening({ build: 'b1', project: project(1) })).toBeNull();
		for (const seed of [2, 3, 4])
			expect(await keptOpening({ build: 'b1', project: project(seed) })).not.toBeNull();
		// Kept again, project 2 becomes the newest: the next one drops project 3.
		await keepOpening({ build: 'b1', project: project(2), opening: opening(2) });
		await keepOpening({ build: 'b1', project: project(5), opening: opening(5) });
		expect(await keptOpening({ build: 'b1', project: project(3) })).toBeNull();
		expect(await keptOpening({ build: 'b1', project: project(2) })).not.toBeNull();
		expect((await storage.open('mftm-mix-openings-b1')).entries.size).toBe(2 * KEPT_OPENINGS);
		// A new build drops the old one's audio.
		await keepOpening({ build: 'b2', project: project(8), opening: opening(8) });
		expect(await storage.keys()).toEqual(['mftm-mix-openings-b2']);
	});

	it('reads as "not kept" without storage, with a failing storage, or with a broken entry', async () => {
		delete (globalThis as { caches?: unknown }).caches;
		await keepOpening({ build: 'b1', project: project(8), opening: opening(8) });
		expect(await keptOpening({ build: 'b1', project: project(8) })).toBeNull();
		(globalThis as { caches?: unknown }).caches = {
			open: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
			keys: () => Promise.resolve([])
		};
		await expect(
			keepOpening({ build: 'b1', project: project(8), opening: opening(8) })
		).resolves.toBeUndefined();
		expect(await keptOpening({ build: 'b1', project: project(8) })).toBeNull();
		(globalThis as { caches?: unknown }).caches = storage;
		await keepOpening({ build: 'b1', project: project(8), opening: opening(8) });
		const cache = await storage.open('mftm-mix-openings-b1');
		await cache.put('/mix-openings/pop-rock/8/1/info', new Response('{ not json'));
		expect(await keptOpening({ build: 'b1', project: project(8) })).toBeNull();
	});
});
