/** Mix Lab sessions in IndexedDB: written as the learner works, the latest read back on return. */
import type { MixSessionRow } from '../mix/session-record';
import type { MixDatabase } from './database';

/** Stores (or replaces) a session row. */
export async function saveMixSession(db: MixDatabase, row: MixSessionRow): Promise<void> {
	await db.mixSessions.put(structuredClone(row));
}

/** The session the learner changed last, if any. */
export async function latestMixSession(db: MixDatabase): Promise<MixSessionRow | undefined> {
	return db.mixSessions.orderBy('updatedAt').last();
}

/** Every session, newest first (for Progress and backups). */
export async function allMixSessions(db: MixDatabase): Promise<MixSessionRow[]> {
	return (await db.mixSessions.orderBy('updatedAt').toArray()).reverse();
}
