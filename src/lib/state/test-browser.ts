/**
 * Test support for the state specs: the browser the runes classes expect, in Node. IndexedDB comes
 * from fake-indexeddb (so Dexie and its liveQuery really run); `installBrowser` adds minimal fakes of
 * the other globals the classes touch (document, localStorage, matchMedia, navigator.storage, object
 * URLs) and `removeBrowser` takes them away again. Imported only by `*.spec.ts` files.
 */
import Dexie from 'dexie';
import 'fake-indexeddb/auto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { vi } from 'vitest';
import { getDatabase, type MixDatabase } from '../db/database';

// Dexie looks for IndexedDB once, when it loads; a spec may import Dexie (through the state class)
// before this file installed the fake, so hand the fake to Dexie directly.
Object.assign(Dexie.dependencies, { indexedDB, IDBKeyRange });

/** A file the page offered as a download (an `<a download>` that was clicked). */
export interface Download {
	name: string;
	blob: Blob;
}

/** The fake browser's controls and what the code under test did to it. */
export interface FakeBrowser {
	/** `<html>`'s data attributes (settings writes `data-theme`). */
	readonly dataset: Record<string, string>;
	/** The `content` of `<meta name="theme-color">`. */
	readonly themeColor: () => string | null;
	/** What localStorage holds. */
	readonly local: Map<string, string>;
	/** localStorage throws on every call, as in some private modes. */
	refuseLocalStorage: boolean;
	/** The answer to `(prefers-color-scheme: light)`. */
	prefersLight: boolean;
	/** navigator.storage: whether data is kept, whether `persist()` agrees, usage and quota. */
	readonly storage: { persisted: boolean; grants: boolean; usage: number; quota: number };
	/** How often `navigator.storage.persist()` was asked. */
	readonly persistRequests: () => number;
	/** Files offered as downloads, oldest first. */
	readonly downloads: Download[];
	/** Object URLs made and not yet revoked. */
	readonly liveUrls: () => number;
	/** Sets `document.visibilityState` and fires `visibilitychange`, as switching tabs does. */
	setVisibility(state: DocumentVisibilityState): void;
}

/** Installs the fake globals for one test; call `removeBrowser` after it. */
export function installBrowser(): FakeBrowser {
	const dataset: Record<string, string> = {};
	const local = new Map<string, string>();
	const meta = new Map<string, string>();
	const blobs = new Map<string, Blob>();
	let visibilityState: DocumentVisibilityState = 'visible';
	let persistRequests = 0;
	let urls = 0;
	const events = new EventTarget();

	const browser: FakeBrowser = {
		dataset,
		themeColor: () => meta.get('content') ?? null,
		local,
		refuseLocalStorage: false,
		prefersLight: false,
		storage: { persisted: false, grants: true, usage: 1_000, quota: 1_000_000 },
		persistRequests: () => persistRequests,
		downloads: [],
		liveUrls: () => blobs.size,
		setVisibility(state) {
			visibilityState = state;
			events.dispatchEvent(new Event('visibilitychange'));
		}
	};

	const storageCall = <T>(action: () => T): T => {
		if (browser.refuseLocalStorage) throw new DOMException('refused', 'SecurityError');
		return action();
	};
	vi.stubGlobal('localStorage', {
		get length() {
			return storageCall(() => local.size);
		},
		key: (index: number) => storageCall(() => [...local.keys()][index] ?? null),
		getItem: (key: string) => storageCall(() => local.get(key) ?? null),
		setItem: (key: string, value: string) => storageCall(() => void local.set(key, String(value))),
		removeItem: (key: string) => storageCall(() => void local.delete(key))
	});
	vi.stubGlobal('matchMedia', (query: string) => ({
		media: query,
		matches: query.includes('light') ? browser.prefersLight : !browser.prefersLight
	}));
	vi.stubGlobal('navigator', {
		storage: {
			persisted: async () => browser.storage.persisted,
			persist: async () => {
				persistRequests++;
				browser.storage.persisted ||= browser.storage.grants;
				return browser.storage.persisted;
			},
			estimate: async () => ({ usage: browser.storage.usage, quota: browser.storage.quota })
		}
	});
	vi.stubGlobal('document', {
		get visibilityState() {
			return visibilityState;
		},
		addEventListener: events.addEventListener.bind(events),
		removeEventListener: events.removeEventListener.bind(events),
		documentElement: { dataset },
		querySelector: (selector: string) =>
			selector === 'meta[name="theme-color"]'
				? {
						getAttribute: (name: string) => meta.get(name) ?? null,
						setAttribute: (name: string, value: string) => meta.set(name, value)
					}
				: null,
		createElement: (tag: string) => {
			if (tag !== 'a') throw new Error(`the fake document makes only <a>, not <${tag}>`);
			const link = {
				href: '',
				download: '',
				click: () => {
					const blob = blobs.get(link.href);
					if (blob) browser.downloads.push({ name: link.download, blob });
				}
			};
			return link;
		}
	});
	urlSpies.push(
		vi.spyOn(URL, 'createObjectURL').mockImplementation((data: Blob | MediaSource) => {
			const url = `blob:fake/${++urls}`;
			blobs.set(url, data as Blob);
			return url;
		}),
		vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url: string) => void blobs.delete(url))
	);
	return browser;
}

const urlSpies: { mockRestore(): void }[] = [];

/** Removes what `installBrowser` installed. */
export function removeBrowser(): void {
	vi.unstubAllGlobals();
	for (const spy of urlSpies.splice(0)) spy.mockRestore();
}

/**
 * Deletes the page's database, so the next test starts empty. The connection stays usable: the
 * next `getDatabase()` call opens a fresh, empty database on the same object.
 */
export async function resetDatabase(db: MixDatabase = getDatabase()): Promise<void> {
	await db.delete({ disableAutoOpen: false });
}

/**
 * Makes every read and write of `db` fail, as a browser that blocks storage does, until `restore`
 * is called: Dexie's, and the Dexie-free reads of db/peek.ts, which open IndexedDB themselves.
 */
export function breakDatabase(db: MixDatabase = getDatabase()): { restore(): Promise<void> } {
	db.close({ disableAutoOpen: true });
	const open = vi.spyOn(indexedDB, 'open').mockImplementation(() => {
		throw new DOMException('The user denied permission to access the database.', 'SecurityError');
	});
	return {
		restore: async () => {
			open.mockRestore();
			await db.open();
		}
	};
}
