/**
 * The database's name and schema version, in a file of their own so code that must not load Dexie
 * (peek.ts, changes.ts) can name them. database.ts declares the versions; its spec checks that the
 * newest one is SCHEMA_VERSION.
 */

export const DB_NAME = 'mix-for-the-master';

/** The newest `version(n)` in database.ts. */
export const SCHEMA_VERSION = 4;

/**
 * The IndexedDB version Dexie opens a schema version at: Dexie multiplies by 10 (and may add to it to
 * patch an index), so anything at or above this is the current schema.
 * @example nativeVersion(4) // 40
 */
export function nativeVersion(version: number): number {
	return Math.round(version * 10);
}
