/** Mix Lab sessions in IndexedDB: written as the learner works, the latest read back on return. */
import type { MixSessionRow } from '../mix/session-record';
import { addMixCheckToDay } from '../progress/aggregate';
import { addedChecks, mixCheckDay } from '../progress/mix-checks';
import type { MixDatabase } from './database';
import { readSetting } from './settings-repo';

/**
 * Stores (or replaces) a session row. A check the stored row did not have yet counts toward its day
 * (the daily goal and the streak) in the same transaction, so a check counts once however often
 * the session is saved, from whichever tab, and the days match what a backup import rebuilds.
 */
export async function saveMixSession(db: MixDatabase, row: MixSessionRow): Promise<void> {
	await db.transaction('rw', [db.mixSessions, db.days, db.settings], async () => {
		const stored = await db.mixSessions.get(row.id);
		await db.mixSessions.put(structuredClone(row));
		const added = addedChecks({ stored, next: row });
		if (added.length === 0) return;
		const goal = await readSetting(db, 'dailyGoal');
		for (const check of added) {
			const day = mixCheckDay(check);
			await db.days.put(addMixCheckToDay({ row: await db.days.get(day), day, goal }));
		}
	});
}

/** The session the learner changed last, if any. */
export async function latestMixSession(db: MixDatabase): Promise<MixSessionRow | undefined> {
	return db.mixSessions.orderBy('updatedAt').last();
}

/** Every session, newest first (for Progress and backups). */
export async function allMixSessions(db: MixDatabase): Promise<MixSessionRow[]> {
	return (await db.mixSessions.orderBy('updatedAt').toArray()).reverse();
}
