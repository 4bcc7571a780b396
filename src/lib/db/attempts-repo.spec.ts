import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MixDatabase } from './database';
import type { AttemptRow } from '../progress/records';
import { testAttempt, testSession } from '../progress/test-records';
import {
	readDrillState,
	recentAccuracy,
	recordAttempt,
	recordSession,
	sessionAttempts,
	setDailyGoal
} from './attempts-repo';

let db: MixDatabase;
afterEach(() => db?.delete());

const staircase = (level: number) => ({
	level,
	correctRun: 0,
	reversals: [],
	lastDirection: null,
	trials: 1
});

describe('attempts repository', () => {
	it('stores an attempt and its staircase in one transaction', async () => {
		db = new MixDatabase('attempts-1');
		await recordAttempt(db, { attempt: testAttempt(), staircase: staircase(3) });
		expect(await db.attempts.count()).toBe(1);
		expect((await readDrillState(db, 'eq-boost'))?.staircase.level).toBe(3);
	});

	it('writes neither when the staircase write fails (the transaction rolls back)', async () => {
		db = new MixDatabase('attempts-2');
		// An object is not a valid IndexedDB key, so the drillStates put fails after the attempt was added.
		const bad = { ...testAttempt(), kind: {} } as unknown as Omit<AttemptRow, 'id'>;
		await expect(recordAttempt(db, { attempt: bad, staircase: staircase(5) })).rejects.toThrow();
		expect(await db.attempts.count()).toBe(0);
		expect(await readDrillState(db, 'eq-boost')).toBeUndefined();
	});

	it('lists a session in answer order and computes recent accuracy per kind', async () => {
		db = new MixDatabase('attempts-3');
		for (let i = 0; i < 10; i++) {
			await recordAttempt(db, {
				attempt: testAttempt({
					timestamp: 10_000 - i,
					correct: i % 4 !== 0,
					sessionId: i < 5 ? 'a' : 'b'
				}),
				staircase: staircase(i)
			});
		}
		await recordAttempt(db, {
			attempt: testAttempt({ kind: 'eq-cut', correct: false }),
			staircase: staircase(0)
		});
		const a = await sessionAttempts(db, 'a');
		expect(a.map((x) => x.timestamp)).toEqual([9_996, 9_997, 9_998, 9_999, 10_000]);
		expect(await recentAccuracy(db, { kind: 'eq-boost', limit: 4 })).toEqual({
			accuracy: 0.75,
			count: 4
		});
		expect(await recentAccuracy(db, { kind: 'eq-boost' })).toEqual({ accuracy: 0.7, count: 10 });
		expect(await recentAccuracy(db, { kind: 'eq-detect' })).toEqual({ accuracy: null, count: 0 });
	});

	it('keeps day and kind-day totals (with EQ bands) in step with every answer', async () => {
		db = new MixDatabase('attempts-4');
		await recordAttempt(db, {
			attempt: testAttempt({ params: { frequencyHz: 1000, gainDb: 9 }, responseMs: 4000 }),
			staircase: staircase(1)
		});
		await recordAttempt(db, {
			attempt: testAttempt({ params: { frequencyHz: 1250, gainDb: 9 }, correct: false, level: 1 }),
			staircase: staircase(0)
		});
		await recordAttempt(db, {
			attempt: testAttempt({ params: { frequencyHz: 80, gainDb: 9 }, responseMs: 900_000 }),
			staircase: staircase(0)
		});
		expect(await db.days.get('2026-11-24')).toEqual({
			day: '2026-11-24',
			sessions: 0,
			questions: 3,
			correct: 2,
			activeMs: 4000 + 1500 + 120_000,
			lessons: 0,
			goalMet: false
		});
		const kindDay = await db.kindDays.get(['eq-boost', '2026-11-24']);
		expect(kindDay?.bands).toEqual({ '1000': [2, 1], '63': [1, 1] });
		expect(kindDay).toMatchObject({ attempts: 3, correct: 2, level: 2, levelValue: 9 });
	});

	it('counts a finished session toward the goal and says when it was the first', async () => {
		db = new MixDatabase('attempts-5');
		const session = testSession({ sessionId: 'x', questions: 10, correct: 8, activeMs: 60_000 });
		expect(await recordSession(db, session)).toBe(true);
		expect((await db.days.get('2026-11-24'))?.goalMet).toBe(true);
		expect(await recordSession(db, { ...session, sessionId: 'y' })).toBe(false);
		expect((await db.days.get('2026-11-24'))?.sessions).toBe(2);
	});

	it('judges today again when the goal changes, and leaves earlier days as they were', async () => {
		db = new MixDatabase('attempts-6');
		await setDailyGoal(db, { goal: { kind: 'questions', target: 20 }, today: '2026-11-24' });
		for (const day of ['2026-11-23', '2026-11-24']) {
			for (let i = 0; i < 5; i++) {
				await recordAttempt(db, {
					attempt: testAttempt({ day, seed: i }),
					staircase: staircase(0)
				});
			}
		}
		expect((await db.days.get('2026-11-24'))?.goalMet).toBe(false);
		// Lowering the bar to "10 minutes" does not meet it (7.5 s practised); "1 session" neither.
		await setDailyGoal(db, { goal: { kind: 'minutes', target: 10 }, today: '2026-11-24' });
		expect((await db.days.get('2026-11-24'))?.goalMet).toBe(false);
		await recordSession(db, testSession({ sessionId: 's', questions: 5, correct: 5 }));
		expect((await db.days.get('2026-11-24'))?.goalMet).toBe(false);
		await setDailyGoal(db, { goal: { kind: 'sessions', target: 1 }, today: '2026-11-24' });
		expect((await db.days.get('2026-11-24'))?.goalMet).toBe(true);
		// 23 Nov had no session: it stays unmet under any later goal.
		expect((await db.days.get('2026-11-23'))?.goalMet).toBe(false);
		// Once met, a day stays met even if the goal gets harder.
		await setDailyGoal(db, { goal: { kind: 'questions', target: 20 }, today: '2026-11-24' });
		expect((await db.days.get('2026-11-24'))?.goalMet).toBe(true);
	});

	it('loses nothing when two connections (two tabs) record at the same time', async () => {
		db = new MixDatabase('attempts-7');
		const other = new MixDatabase('attempts-7');
		await Promise.all([db.open(), other.open()]);
		const writes: Promise<number>[] = [];
		for (let i = 0; i < 50; i++) {
			writes.push(
				recordAttempt(i % 2 ? db : other, {
					attempt: testAttempt({
						seed: i,
						correct: i % 3 !== 0,
						sessionId: i % 2 ? 'tab-a' : 'tab-b'
					}),
					staircase: staircase(i % 5)
				})
			);
		}
		await Promise.all(writes);
		other.close();
		expect(await db.attempts.count()).toBe(50);
		const day = await db.days.get('2026-11-24');
		expect(day?.questions).toBe(50);
		expect(day?.correct).toBe(33);
		expect((await db.kindDays.get(['eq-boost', '2026-11-24']))?.attempts).toBe(50);
	});
});
