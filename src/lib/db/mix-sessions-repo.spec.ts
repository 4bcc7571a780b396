import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { flatMix } from '../mix/mixer';
import { DEFAULT_MASTER } from '../mix/master-defaults';
import type { MixCheckSummary, MixSessionRow } from '../mix/session-record';
import { setDailyGoal } from './attempts-repo';
import { MixDatabase } from './database';
import { allMixSessions, latestMixSession, saveMixSession } from './mix-sessions-repo';

let db: MixDatabase;
afterEach(() => db?.delete());

const DAY = '2026-12-07';

const session = (overrides: Partial<MixSessionRow> = {}): MixSessionRow => ({
	id: 'm1',
	style: 'pop-rock',
	seed: 7,
	level: 1,
	startedAt: 1_000,
	updatedAt: 1_000,
	day: DAY,
	settings: flatMix(),
	master: DEFAULT_MASTER,
	checks: [],
	...overrides
});

const check = (at: number, day = DAY): MixCheckSummary => ({
	at,
	day,
	passed: 18,
	total: 20,
	failed: ['rumble', 'true-peak'],
	problems: [{ kind: 'rumble', pass: false }]
});

describe('saveMixSession', () => {
	it('stores a session and reads back the latest and all, newest first', async () => {
		db = new MixDatabase('mix-sessions-1');
		await saveMixSession(db, session({ id: 'a', updatedAt: 5 }));
		await saveMixSession(db, session({ id: 'b', updatedAt: 9 }));
		expect((await latestMixSession(db))?.id).toBe('b');
		expect((await allMixSessions(db)).map((s) => s.id)).toEqual(['b', 'a']);
		// No check yet: no day of practice.
		expect(await db.days.count()).toBe(0);
	});

	it('counts each new check toward its day once, however often the session is saved', async () => {
		db = new MixDatabase('mix-sessions-2');
		await saveMixSession(db, session());
		const first = session({ checks: [check(2_000)], updatedAt: 2_000 });
		await saveMixSession(db, first);
		// The default goal (1 session a day): one check meets it.
		expect(await db.days.get(DAY)).toMatchObject({ mixChecks: 1, sessions: 0, goalMet: true });
		// A save for a fader move keeps the same checks: nothing more counts.
		await saveMixSession(db, { ...first, updatedAt: 3_000 });
		expect((await db.days.get(DAY))?.mixChecks).toBe(1);
		await saveMixSession(
			db,
			session({ checks: [check(2_000), check(4_000), check(90_000_000, '2026-12-08')] })
		);
		expect((await db.days.get(DAY))?.mixChecks).toBe(2);
		expect(await db.days.get('2026-12-08')).toMatchObject({ mixChecks: 1, goalMet: true });
		expect((await db.mixSessions.get('m1'))?.checks).toHaveLength(3);
	});

	it('judges the day by the stored goal', async () => {
		db = new MixDatabase('mix-sessions-3');
		await setDailyGoal(db, { goal: { kind: 'questions', target: 20 }, today: DAY });
		await saveMixSession(db, session({ checks: [1, 2, 3].map((at) => check(at)) }));
		// Three checks are worth 15 answers: short of 20.
		expect(await db.days.get(DAY)).toMatchObject({ mixChecks: 3, goalMet: false });
		await saveMixSession(db, session({ checks: [1, 2, 3, 4].map((at) => check(at)) }));
		expect(await db.days.get(DAY)).toMatchObject({ mixChecks: 4, goalMet: true });
	});
});
