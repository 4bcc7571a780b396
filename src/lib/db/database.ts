/**
 * The on-device database (IndexedDB through Dexie). Everything the learner makes stays here.
 * Schema changes add a new `version(n)` with an upgrade function; never edit an old version.
 */
import Dexie, { type EntityTable } from 'dexie';

export const DB_NAME = 'mix-for-the-master';

/** One stored setting: the key names it, the value is validated on read (see settings-repo.ts). */
export interface SettingRow {
	key: string;
	value: unknown;
}

/** The app's Dexie database. Schema v1 holds only settings; later issues add tables. */
export class MixDatabase extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;

	constructor(name: string = DB_NAME) {
		super(name);
		this.version(1).stores({ settings: 'key' });
	}
}

let shared: MixDatabase | undefined;

/** The page's one database connection, opened lazily on first use. */
export function getDatabase(): MixDatabase {
	shared ??= new MixDatabase();
	return shared;
}
