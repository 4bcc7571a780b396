/**
 * The on-device database (IndexedDB through Dexie). Everything the learner makes stays here.
 * Schema changes add a new `version(n)` (with an upgrade function when data must change); never edit
 * an old version, so every earlier database upgrades in place, and raise SCHEMA_VERSION
 * (schema-version.ts) with it: the Dexie-free reads of peek.ts trust only a database at that version.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { DrillKindId } from '../drills/types';
import type {
	AttemptRow,
	DayRow,
	DrillStateRow,
	KindDayRow,
	LessonRow,
	SessionRow
} from '../progress/records';
import type { ReviewRow } from '../progress/review';
import type { MixSessionRow } from '../mix/session-record';
import { DB_NAME } from './schema-version';

export { DB_NAME };

/** One stored setting: the key names it, the value is validated on read (see settings-repo.ts). */
export interface SettingRow {
	key: string;
	value: unknown;
}

/**
 * A track the learner saved from the bench for use in drills: its loudest minute as 16-bit stereo
 * WAV at 44.1 kHz (see player/prepare-track.ts). Stored as a Blob (no base64); never in backups.
 */
export interface TrackRow {
	/** crypto.randomUUID() */
	id: string;
	name: string;
	/** When it was saved, ms since the epoch. */
	addedAt: number;
	durationS: number;
	sampleRate: 44100;
	/** Size of `wav` in bytes. */
	bytes: number;
	wav: Blob;
}

/** The app's Dexie database. */
export class MixDatabase extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;
	attempts!: EntityTable<AttemptRow, 'id'>;
	drillStates!: EntityTable<DrillStateRow, 'kind'>;
	sessions!: EntityTable<SessionRow, 'sessionId'>;
	days!: EntityTable<DayRow, 'day'>;
	kindDays!: Table<KindDayRow, [DrillKindId, string]>;
	lessons!: EntityTable<LessonRow, 'slug'>;
	reviews!: EntityTable<ReviewRow, 'id'>;
	tracks!: EntityTable<TrackRow, 'id'>;
	mixSessions!: EntityTable<MixSessionRow, 'id'>;

	constructor(name: string = DB_NAME) {
		super(name);
		this.version(1).stores({ settings: 'key' });
		// v2: drill attempts and per-drill staircases. Nothing to migrate: v1 held only settings.
		this.version(2).stores({
			settings: 'key',
			attempts: '++id, kind, day, timestamp, sessionId, [kind+day], [kind+timestamp]',
			drillStates: 'kind'
		});
		// v3: finished sessions, per-day and per-kind-per-day totals (so Today and Progress read a few
		// hundred rows, not every attempt), lesson progress and review cards for missed quiz
		// questions, and tracks saved from the bench for the drills. The upgrade derives sessions and
		// totals from the stored attempts.
		// Attempts keep only the indexes queries use (by kind, by session, a kind's latest), so recording
		// an answer updates three indexes instead of six; day-based views read `days` and `kindDays`.
		this.version(3)
			.stores({
				settings: 'key',
				attempts: '++id, kind, sessionId, [kind+timestamp]',
				drillStates: 'kind',
				sessions: 'sessionId, day, endedAt',
				days: 'day',
				kindDays: '[kind+day], kind, day',
				lessons: 'slug, completedDay',
				reviews: 'id, due, slug',
				tracks: 'id, addedAt'
			})
			.upgrade(async (tx) => {
				// Loaded only when an old database is upgraded; waitFor keeps the transaction open meanwhile.
				const { deriveFromAttempts } = await Dexie.waitFor(import('../progress/aggregate'));
				const { DEFAULT_GOAL, parseGoal } = await Dexie.waitFor(import('../progress/streak'));
				const attempts = (await tx.table('attempts').toArray()) as AttemptRow[];
				const row = (await tx.table('settings').get('dailyGoal')) as SettingRow | undefined;
				const goal = parseGoal(row?.value) ?? DEFAULT_GOAL;
				const { sessions, days, kindDays } = deriveFromAttempts(attempts, goal);
				await tx.table('sessions').bulkPut(sessions);
				await tx.table('days').bulkPut(days);
				await tx.table('kindDays').bulkPut(kindDays);
			});
		// v4: Mix Lab sessions (the project, the learner's settings, the checks). Nothing to migrate;
		// Dexie keeps the tables a version does not name.
		this.version(4).stores({ mixSessions: 'id, updatedAt' });
	}
}

let shared: MixDatabase | undefined;

/** The page's one database connection, opened lazily on first use. */
export function getDatabase(): MixDatabase {
	shared ??= new MixDatabase();
	return shared;
}
