/** Every earlier schema, written with data, upgrades to the current one without losing anything. */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { MixDatabase } from './database';
import { readSetting } from './settings-repo';

describe('schema migrations', () => {
	it('upgrades a version 1 database (settings only) and keeps the theme', async () => {
		const name = 'migrate-v1';
		const v1 = new Dexie(name);
		v1.version(1).stores({ settings: 'key' });
		await v1.table('settings').put({ key: 'theme', value: 'light' });
		v1.close();

		const db = new MixDatabase(name);
		await db.open();
		expect(db.verno).toBe(2);
		expect(await readSetting(db, 'theme')).toBe('light');
		await db.attempts.add({
			kind: 'eq-boost',
			family: 'eq',
			sessionId: 's1',
			level: 0,
			levelValue: 12,
			seed: 1,
			source: { kind: 'pink-noise' },
			params: { bandHz: 1000 },
			answer: '1000',
			correctAnswer: '1000',
			correct: true,
			score: 1,
			responseMs: 2000,
			timestamp: Date.UTC(2026, 10, 24, 12),
			day: '2026-11-24',
			timeZone: 'UTC',
			utcOffsetMinutes: 0
		});
		expect(await db.attempts.where('[kind+day]').equals(['eq-boost', '2026-11-24']).count()).toBe(
			1
		);
		await db.delete();
	});
});
