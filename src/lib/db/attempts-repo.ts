/** Drill attempts and staircases. An answer and the staircase it moves are written in one transaction. */
import Dexie from 'dexie';
import type { DrillKindId } from '../drills/types';
import type { StaircaseState } from '../drills/staircase';
import type { AttemptRow, DrillStateRow, MixDatabase } from './database';

/** Stores an attempt and the drill's new staircase together; returns the attempt's id. */
export async function recordAttempt(
	db: MixDatabase,
	{ attempt, staircase }: { attempt: Omit<AttemptRow, 'id'>; staircase: StaircaseState }
): Promise<number> {
	return db.transaction('rw', db.attempts, db.drillStates, async () => {
		const id = await db.attempts.add(attempt);
		await db.drillStates.put({ kind: attempt.kind, staircase, updatedAt: attempt.timestamp });
		return id as number;
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

/** Attempts of one session, in answer order. */
export async function sessionAttempts(db: MixDatabase, sessionId: string): Promise<AttemptRow[]> {
	return db.attempts.where('sessionId').equals(sessionId).sortBy('timestamp');
}

/** Accuracy over the most recent `limit` attempts of a kind (null with no attempts). */
export async function recentAccuracy(
	db: MixDatabase,
	kind: DrillKindId,
	limit = 30
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
