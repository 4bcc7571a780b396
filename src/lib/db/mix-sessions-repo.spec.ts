import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flatMix } from '../mix/mixer';
import { DEFAULT_MASTER } from '../mix/master-defaults';
import type { MixCheckSummary, MixSessionRow } from '../mix/session-record';
import { setDailyGoal } from './attempts-repo';
import { MixDatabase } from './database';
import {
	MixSessionConflictError,
	allMixSessions,
	latestMixSession,
	readMixSession,
	saveMixSession
} from './mix-sessions-repo';
import { isQuotaError } from './storage-errors';

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
		let revision = await saveMixSession(db, session());
		const first = session({ checks: [check(2_000)], updatedAt: 2_000 });
		revision = await saveMixSession(db, { ...first, revision });
		// The default goal (1 session a day): one check meets it.
		expect(await db.days.get(DAY)).toMatchObject({ mixChecks: 1, sessions: 0, goalMet: true });
		// A save for a fader move keeps the same checks: nothing more counts.
		revision = await saveMixSession(db, { ...first, updatedAt: 3_000, revision });
		expect((await db.days.get(DAY))?.mixChecks).toBe(1);
		await saveMixSession(db, {
			...session({ checks: [check(2_000), check(4_000), check(90_000_000, '2026-12-08')] }),
			revision
		});
		expect((await db.days.get(DAY))?.mixChecks).toBe(2);
		expect(await db.days.get('2026-12-08')).toMatchObject({ mixChecks: 1, goalMet: true });
		expect((await db.mixSessions.get('m1'))?.checks).toHaveLength(3);
	});

	it('judges the day by the stored goal', async () => {
		db = new MixDatabase('mix-sessions-3');
		await setDailyGoal(db, { goal: { kind: 'questions', target: 20 }, today: DAY });
		const revision = await saveMixSession(
			db,
			session({ checks: [1, 2, 3].map((at) => check(at)) })
		);
		// Three checks are worth 15 answers: short of 20.
		expect(await db.days.get(DAY)).toMatchObject({ mixChecks: 3, goalMet: false });
		await saveMixSession(db, session({ checks: [1, 2, 3, 4].map((at) => check(at)), revision }));
		expect(await db.days.get(DAY)).toMatchObject({ mixChecks: 4, goalMet: true });
	});

	it('counts revisions from 1, and reads rows stored before revisions as revision 0', async () => {
		db = new MixDatabase('mix-sessions-4');
		expect(await saveMixSession(db, session())).toBe(1);
		expect(await saveMixSession(db, session({ revision: 1 }))).toBe(2);
		expect((await readMixSession(db, 'm1'))?.revision).toBe(2);
		// A row an older build stored, without a revision.
		await db.mixSessions.put(session({ id: 'old' }));
		expect(await saveMixSession(db, session({ id: 'old' }))).toBe(1);
	});
});

describe('two tabs on one mix session', () => {
	it('refuses a save over a newer revision, writing nothing, and hands back the stored row', async () => {
		db = new MixDatabase('mix-sessions-5');
		const opened = await saveMixSession(db, session());
		// Both tabs read revision 1; tab A saves a change and a check first.
		const tabA = session({
			revision: opened,
			settings: { ...flatMix(), bus: { tiltDb: 1, squashDb: 0 } },
			checks: [check(2_000)],
			updatedAt: 2_000
		});
		expect(await saveMixSession(db, tabA)).toBe(2);
		// Tab B, behind, saves its own change over revision 1: refused.
		const tabB = session({ revision: opened, updatedAt: 3_000, checks: [check(3_000)] });
		const refused = await saveMixSession(db, tabB).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(MixSessionConflictError);
		expect((refused as Error).message).toBe('This mix session was changed in another tab.');
		expect((refused as MixSessionConflictError).stored).toMatchObject({
			revision: 2,
			updatedAt: 2_000
		});
		// Tab A's work is intact, and B's check did not count.
		expect(await readMixSession(db, 'm1')).toMatchObject({
			revision: 2,
			settings: { bus: { tiltDb: 1 } },
			checks: [{ at: 2_000 }]
		});
		expect((await db.days.get(DAY))?.mixChecks).toBe(1);
		// Reloaded at revision 2, tab B saves again.
		expect(await saveMixSession(db, { ...tabB, revision: 2 })).toBe(3);
	});

	it('refuses to bring back a session another tab deleted', async () => {
		db = new MixDatabase('mix-sessions-6');
		const revision = await saveMixSession(db, session());
		await db.mixSessions.delete('m1');
		const refused = await saveMixSession(db, session({ revision })).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(MixSessionConflictError);
		expect((refused as MixSessionConflictError).stored).toBeUndefined();
		expect(await db.mixSessions.count()).toBe(0);
	});
});

describe('a full disk while saving', () => {
	it('keeps the stored session and its day as they were: the row and the count are one write', async () => {
		db = new MixDatabase('mix-sessions-7');
		const revision = await saveMixSession(db, session({ checks: [check(1_000)] }));
		// The day's total is the last write of the transaction; the disk is full by then.
		vi.spyOn(db.days, 'put').mockRejectedValueOnce(
			new Dexie.AbortError('aborted', new DOMException('', 'QuotaExceededError'))
		);
		const saving = saveMixSession(db, session({ revision, checks: [check(1_000), check(2_000)] }));
		await expect(saving).rejects.toSatisfy(isQuotaError);
		vi.restoreAllMocks();
		expect(await readMixSession(db, 'm1')).toMatchObject({ revision: 1, checks: [{ at: 1_000 }] });
		expect((await db.days.get(DAY))?.mixChecks).toBe(1);
		// With space again, the same save goes through and counts the new check once.
		expect(
			await saveMixSession(db, session({ revision, checks: [check(1_000), check(2_000)] }))
		).toBe(2);
		expect((await db.days.get(DAY))?.mixChecks).toBe(2);
	});
});
