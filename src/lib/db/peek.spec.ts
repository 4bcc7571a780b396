import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDatabase, MixDatabase } from './database';
import { emptyDay } from '../progress/aggregate';
import { peek } from './peek';
import { DB_NAME, SCHEMA_VERSION, nativeVersion } from './schema-version';
import { peekSettings } from './settings-repo';
import { defaultSettings } from '../settings/settings';
import { testAttempt } from '../progress/test-records';

const exists = async () => (await indexedDB.databases()).some((d) => d.name === DB_NAME);
const readDays = () => peek({ stores: ['days'], read: (snapshot) => snapshot.getAll('days') });

let db: Dexie | undefined;
afterEach(async () => {
	vi.restoreAllMocks();
	db?.close();
	db = undefined;
	// An upgrade opens the page's shared connection (getDatabase).
	getDatabase().close();
	await Dexie.delete(DB_NAME);
});

describe('peek', () => {
	it('reads a device with no database as empty, and does not create one', async () => {
		expect(await readDays()).toEqual([]);
		expect(
			await peek({ stores: ['settings'], read: (snapshot) => snapshot.get('settings', 'theme') })
		).toBeUndefined();
		expect(await exists()).toBe(false);
		expect(await peekSettings()).toEqual(defaultSettings);
	});

	it('reads the rows Dexie stored, as Dexie reads them', async () => {
		const app = (db = new MixDatabase());
		await app.settings.bulkPut([
			{ key: 'theme', value: 'light' },
			{ key: 'volume', value: 250 }
		]);
		await app.days.bulkPut([emptyDay('2026-03-01'), { ...emptyDay('2026-03-02'), questions: 4 }]);
		expect(await readDays()).toEqual(await app.days.toArray());
		// Invalid values read as the default, as readSetting has them.
		expect(await peekSettings()).toEqual({ ...defaultSettings, theme: 'light' });
	});

	it('closes its connection, so Dexie can upgrade or delete the database meanwhile', async () => {
		const app = (db = new MixDatabase());
		await app.days.put(emptyDay('2026-03-01'));
		app.close();
		await readDays();
		await Promise.race([
			Dexie.delete(DB_NAME),
			new Promise((_, reject) => setTimeout(() => reject(new Error('delete blocked')), 1_000))
		]);
		expect(await exists()).toBe(false);
	});

	it('lets Dexie upgrade a database older than the schema, then reads it', async () => {
		// Version 2 held attempts only; version 3 derives the per-day totals from them.
		const old = new Dexie(DB_NAME);
		old.version(2).stores({
			settings: 'key',
			attempts: '++id, kind, day, timestamp, sessionId, [kind+day], [kind+timestamp]',
			drillStates: 'kind'
		});
		await old.table('attempts').add(testAttempt({ day: '2026-03-01' }));
		old.close();

		const days = await readDays();
		expect(days.map((d) => [d.day, d.questions])).toEqual([['2026-03-01', 1]]);
		const upgraded = (db = new Dexie(DB_NAME));
		await upgraded.open();
		expect(upgraded.verno).toBe(SCHEMA_VERSION);
	});

	it('rejects a failed read alone, and the snapshot’s other reads still answer', async () => {
		const app = (db = new MixDatabase());
		await app.days.put(emptyDay('2026-03-01'));
		const get = IDBObjectStore.prototype.get;
		vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (
			this: IDBObjectStore,
			key: IDBValidKey | IDBKeyRange
		) {
			if (this.name === 'settings') throw new DOMException('unreadable', 'DataError');
			return get.call(this, key);
		});
		const [goal, days] = await peek({
			stores: ['settings', 'days'],
			read: (snapshot) =>
				Promise.all([
					snapshot.get('settings', 'dailyGoal').catch((error: Error) => error.name),
					snapshot.getAll('days')
				])
		});
		expect(goal).toBe('DataError');
		expect(days).toHaveLength(1);
	});

	it('rejects when IndexedDB refuses to open', async () => {
		vi.spyOn(indexedDB, 'open').mockImplementation(() => {
			throw new DOMException('blocked', 'SecurityError');
		});
		await expect(readDays()).rejects.toMatchObject({ name: 'SecurityError' });
	});
});

describe('schema version', () => {
	it('is the newest version database.ts declares, at the native version Dexie opens', async () => {
		const app = (db = new MixDatabase());
		expect(app.verno).toBe(SCHEMA_VERSION);
		await app.open();
		expect(app.backendDB().version).toBeGreaterThanOrEqual(nativeVersion(SCHEMA_VERSION));
		expect(app.backendDB().version).toBeLessThan(nativeVersion(SCHEMA_VERSION + 1));
	});
});
