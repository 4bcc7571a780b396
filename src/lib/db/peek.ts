/**
 * Read-only snapshots of the on-device database on the plain IndexedDB API, without Dexie.
 *
 * Why: a first visit to `/` reads a few rows (the settings in the root layout; the goal, the days
 * and the lessons on Today), and Dexie was 29 KiB gzip of the 79 KiB that visit loaded. Dexie
 * (database.ts) still owns the schema and every write; this file never creates a database or
 * changes its schema. A device with no database yet reads as empty (and gets none); a database
 * older than SCHEMA_VERSION is opened once through Dexie, which upgrades it, and then read.
 *
 * Dexie keeps each table in an object store of the same name, holding the rows as they were put,
 * so `get` and `getAll` here return what Dexie's `get` and `toArray` return.
 */
import type { LessonRow, DayRow } from '../progress/records';
import type { SettingRow } from './database';
import { DB_NAME, SCHEMA_VERSION, nativeVersion } from './schema-version';

/** The tables a snapshot may read, with their rows. */
interface Rows {
	settings: SettingRow;
	days: DayRow;
	lessons: LessonRow;
}
type StoreName = keyof Rows;

/** The reads of one snapshot. A failed read rejects its own promise and leaves the others alone. */
export interface Snapshot {
	get<S extends StoreName>(store: S, key: IDBValidKey): Promise<Rows[S] | undefined>;
	getAll<S extends StoreName>(store: S): Promise<Rows[S][]>;
}

/** What a device with no database reads: nothing at all. */
const emptySnapshot: Snapshot = {
	get: async () => undefined,
	getAll: async () => []
};

/**
 * Runs `read` over one read-only transaction of `stores`. `read` must make its requests before it
 * awaits anything (one `Promise.all`): the transaction commits once none are pending.
 */
export async function peek<T>({
	stores,
	read
}: {
	stores: StoreName[];
	read: (snapshot: Snapshot) => Promise<T>;
}): Promise<T> {
	let db = await openExisting();
	if (db && !isCurrent(db, stores)) {
		db.close();
		// The first visit after an update that changed the schema: Dexie upgrades the database.
		const { getDatabase } = await import('./database');
		await getDatabase().open();
		db = await openExisting();
		if (db && !isCurrent(db, stores)) {
			db.close();
			throw new Error(`The database is not at schema version ${SCHEMA_VERSION} after opening it.`);
		}
	}
	if (!db) return read(emptySnapshot);
	const transaction = db.transaction(stores, 'readonly');
	// Closes once the transaction is done; nothing else uses this connection, and an open one would
	// hold up another tab's upgrade or a reset.
	db.close();
	return read({
		get: (store, key) => settle(() => transaction.objectStore(store).get(key)),
		getAll: (store) => settle(() => transaction.objectStore(store).getAll())
	});
}

function isCurrent(db: IDBDatabase, stores: StoreName[]): boolean {
	return (
		db.version >= nativeVersion(SCHEMA_VERSION) &&
		stores.every((store) => db.objectStoreNames.contains(store))
	);
}

/** Opens the database at whatever version it has, or resolves null when there is none. */
function openExisting(): Promise<IDBDatabase | null> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(DB_NAME);
		let absent = false;
		request.onupgradeneeded = () => {
			// Only a database that does not exist yet upgrades on an open without a version. Aborting
			// leaves none behind: creating it, with its schema, is Dexie's job.
			absent = true;
			request.transaction?.abort();
		};
		request.onsuccess = () => {
			const db = request.result;
			db.onversionchange = () => db.close();
			resolve(db);
		};
		request.onerror = (event) => {
			if (!absent) return reject(request.error);
			event.preventDefault();
			resolve(null);
		};
	});
}

/** One request's result. A failure, thrown or reported, rejects without aborting the transaction. */
function settle<T>(send: () => IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		const request = send();
		request.onsuccess = () => resolve(request.result);
		request.onerror = (event) => {
			event.preventDefault();
			reject(request.error);
		};
	});
}
