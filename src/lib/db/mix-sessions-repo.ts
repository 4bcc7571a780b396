/** Mix Lab sessions in IndexedDB: written as the learner works, the latest read back on return. */
import type { MixSessionRow } from '../mix/session-record';
import { addMixCheckToDay } from '../progress/aggregate';
import { addedChecks, mixCheckDay } from '../progress/mix-checks';
import type { MixDatabase } from './database';
import { readSetting } from './settings-repo';

/**
 * A save refused because the stored session is not the revision the saving tab last read or wrote:
 * another tab changed it (or it was deleted). Nothing was written.
 */
export class MixSessionConflictError extends Error {
	override name = 'MixSessionConflictError';
	/** The stored row, as the other tab left it (undefined when it is gone). */
	readonly stored: MixSessionRow | undefined;

	constructor(stored: MixSessionRow | undefined) {
		super('This mix session was changed in another tab.');
		this.stored = stored;
	}
}

/**
 * Stores (or replaces) a session row and returns its new revision. The row's `revision` must be the
 * stored one (0 or absent for a new session): otherwise another tab saved since, and the save is
 * refused with {@link MixSessionConflictError}, writing nothing. A check the stored row did not have
 * yet counts toward its day (the daily goal and the streak) in the same transaction, so a check
 * counts once however often the session is saved, and the days match what a backup import rebuilds.
 */
export async function saveMixSession(db: MixDatabase, row: MixSessionRow): Promise<number> {
	return db.transaction('rw', [db.mixSessions, db.days, db.settings], async () => {
		const stored = await db.mixSessions.get(row.id);
		// A row gone (deleted in another tab) counts as revision 0: a tab that saved it before is refused.
		const expected = row.revision ?? 0;
		if ((stored?.revision ?? 0) !== expected) throw new MixSessionConflictError(stored);
		const revision = expected + 1;
		await db.mixSessions.put({ ...structuredClone(row), revision });
		const added = addedChecks({ stored, next: row });
		if (added.length === 0) return revision;
		const goal = await readSetting(db, 'dailyGoal');
		for (const check of added) {
			const day = mixCheckDay(check);
			await db.days.put(addMixCheckToDay({ row: await db.days.get(day), day, goal }));
		}
		return revision;
	});
}

/** One stored session, if it is (still) on the device. */
export async function readMixSession(
	db: MixDatabase,
	id: string
): Promise<MixSessionRow | undefined> {
	return db.mixSessions.get(id);
}

/** The session the learner changed last, if any. */
export async function latestMixSession(db: MixDatabase): Promise<MixSessionRow | undefined> {
	return db.mixSessions.orderBy('updatedAt').last();
}

/** Every session, newest first (for Progress and backups). */
export async function allMixSessions(db: MixDatabase): Promise<MixSessionRow[]> {
	return (await db.mixSessions.orderBy('updatedAt').toArray()).reverse();
}
