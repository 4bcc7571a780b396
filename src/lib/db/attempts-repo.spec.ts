import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MixDatabase, type AttemptRow } from './database';
import { readDrillState, recentAccuracy, recordAttempt, sessionAttempts } from './attempts-repo';

let db: MixDatabase;
afterEach(() => db?.delete());

const attempt = (overrides: Partial<AttemptRow>): Omit<AttemptRow, 'id'> => ({
	kind: 'eq-boost',
	family: 'eq',
	sessionId: 's1',
	level: 2,
	levelValue: 9,
	seed: 1,
	source: { kind: 'pink-noise' },
	params: { bandHz: 1000, gainDb: 9 },
	answer: '1000',
	correctAnswer: '1000',
	correct: true,
	score: 1,
	responseMs: 1500,
	timestamp: 1_000,
	day: '2026-11-24',
	timeZone: 'UTC',
	utcOffsetMinutes: 0,
	...overrides
});
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
		await recordAttempt(db, { attempt: attempt({}), staircase: staircase(3) });
		expect(await db.attempts.count()).toBe(1);
		expect((await readDrillState(db, 'eq-boost'))?.staircase.level).toBe(3);
	});

	it('writes neither when the staircase write fails (the transaction rolls back)', async () => {
		db = new MixDatabase('attempts-2');
		// An object is not a valid IndexedDB key, so the drillStates put fails after the attempt was added.
		const bad = { ...attempt({}), kind: {} } as unknown as Omit<AttemptRow, 'id'>;
		await expect(recordAttempt(db, { attempt: bad, staircase: staircase(5) })).rejects.toThrow();
		expect(await db.attempts.count()).toBe(0);
		expect(await readDrillState(db, 'eq-boost')).toBeUndefined();
	});

	it('lists a session in answer order and computes recent accuracy per kind', async () => {
		db = new MixDatabase('attempts-3');
		for (let i = 0; i < 10; i++) {
			await recordAttempt(db, {
				attempt: attempt({
					timestamp: 10_000 - i,
					correct: i % 4 !== 0,
					sessionId: i < 5 ? 'a' : 'b'
				}),
				staircase: staircase(i)
			});
		}
		await recordAttempt(db, {
			attempt: attempt({ kind: 'eq-cut', correct: false }),
			staircase: staircase(0)
		});
		const a = await sessionAttempts(db, 'a');
		expect(a.map((x) => x.timestamp)).toEqual([9_996, 9_997, 9_998, 9_999, 10_000]);
		expect(await recentAccuracy(db, 'eq-boost', 4)).toEqual({ accuracy: 0.75, count: 4 });
		expect(await recentAccuracy(db, 'eq-boost')).toEqual({ accuracy: 0.7, count: 10 });
		expect(await recentAccuracy(db, 'eq-detect')).toEqual({ accuracy: null, count: 0 });
	});
});
