import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readStorageState, requestPersistence } from './storage';
import { installBrowser, removeBrowser, type FakeBrowser } from './test-browser';

let browser: FakeBrowser;

beforeEach(() => {
	browser = installBrowser();
});

afterEach(() => {
	removeBrowser();
});

describe('requestPersistence', () => {
	it('asks the browser to keep the data, and returns its answer', async () => {
		expect(await requestPersistence()).toBe(true);
		expect(browser.persistRequests()).toBe(1);

		browser.storage.persisted = false;
		browser.storage.grants = false;
		expect(await requestPersistence()).toBe(false);
	});

	it('does not ask again once the data is kept', async () => {
		browser.storage.persisted = true;
		expect(await requestPersistence()).toBe(true);
		expect(browser.persistRequests()).toBe(0);
	});

	it('answers null when the browser cannot say or refuses to be asked', async () => {
		vi.stubGlobal('navigator', {});
		expect(await requestPersistence()).toBeNull();
		vi.stubGlobal('navigator', {
			storage: {
				persisted: () => Promise.reject(new DOMException('no', 'SecurityError')),
				persist: () => Promise.resolve(true)
			}
		});
		expect(await requestPersistence()).toBeNull();
	});
});

describe('readStorageState', () => {
	it('reads persistence, usage and quota', async () => {
		browser.storage.persisted = true;
		browser.storage.usage = 1_234;
		browser.storage.quota = 5_678;
		expect(await readStorageState()).toEqual({ persisted: true, usage: 1_234, quota: 5_678 });
	});

	it('leaves unknown what the browser does not report', async () => {
		vi.stubGlobal('navigator', {});
		expect(await readStorageState()).toEqual({ persisted: null, usage: null, quota: null });
		vi.stubGlobal('navigator', {
			storage: { persisted: async () => false, estimate: async () => ({}) }
		});
		expect(await readStorageState()).toEqual({ persisted: false, usage: null, quota: null });
	});

	it('keeps what it read before the browser refused', async () => {
		vi.stubGlobal('navigator', {
			storage: {
				persisted: async () => true,
				estimate: () => Promise.reject(new DOMException('no', 'SecurityError'))
			}
		});
		expect(await readStorageState()).toEqual({ persisted: true, usage: null, quota: null });
	});
});
