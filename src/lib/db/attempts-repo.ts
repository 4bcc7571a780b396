/** Drill attempts and staircases. An answer and the staircase it moves are written in one transaction. */
import Dexie from 'dexie';
import type { DrillKindId } from '../drills/types';
import type { StaircaseState } from '../drills/staircase';
import {
	addAttemptToDay,
	addAttemptToKindDay,
	addSessionToDay,
	rejudgeDay
} from '../progress/aggregate';
import type { DailyGoal } from '../progress/streak';
import type { MixDatabase } from './database';
import type { AttemptRow, DrillStateRow, SessionRow } from '../progress/records';
import { readSetting, writeSetting } from './settings-repo';

/**
 * Stores an attempt, the drill's new staircase and the day's totals together (one transaction, so
 * two tabs answering at once both count); returns the attempt's id.
 */
export async function recordAttempt(
	db: MixDatabase,
	{ attempt, staircase }: { attempt: Omit<AttemptRow, 'id'>; staircase: StaircaseState }
): Promise<number> {
	return db.transaction(
		'rw',
		[db.attempts, db.drillStates, db.days, db.kindDays, db.settings],
		async () => {
			// Two round trips: every read (and the add) at once, then every write at once.
			const [id, day, kindDay, goal] = await Promise.all([
				db.attempts.add(attempt),
				db.days.get(attempt.day),
				db.kindDays.get([attempt.kind, attempt.day]),
				readSetting(db, 'dailyGoal')
			]);
			await Promise.all([
				db.drillStates.put({ kind: attempt.kind, staircase, updatedAt: attempt.timestamp }),
				db.days.put(addAttemptToDay({ row: day, attempt, goal })),
				db.kindDays.put(addAttemptToKindDay(kindDay, attempt))
			]);
			return id as number;
		}
	);
}

/**
 * Stores a finished session and counts it toward its day. Returns true when it is the learner's
 * first finished session (the moment to ask the browser to keep storage).
 */
export async function recordSession(db: MixDatabase, session: SessionRow): Promise<boolean> {
	return db.transaction('rw', [db.sessions, db.days, db.settings], async () => {
		const goal = await readSetting(db, 'dailyGoal');
		const before = await db.sessions.count();
		await db.sessions.put(session);
		await db.days.put(addSessionToDay({ row: await db.days.get(session.day), session, goal }));
		return before === 0;
	});
}

/** Changes the daily goal and re-judges today under it (earlier days keep their verdict). */
export async function setDailyGoal(
	db: MixDatabase,
	{ goal, today }: { goal: DailyGoal; today: string }
): Promise<void> {
	await db.transaction('rw', [db.settings, db.days], async () => {
		await writeSetting(db, { key: 'dailyGoal', value: goal });
		await rejudgeToday(db, today);
	});
}

/** Judges today again under the stored goal (after the goal changed). */
export async function rejudgeToday(db: MixDatabase, today: string): Promise<void> {
	await db.transaction('rw', [db.settings, db.days], async () => {
		const goal = await readSetting(db, 'dailyGoal');
		const row = await db.days.get(today);
		if (row) await db.days.put(rejudgeDay({ row, day: today, goal }));
	});
}

/** The stored staircase of a drill kind, if the learner has practised it. */
export async function readDrillState(
	db: MixDatabase,
	kind: DrillKindId
): Promise<DrillStateRow | undefined> {
	return db.drillStates.get(kind);
}

/** Every drill's stored staircase. */
export async function readAllDrillStates(db: MixDatabase): Promise<DrillStateRow[]> {
	return db.drillStates.toArray();
}

/** Whether the attempt of session `sessionId` answered at `timestamp` is stored. */
export async function hasAttempt(
	db: MixDatabase,
	{ sessionId, timestamp }: { sessionId: string; timestamp: number }
): Promise<boolean> {
	const attempts = await db.attempts.where('sessionId').equals(sessionId).toArray();
	return attempts.some((attempt) => attempt.timestamp === timestamp);
}

/** Attempts of one session, in answer order. */
export async function sessionAttempts(db: MixDatabase, sessionId: string): Promise<AttemptRow[]> {
	return db.attempts.where('sessionId').equals(sessionId).sortBy('timestamp');
}

/** Accuracy over the most recent `limit` attempts of a kind (null with no attempts). */
export async function recentAccuracy(
	db: MixDatabase,
	{ kind, limit = 30 }: { kind: DrillKindId; limit?: number }
): Promise<{ accuracy: number | null; count: number }> {
	const recent = await db.attempts
		.where('[kind+timestamp]')
		.between([kind, Dexie.minKey], [kind, Dexie.maxKey])
		.reverse()
		.limit(limit)
		.toArray();
	if (recent.length === 0) return { accuracy: null, count: 0 };
	return { accuracy: recent.filter((a) => a.correct).length / recent.length, count: recent.length };
}

/** [questions, correct] per octave band over the EQ drills' practice since `sinceDay` (inclusive). */
export async function recentBandCounts(
	db: MixDatabase,
	sinceDay: string
): Promise<Record<string, [number, number]>> {
	const rows = await db.kindDays.where('day').aboveOrEqual(sinceDay).toArray();
	const counts: Record<string, [number, number]> = {};
	for (const row of rows) {
		for (const [band, [n, correct]] of Object.entries(row.bands)) {
			const [sumN, sumCorrect] = counts[band] ?? [0, 0];
			counts[band] = [sumN + n, sumCorrect + correct];
		}
	}
	return counts;
}
