/**
 * The on-device database (IndexedDB through Dexie). Everything the learner makes stays here.
 * Schema changes add a new `version(n)` (with an upgrade function when data must change); never edit
 * an old version, so every earlier database upgrades in place.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { DrillKindId, DrillSource } from '../drills/types';
import type { StaircaseState } from '../drills/staircase';

export const DB_NAME = 'mix-for-the-master';

/** One stored setting: the key names it, the value is validated on read (see settings-repo.ts). */
export interface SettingRow {
	key: string;
	value: unknown;
}

/** One answered drill question. Designed for progress views: by kind, by local day, by session. */
export interface AttemptRow {
	id?: number;
	kind: DrillKindId;
	family: string;
	sessionId: string;
	level: number;
	/** The level's value in the drill's unit (e.g. 6 for a 6 dB boost). */
	levelValue: number;
	seed: number;
	source: DrillSource;
	/** The hidden processing in named units (band, gainDb, q, …). */
	params: Record<string, number | string | boolean>;
	answer: string;
	correctAnswer: string;
	correct: boolean;
	score: number;
	responseMs: number;
	/** When it was answered, ms since the epoch (UTC). */
	timestamp: number;
	/** The learner's local calendar day where they practised, YYYY-MM-DD. */
	day: string;
	/** The IANA zone and UTC offset in force then, so days can be re-judged after travel. */
	timeZone: string;
	utcOffsetMinutes: number;
}

/** The adaptive staircase of one drill kind. */
export interface DrillStateRow {
	kind: DrillKindId;
	staircase: StaircaseState;
	updatedAt: number;
}

/** The app's Dexie database. */
export class MixDatabase extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;
	attempts!: EntityTable<AttemptRow, 'id'>;
	drillStates!: EntityTable<DrillStateRow, 'kind'>;

	constructor(name: string = DB_NAME) {
		super(name);
		this.version(1).stores({ settings: 'key' });
		// v2: drill attempts and per-drill staircases. Nothing to migrate: v1 held only settings.
		this.version(2).stores({
			settings: 'key',
			attempts: '++id, kind, day, timestamp, sessionId, [kind+day], [kind+timestamp]',
			drillStates: 'kind'
		});
	}
}

let shared: MixDatabase | undefined;

/** The page's one database connection, opened lazily on first use. */
export function getDatabase(): MixDatabase {
	shared ??= new MixDatabase();
	return shared;
}
