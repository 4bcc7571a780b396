/**
 * Storage failures injected into a page's IndexedDB, failing as the browser itself fails, and reads
 * of what is stored, straight from IndexedDB.
 *
 * A full disk: Chromium's own quota (tried with the DevTools protocol's
 * `Storage.overrideQuotaForOrigin` on Chromium 156) lets every request of a read-write transaction
 * succeed, then aborts the transaction as it commits, its `error` a `QuotaExceededError`
 * DOMException with an empty message; no request fails. That override takes hold only when set
 * before the site first stores anything, and it counts every byte the site keeps (a mix session's
 * few kilobytes sit beside megabytes of cached audio), so a test cannot pick the write that fails
 * with it; the bench's track case, run once with it, showed the same message as with this wrapper.
 *
 * The wrapper fails the same way: a transaction that writes (`put`/`add`) to a store named in
 * `quota` is kept open with reads of its own until the app has issued no request for three of them
 * (its work done: where the browser would commit), then aborted with that error. `hold` keeps such
 * a transaction open for ever instead (it never commits), so a test can close the page in the middle
 * of the write; `held` counts the ones whose work is done.
 */
import type { Page } from '@playwright/test';

export interface IdbFaults {
	/** Stores whose writing transactions fail as on a full disk. */
	quota: string[];
	/** Stores whose writing transactions never commit. */
	hold: string[];
	/** Held transactions whose requests have all been made. */
	held: number;
	/** Transactions failed for a full disk. */
	failed: number;
}

/** The init script (self-contained: it runs in the page before the app). */
export function installIdbFaults(): void {
	const faults: IdbFaults = { quota: [], hold: [], held: 0, failed: 0 };
	(window as unknown as { __idbFaults: IdbFaults }).__idbFaults = faults;
	/** Requests the app has made (every request method counts, on any store). */
	let activity = 0;
	const faulty = new WeakMap<IDBTransaction, 'quota' | 'hold'>();
	const count = IDBObjectStore.prototype.count;
	const nothing = IDBKeyRange.only('\u0000idb-faults');

	const fail = (tx: IDBTransaction) => {
		const error = new DOMException('', 'QuotaExceededError');
		Object.defineProperty(tx, 'error', { configurable: true, get: () => error });
		faults.failed++;
		tx.abort();
	};

	const watch = (store: IDBObjectStore, fault: 'quota' | 'hold') => {
		const tx = store.transaction;
		faulty.set(tx, fault);
		let seen = activity;
		let idle = 0;
		const round = () => {
			try {
				idle = activity === seen ? idle + 1 : 0;
				seen = activity;
				if (idle === 3) {
					if (fault === 'quota') return fail(tx);
					faults.held++;
				}
				count.call(store, nothing).onsuccess = round;
			} catch {
				// The transaction ended another way (the page closing): nothing more to do.
			}
		};
		round();
	};

	const methods: [object, string[]][] = [
		[
			IDBObjectStore.prototype,
			[
				'put',
				'add',
				'get',
				'getAll',
				'getAllKeys',
				'getKey',
				'count',
				'delete',
				'clear',
				'openCursor',
				'openKeyCursor'
			]
		],
		[
			IDBIndex.prototype,
			['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor']
		],
		[IDBCursor.prototype, ['continue', 'advance', 'continuePrimaryKey', 'update', 'delete']]
	];
	for (const [proto, names] of methods) {
		const target = proto as Record<string, (...args: unknown[]) => unknown>;
		for (const name of names) {
			const original = target[name];
			if (typeof original !== 'function') continue;
			target[name] = function (this: unknown, ...args: unknown[]) {
				activity++;
				const result = original.apply(this, args);
				if ((name === 'put' || name === 'add') && this instanceof IDBObjectStore) {
					const fault = faults.hold.includes(this.name)
						? 'hold'
						: faults.quota.includes(this.name)
							? 'quota'
							: null;
					if (fault && !faulty.has(this.transaction)) watch(this, fault);
				}
				return result;
			};
		}
	}
	// A single write outside a transaction is committed explicitly (Dexie does): that is the moment.
	const commit = IDBTransaction.prototype.commit;
	IDBTransaction.prototype.commit = function (this: IDBTransaction) {
		const fault = faulty.get(this);
		if (fault === 'quota') return fail(this);
		if (fault === 'hold') return;
		return commit.call(this);
	};
}

/** Sets which stores fail from now on (empty lists: none). */
export async function setIdbFaults(page: Page, faults: Partial<Pick<IdbFaults, 'quota' | 'hold'>>) {
	await page.evaluate((faults) => {
		const current = (window as unknown as { __idbFaults: IdbFaults }).__idbFaults;
		Object.assign(current, { quota: [], hold: [], ...faults });
	}, faults);
}

/** How many transactions failed for a full disk so far. */
export function failedWrites(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as { __idbFaults: IdbFaults }).__idbFaults.failed);
}

/** Waits until a held transaction has made all its requests (it waits to commit, for ever). */
export async function waitForHeldWrite(page: Page) {
	await page.waitForFunction(
		() => (window as unknown as { __idbFaults: IdbFaults }).__idbFaults.held > 0
	);
}

/**
 * Every row of a store, straight from IndexedDB (a Blob reads as its size), or the one with `key`.
 * The database must exist (the app creates it).
 */
export function storedRows(page: Page, store: string, key?: string): Promise<unknown[]> {
	return page.evaluate(
		({ store, key }) =>
			new Promise<unknown[]>((resolve, reject) => {
				const open = indexedDB.open('mix-for-the-master');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const objects = db.transaction(store).objectStore(store);
					const request = key === undefined ? objects.getAll() : objects.getAll(key);
					request.onerror = () => reject(request.error);
					request.onsuccess = () => {
						db.close();
						const plain = (value: unknown): unknown =>
							value instanceof Blob
								? { blobBytes: value.size }
								: Array.isArray(value)
									? value.map(plain)
									: value && typeof value === 'object'
										? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
										: value;
						resolve(request.result.map(plain));
					};
				};
			}),
		{ store, key }
	);
}
