/**
 * Every earlier schema, written with data, upgrades to the current one without losing anything.
 * Each test builds the old database with the old schema definition (copied here on purpose: the
 * app's class only knows the newest), fills it, then opens it with the app's MixDatabase.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { recordAttempt, recordSession } from './attempts-repo';
import { MixDatabase } from './database';
import type { AttemptRow } from '../progress/records';
import { testAttempt } from '../progress/test-records';
import { readSetting } from './settings-repo';
import { latestMixSession, saveMixSession } from './mix-sessions-repo';
import { flatMix } from '../mix/mixer';
import { DEFAULT_MASTER } from '../mix/master-defaults';

const V2_STORES = {
	settings: 'key',
	attempts: '++id, kind, day, timestamp, sessionId, [kind+day], [kind+timestamp]',
	drillStates: 'kind'
};

/** The version 3 schema, as it shipped. */
const V3_STORES = {
	settings: 'key',
	attempts: '++id, kind, sessionId, [kind+timestamp]',
	drillStates: 'kind',
	sessions: 'sessionId, day, endedAt',
	days: 'day',
	kindDays: '[kind+day], kind, day',
	lessons: 'slug, completedDay',
	reviews: 'id, due, slug',
	tracks: 'id, addedAt'
};

const staircase = {
	level: 2,
	correctRun: 1,
	reversals: [3, 1],
	lastDirection: 'easier',
	trials: 40
};

let db: MixDatabase | undefined;
afterEach(async () => {
	await db?.delete();
	db = undefined;
});

describe('schema migrations', () => {
	it('upgrades a version 1 database (settings only) and keeps the theme', async () => {
		const name = 'migrate-v1';
		const v1 = new Dexie(name);
		v1.version(1).stores({ settings: 'key' });
		await v1.table('settings').put({ key: 'theme', value: 'light' });
		await v1.table('settings').put({ key: 'sessionLength', value: 20 });
		v1.close();

		db = new MixDatabase(name);
		await db.open();
		expect(db.verno).toBe(4);
		expect(await readSetting(db, 'theme')).toBe('light');
		expect(await readSetting(db, 'sessionLength')).toBe(20);
		expect(await db.days.count()).toBe(0);
		expect(await db.tracks.count()).toBe(0);
		// The new tables work at once.
		await recordAttempt(db, {
			attempt: testAttempt(),
			staircase: { ...staircase, lastDirection: null }
		});
		expect(await db.attempts.where('kind').equals('eq-boost').count()).toBe(1);
		expect((await db.days.get('2026-11-24'))?.questions).toBe(1);
	});

	it('upgrades a version 2 database: keeps every attempt and staircase, derives sessions and day totals', async () => {
		const name = 'migrate-v2';
		const v2 = new Dexie(name);
		v2.version(1).stores({ settings: 'key' });
		v2.version(2).stores(V2_STORES);
		await v2.table('settings').put({ key: 'theme', value: 'dark' });
		// Session a: 10 answers on 23 Nov (Paris), 7 right. Session b: 3 answers on 24 Nov (not
		// finished). Session c: a daily mix of 5 on 24 Nov across two kinds, one answer left open
		// for 10 minutes (capped at 2).
		const rows: Omit<AttemptRow, 'id'>[] = [];
		for (let i = 0; i < 10; i++) {
			rows.push(
				testAttempt({
					sessionId: 'a',
					seed: i,
					correct: i < 7,
					params: { frequencyHz: i % 2 ? 125 : 4000, gainDb: 12 },
					timestamp: Date.UTC(2026, 10, 23, 20, i),
					day: '2026-11-23',
					timeZone: 'Europe/Paris',
					utcOffsetMinutes: 60
				})
			);
		}
		for (let i = 0; i < 3; i++) {
			rows.push(
				testAttempt({
					sessionId: 'b',
					seed: 100 + i,
					responseMs: 2000,
					timestamp: Date.UTC(2026, 10, 24, 8, i)
				})
			);
		}
		for (let i = 0; i < 5; i++) {
			rows.push(
				testAttempt({
					sessionId: 'c',
					kind: i < 2 ? 'limiter' : 'eq-cut',
					family: i < 2 ? 'dynamics' : 'eq',
					seed: 200 + i,
					responseMs: i === 0 ? 600_000 : 3000,
					params: i < 2 ? { grDb: 6 } : { frequencyHz: 250, gainDb: -9 },
					timestamp: Date.UTC(2026, 10, 24, 9, i)
				})
			);
		}
		await v2.table('attempts').bulkAdd(rows);
		await v2.table('drillStates').put({ kind: 'eq-boost', staircase, updatedAt: 5 });
		v2.close();

		db = new MixDatabase(name);
		await db.open();
		expect(db.verno).toBe(4);
		expect(await readSetting(db, 'theme')).toBe('dark');
		expect(await db.attempts.count()).toBe(18);
		const stored = (await db.attempts.toArray()).sort((x, y) => x.timestamp - y.timestamp);
		expect(stored.map(({ id: _id, ...rest }) => rest)).toEqual(
			[...rows].sort((x, y) => x.timestamp - y.timestamp)
		);
		expect((await db.drillStates.get('eq-boost'))?.staircase).toEqual(staircase);

		const sessions = await db.sessions.orderBy('endedAt').toArray();
		expect(sessions.map((s) => [s.sessionId, s.mode, s.day, s.questions, s.correct])).toEqual([
			['a', 'drill', '2026-11-23', 10, 7],
			['c', 'daily', '2026-11-24', 5, 5]
		]);
		expect(sessions[1].activeMs).toBe(120_000 + 4 * 3000);

		const nov23 = await db.days.get('2026-11-23');
		const nov24 = await db.days.get('2026-11-24');
		expect(nov23).toMatchObject({ sessions: 1, questions: 10, correct: 7, goalMet: true });
		expect(nov24).toMatchObject({ sessions: 1, questions: 8, correct: 8, goalMet: true });
		expect(nov24?.activeMs).toBe(3 * 2000 + 120_000 + 4 * 3000);

		const eqBoost23 = await db.kindDays.get(['eq-boost', '2026-11-23']);
		expect(eqBoost23?.bands).toEqual({ '125': [5, 3], '4000': [5, 4] });
		expect(await db.kindDays.get(['limiter', '2026-11-24'])).toMatchObject({
			attempts: 2,
			correct: 2,
			bands: {}
		});

		// Writing after the upgrade adds to the derived totals.
		await recordSession(db, { ...sessions[1], sessionId: 'd' });
		expect((await db.days.get('2026-11-24'))?.sessions).toBe(2);
	});

	it('upgrades a version 3 database: keeps every table and adds Mix Lab sessions', async () => {
		const name = 'migrate-v3';
		const v3 = new Dexie(name);
		v3.version(3).stores(V3_STORES);
		const attempt = testAttempt();
		await v3.table('settings').put({ key: 'theme', value: 'light' });
		await v3.table('attempts').add({ ...attempt });
		await v3.table('drillStates').put({ kind: 'eq-boost', staircase, updatedAt: 5 });
		await v3.table('days').put({
			day: '2026-11-24',
			sessions: 1,
			questions: 1,
			correct: 1,
			activeMs: 3000,
			lessons: 1,
			goalMet: true
		});
		await v3.table('lessons').put({ slug: 'no-magic-in-mastering', completedDay: '2026-11-24' });
		await v3.table('tracks').put({ id: 't1', name: 'My mix', addedAt: 1, bytes: 4 });
		v3.close();

		db = new MixDatabase(name);
		await db.open();
		expect(db.verno).toBe(4);
		expect(await readSetting(db, 'theme')).toBe('light');
		expect((await db.attempts.toArray()).map(({ id: _id, ...rest }) => rest)).toEqual([attempt]);
		expect((await db.drillStates.get('eq-boost'))?.staircase).toEqual(staircase);
		expect((await db.days.get('2026-11-24'))?.goalMet).toBe(true);
		expect((await db.lessons.get('no-magic-in-mastering'))?.completedDay).toBe('2026-11-24');
		expect((await db.tracks.get('t1'))?.name).toBe('My mix');
		expect(await db.mixSessions.count()).toBe(0);

		// The new table works at once, and the latest session is the last one changed.
		const session = {
			id: 'm1',
			style: 'ballad' as const,
			seed: 3,
			level: 2,
			startedAt: 10,
			updatedAt: 20,
			day: '2026-11-25',
			settings: flatMix(),
			master: DEFAULT_MASTER,
			checks: []
		};
		await saveMixSession(db, session);
		await saveMixSession(db, { ...session, id: 'm2', updatedAt: 15 });
		expect((await latestMixSession(db))?.id).toBe('m1');
	});
});
