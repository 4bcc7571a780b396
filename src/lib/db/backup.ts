/**
 * Backup and restore of everything the learner made: one JSON file holding every table except
 * `kindDays` (derived) and saved tracks (audio, device-only); Mix Lab sessions are their settings
 * (the seed makes the stems again). `days` is kept because `goalMet` is history, judged by the goal in force
 * that day; its totals are rebuilt on import from the attempts, sessions, lessons and mix checks.
 *
 * A backup file is untrusted input. `parseBackup` checks its size, its JSON, its format and version,
 * rejects prototype-pollution keys and deep nesting, validates every row with valibot and returns
 * freshly built plain objects, or one plain sentence saying what is wrong.
 */
import * as v from 'valibot';
import { drillKinds } from '../drills/registry';
import type { DrillKindId } from '../drills/types';
import { styleIds } from '../dsp/synth/styles';
import { rebuildAggregates } from '../progress/aggregate';
import { isDay } from '../progress/calendar';
import { DEFAULT_GOAL, parseGoal, type DailyGoal } from '../progress/streak';
import type { MixDatabase, SettingRow } from './database';
import type { ReviewRow } from '../progress/review';
import type { AttemptRow, DayRow, DrillStateRow, LessonRow, SessionRow } from '../progress/records';
import { localDay } from '../progress/days';
import { DRILL_SOURCES, SESSION_LENGTHS, type Settings } from '../settings/settings';
import type { MixSessionRow } from '../mix/session-record';
import { parseMasterSettings, parseMixSettings } from '../mix/settings';
import { problemKinds } from '../mix/types';

export const BACKUP_FORMAT = 'mix-for-the-master-backup';
export const BACKUP_VERSION = 1;
/** Larger text is refused before parsing (years of daily practice take a few MB). */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

/** The tables a backup carries. */
export interface BackupData {
	settings: SettingRow[];
	attempts: Omit<AttemptRow, 'id'>[];
	drillStates: DrillStateRow[];
	sessions: SessionRow[];
	days: DayRow[];
	lessons: LessonRow[];
	/** Review cards for missed quiz questions (absent from files made before they existed). */
	reviews: ReviewRow[];
	/** Mix Lab sessions (absent from files made before the Mix Lab). */
	mixSessions: MixSessionRow[];
}

/** A whole backup file. */
export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: number;
	exportedAt: string;
	data: BackupData;
}

/** 'replace' restores the backup alone; 'merge' unions it with what the device has. */
export type ImportMode = 'replace' | 'merge';

/** A checked backup and what it holds, or the sentence to show the learner. */
export type ParseResult =
	| { ok: true; backup: Backup; counts: { attempts: number; sessions: number; lessons: number } }
	| { ok: false; message: string };

type TableName = keyof BackupData;

const TABLE_NAMES: readonly TableName[] = [
	'settings',
	'attempts',
	'drillStates',
	'sessions',
	'days',
	'lessons',
	'reviews',
	'mixSessions'
];

/** Most rows per table: far beyond a lifetime of practice, small enough to validate quickly. */
const MAX_ROWS: Record<TableName, number> = {
	settings: 1_000,
	attempts: 1_000_000,
	drillStates: 1_000,
	sessions: 1_000_000,
	days: 100_000,
	lessons: 10_000,
	reviews: 100_000,
	mixSessions: 100_000
};
/** Ids, answers, slugs, string parameters. */
const MAX_TEXT = 200;
/** Setting keys, parameter names, time zones, families. */
const MAX_KEY = 64;
/** Parameters per attempt, drill kinds per session. */
const MAX_ENTRIES = 64;
/** Staircase reversals kept per drill kind. */
const MAX_REVERSALS = 100_000;
/** Objects and arrays inside each other; a real backup nests 6 deep. */
const MAX_DEPTH = 16;
/** Keys that could reach an object's prototype if ever assigned through. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const MESSAGES = {
	empty: 'This file is empty: there is no backup in it.',
	notJson: 'This file is damaged or incomplete: it is not valid JSON.',
	notOurs: "This isn't a Mix for the Master backup.",
	badVersion: 'This file is damaged or incomplete: its format version is missing or invalid.',
	tooDeep: 'This file is nested too deeply to be a backup.',
	unreadable: 'This file could not be read as a backup.',
	exportedAt: 'This backup is damaged: its export date is missing or invalid.',
	data: 'This backup is damaged: its data section is missing or invalid.'
} as const;

/** How each table's rows are named in messages: "Attempt 12 has an invalid day." */
const ROW_NOUNS: Record<TableName, { one: string; many: string }> = {
	settings: { one: 'Setting', many: 'settings' },
	attempts: { one: 'Attempt', many: 'attempts' },
	drillStates: { one: 'Drill state', many: 'drill states' },
	sessions: { one: 'Session', many: 'sessions' },
	days: { one: 'Day', many: 'days' },
	lessons: { one: 'Lesson', many: 'lessons' },
	reviews: { one: 'Review card', many: 'review cards' },
	mixSessions: { one: 'Mix session', many: 'mix sessions' }
};

/** Fields in plain words; plural ones read "has invalid parameters". */
const FIELD_WORDS: Record<string, string> = {
	kind: 'drill kind',
	family: 'drill family',
	sessionId: 'session id',
	level: 'level',
	levelValue: 'level value',
	seed: 'seed',
	source: 'sound source',
	params: 'parameters',
	answer: 'answer',
	correctAnswer: 'correct answer',
	correct: 'count of correct answers',
	score: 'score',
	responseMs: 'response time',
	timestamp: 'time',
	day: 'day',
	timeZone: 'time zone',
	utcOffsetMinutes: 'UTC offset',
	staircase: 'staircase',
	reversals: 'staircase reversals',
	updatedAt: 'update time',
	mode: 'mode',
	kinds: 'drill kinds',
	startedAt: 'start time',
	endedAt: 'end time',
	questions: 'question count',
	activeMs: 'practice time',
	sessions: 'session count',
	lessons: 'lesson count',
	goalMet: 'goal flag',
	slug: 'lesson id',
	position: 'reading position',
	readToEnd: 'read-to-end flag',
	quizBest: 'best quiz score',
	completedAt: 'completion time',
	completedDay: 'completion day',
	key: 'key',
	value: 'value',
	id: 'id',
	index: 'question number',
	due: 'due time',
	card: 'schedule',
	style: 'style',
	settings: 'mix settings',
	master: 'master settings',
	checks: 'checks'
};
const PLURAL_FIELDS = new Set(['params', 'kinds', 'reversals', 'settings', 'master', 'checks']);

// Row schemas. v.object strips unknown keys (a later release of format 1 may add fields) and
// builds new objects, so only known keys reach the database.

const kindIds = drillKinds.map((kind) => kind.id) as DrillKindId[];
const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0));
const unit = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const day = v.pipe(
	v.string(),
	v.check((value) => isDay(value))
);
const kind = v.picklist(kindIds);
const timeZone = text(MAX_KEY);
// Real offsets lie within ±14 h; a day either way is surely corrupt.
const utcOffsetMinutes = v.pipe(v.number(), v.safeInteger(), v.minValue(-1440), v.maxValue(1440));
const plainObject = v.custom<object>(
	(value) => typeof value === 'object' && value !== null && !Array.isArray(value)
);

const sourceSchema = v.variant('kind', [
	v.object({ kind: v.literal('arrangement'), style: v.picklist(styleIds) }),
	v.object({ kind: v.literal('pink-noise') }),
	v.object({ kind: v.literal('stems'), style: v.picklist(styleIds) }),
	v.object({ kind: v.literal('track'), trackId: text(MAX_TEXT) })
]);

const paramsSchema = v.pipe(
	plainObject,
	v.record(
		v.pipe(v.string(), v.maxLength(MAX_KEY)),
		v.union([finite, v.pipe(v.string(), v.maxLength(MAX_TEXT)), v.boolean()])
	),
	v.maxEntries(MAX_ENTRIES)
);

const settingSchema = v.object({ key: text(MAX_KEY), value: v.unknown() });

const attemptSchema = v.object({
	kind,
	family: text(MAX_KEY),
	sessionId: text(MAX_TEXT),
	level: count,
	levelValue: finite,
	seed: finite,
	source: sourceSchema,
	params: paramsSchema,
	answer: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
	correctAnswer: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
	correct: v.boolean(),
	score: unit,
	responseMs: nonNegative,
	timestamp: finite,
	day,
	timeZone,
	utcOffsetMinutes
});

const drillStateSchema = v.object({
	kind,
	staircase: v.object({
		level: count,
		correctRun: count,
		reversals: v.pipe(v.array(count), v.maxLength(MAX_REVERSALS)),
		lastDirection: v.nullable(v.picklist(['harder', 'easier'])),
		trials: count
	}),
	updatedAt: finite
});

const sessionSchema = v.object({
	sessionId: text(MAX_TEXT),
	mode: v.picklist(['drill', 'daily']),
	kinds: v.pipe(v.array(kind), v.minLength(1), v.maxLength(MAX_ENTRIES)),
	startedAt: finite,
	endedAt: finite,
	day,
	timeZone,
	utcOffsetMinutes,
	questions: count,
	correct: count,
	activeMs: nonNegative
});

const daySchema = v.object({
	day,
	sessions: count,
	questions: count,
	correct: count,
	activeMs: nonNegative,
	lessons: count,
	goalMet: v.boolean()
});

const lessonSchema = v.object({
	slug: text(MAX_TEXT),
	position: unit,
	readToEnd: v.boolean(),
	quizBest: v.nullable(unit),
	completedAt: v.nullable(finite),
	completedDay: v.nullable(day)
});

const reviewSchema = v.object({
	id: text(MAX_TEXT),
	slug: text(MAX_TEXT),
	index: count,
	due: finite,
	card: v.object({
		stability: nonNegative,
		difficulty: nonNegative,
		elapsed_days: nonNegative,
		scheduled_days: nonNegative,
		learning_steps: count,
		reps: count,
		lapses: count,
		state: v.pipe(count, v.maxValue(3)),
		last_review: v.nullable(finite)
	}),
	updatedAt: finite
});

/** Settings checked by the mix engine's own parsers (the same rules the worker applies). */
const viaParser = <T>(parse: (input: unknown) => T) =>
	v.pipe(
		v.unknown(),
		v.check((input) => {
			try {
				parse(input);
				return true;
			} catch {
				return false;
			}
		}),
		v.transform((input) => parse(input))
	);

const mixSessionSchema = v.object({
	id: text(MAX_TEXT),
	style: v.picklist(styleIds),
	seed: count,
	level: v.pipe(count, v.minValue(1), v.maxValue(3)),
	startedAt: finite,
	updatedAt: finite,
	day,
	settings: viaParser(parseMixSettings),
	master: viaParser(parseMasterSettings),
	checks: v.pipe(
		v.array(
			v.object({
				at: finite,
				day: v.optional(day),
				settingsKey: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{8}$/))),
				passed: count,
				total: count,
				failed: v.pipe(v.array(text(MAX_KEY)), v.maxLength(MAX_ENTRIES)),
				problems: v.pipe(
					v.array(v.object({ kind: v.picklist(problemKinds), pass: v.boolean() })),
					v.maxLength(MAX_ENTRIES)
				)
			})
		),
		v.maxLength(10_000)
	),
	revision: v.optional(count)
});

const backupSchema = v.object({
	exportedAt: v.pipe(v.string(), v.maxLength(MAX_KEY), v.isoTimestamp()),
	data: v.object({
		settings: v.array(settingSchema),
		attempts: v.array(attemptSchema),
		drillStates: v.array(drillStateSchema),
		sessions: v.array(sessionSchema),
		days: v.array(daySchema),
		lessons: v.array(lessonSchema),
		reviews: v.optional(v.array(reviewSchema), []),
		mixSessions: v.optional(v.array(mixSessionSchema), [])
	})
});

/** The values settings-repo accepts, per key; anything else in a backup is dropped on import. */
const settingValueSchemas: { [K in keyof Settings]: v.GenericSchema<unknown, Settings[K]> } = {
	theme: v.picklist(['system', 'dark', 'light']),
	sessionLength: v.picklist(SESSION_LENGTHS),
	loudnessMatch: v.boolean(),
	volume: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)),
	drillSource: v.picklist(DRILL_SOURCES),
	dailyGoal: v.pipe(
		v.unknown(),
		v.transform(parseGoal),
		v.custom<DailyGoal>((goal) => goal !== null)
	)
};

/** Each table's unique key, to refuse a file that lists one row twice. */
const UNIQUE: Partial<Record<TableName, { key: (row: never) => string; message: string }>> = {
	settings: { key: (row: SettingRow) => row.key, message: "repeats an earlier setting's key" },
	drillStates: {
		key: (row: DrillStateRow) => row.kind,
		message: "repeats an earlier drill state's drill kind"
	},
	sessions: {
		key: (row: SessionRow) => row.sessionId,
		message: "repeats an earlier session's id"
	},
	days: { key: (row: DayRow) => row.day, message: 'repeats an earlier day' },
	lessons: { key: (row: LessonRow) => row.slug, message: "repeats an earlier lesson's id" },
	reviews: { key: (row: ReviewRow) => row.id, message: "repeats an earlier review card's id" },
	mixSessions: {
		key: (row: MixSessionRow) => row.id,
		message: "repeats an earlier mix session's id"
	}
};

/** Reads every table in one read transaction. */
export async function exportBackup(db: MixDatabase, now: Date = new Date()): Promise<Backup> {
	// Saved tracks (`tracks`) are left out on purpose: megabytes of audio each, device-only.
	const [settings, attempts, drillStates, sessions, days, lessons, reviews, mixSessions] =
		await db.transaction(
			'r',
			[
				db.settings,
				db.attempts,
				db.drillStates,
				db.sessions,
				db.days,
				db.lessons,
				db.reviews,
				db.mixSessions
			],
			() =>
				Promise.all([
					db.settings.toArray(),
					db.attempts.toArray(),
					db.drillStates.toArray(),
					db.sessions.toArray(),
					db.days.toArray(),
					db.lessons.toArray(),
					db.reviews.toArray(),
					db.mixSessions.toArray()
				])
		);
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: now.toISOString(),
		data: {
			settings,
			attempts: attempts.map(withoutId),
			drillStates,
			sessions,
			days,
			lessons,
			reviews,
			mixSessions
		}
	};
}

/** JSON text of a backup (compact). */
export function serializeBackup(backup: Backup): string {
	return JSON.stringify(backup);
}

/**
 * A file name dated by this device's local day.
 * @example backupFileName(new Date(2026, 10, 24)) // 'mix-for-the-master-backup-2026-11-24.json'
 */
export function backupFileName(now: Date): string {
	return `${BACKUP_FORMAT}-${localDay(now)}.json`;
}

/** Validates text from a file. Never throws. */
export function parseBackup(text: string): ParseResult {
	try {
		return parseUnsafely(text);
	} catch {
		return { ok: false, message: MESSAGES.unreadable };
	}
}

function parseUnsafely(input: string): ParseResult {
	if (typeof input !== 'string') return fail(MESSAGES.notJson);
	if (input.length > MAX_BACKUP_BYTES) {
		const mb = Math.ceil((input.length / (1024 * 1024)) * 10) / 10;
		return fail(`This file is too large to be a backup (${mb.toFixed(1)} MB).`);
	}
	// Editors on Windows may save a byte-order mark, which JSON.parse refuses.
	const json = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	if (json.trim() === '') return fail(MESSAGES.empty);

	let root: unknown;
	try {
		root = JSON.parse(json);
	} catch {
		return fail(MESSAGES.notJson);
	}
	if (!isRecord(root) || root.format !== BACKUP_FORMAT) return fail(MESSAGES.notOurs);
	const { version } = root;
	if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
		return fail(MESSAGES.badVersion);
	}
	if (version > BACKUP_VERSION) {
		return fail(
			`This backup was made by a newer version of the app (format ${version}). ` +
				'Update the app, then import it again.'
		);
	}

	const hazard = findHazard(root);
	if (hazard !== null) return fail(hazard);
	const tooMany = countProblem(root.data);
	if (tooMany !== null) return fail(tooMany);

	const result = v.safeParse(backupSchema, root, { abortEarly: true });
	if (!result.success) return fail(issueMessage(result.issues[0]));
	const { data } = result.output;

	for (const table of TABLE_NAMES) {
		const unique = UNIQUE[table];
		if (!unique) continue;
		const seen = new Set<string>();
		const rows = data[table] as never[];
		for (let i = 0; i < rows.length; i++) {
			const key = unique.key(rows[i]);
			if (seen.has(key)) return fail(`${ROW_NOUNS[table].one} ${i + 1} ${unique.message}.`);
			seen.add(key);
		}
	}

	const backup: Backup = {
		format: BACKUP_FORMAT,
		version,
		exportedAt: result.output.exportedAt,
		data: { ...data, settings: knownSettings(data.settings) }
	};
	return {
		ok: true,
		backup,
		counts: {
			attempts: data.attempts.length,
			sessions: data.sessions.length,
			lessons: data.lessons.length
		}
	};
}

function fail(message: string): ParseResult {
	return { ok: false, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A message when the parsed value has a prototype-pollution key (JSON.parse makes `__proto__` an
 * own property, which Object.keys lists) or nests deeper than a backup can; else null. Iterative,
 * so hostile nesting cannot overflow the stack.
 */
function findHazard(root: unknown): string | null {
	const values: unknown[] = [root];
	const depths: number[] = [0];
	while (values.length > 0) {
		const value = values.pop();
		const depth = depths.pop() as number;
		if (typeof value !== 'object' || value === null) continue;
		if (depth > MAX_DEPTH) return MESSAGES.tooDeep;
		const children: unknown[] = Array.isArray(value) ? value : [];
		if (!Array.isArray(value)) {
			for (const key of Object.keys(value)) {
				if (UNSAFE_KEYS.has(key)) {
					return `This file contains unsafe data (a field named "${key}"), so it was not imported.`;
				}
				children.push((value as Record<string, unknown>)[key]);
			}
		}
		for (const child of children) {
			if (typeof child === 'object' && child !== null) {
				values.push(child);
				depths.push(depth + 1);
			}
		}
	}
	return null;
}

/** A message when a table lists more rows than allowed, checked before validating each row. */
function countProblem(data: unknown): string | null {
	if (!isRecord(data)) return null;
	for (const table of TABLE_NAMES) {
		const rows = data[table];
		if (Array.isArray(rows) && rows.length > MAX_ROWS[table]) {
			const limit = MAX_ROWS[table].toLocaleString('en-US');
			return `This backup lists too many ${ROW_NOUNS[table].many} (more than ${limit}).`;
		}
	}
	return null;
}

/** One sentence from the first valibot issue's path: "Attempt 12 has an invalid day." */
function issueMessage(issue: v.BaseIssue<unknown>): string {
	const keys = (issue.path ?? []).map((item) => String(item.key));
	if (keys[0] === 'exportedAt') return MESSAGES.exportedAt;
	if (keys[0] !== 'data' || keys.length < 2) return MESSAGES.data;
	const table = keys[1] as TableName;
	const nouns = ROW_NOUNS[table];
	if (keys.length === 2) {
		return `This backup is damaged: its list of ${nouns.many} is missing or invalid.`;
	}
	const row = `${nouns.one} ${Number(keys[2]) + 1}`;
	if (keys.length === 3) return `${row} is not a valid ${nouns.one.toLowerCase()}.`;

	const field = keys[3];
	const plural = PLURAL_FIELDS.has(field);
	const words =
		(table === 'attempts' && field === 'correct' ? 'right/wrong mark' : null) ??
		FIELD_WORDS[field] ??
		'value';
	if (keys.length === 4 && issue.input === undefined) return `${row} has no ${words}.`;
	if ((field === 'kind' || field === 'kinds') && issue.type === 'picklist') {
		return `${row} has an unknown drill kind.`;
	}
	if (issue.type === 'max_length' || issue.type === 'max_entries') {
		if (typeof issue.input === 'string') {
			return `${row}'s ${words} ${plural ? 'are' : 'is'} too long.`;
		}
		const last = keys[keys.length - 1];
		return `${row} has too many ${FIELD_WORDS[last] ?? 'entries'}.`;
	}
	return plural ? `${row} has invalid ${words}.` : `${row} has an invalid ${words}.`;
}

/** Only the settings this app knows, with values it accepts (a dropped one reads as its default). */
function knownSettings(rows: { key: string; value: unknown }[]): SettingRow[] {
	const kept: SettingRow[] = [];
	for (const { key, value } of rows) {
		if (!Object.hasOwn(settingValueSchemas, key)) continue;
		const result = v.safeParse(settingValueSchemas[key as keyof Settings], value);
		if (result.success) kept.push({ key, value: result.output });
	}
	return kept;
}

function withoutId(attempt: AttemptRow): Omit<AttemptRow, 'id'> {
	const copy = { ...attempt };
	delete copy.id;
	return copy;
}

/** The identity of an answer across devices: the same question answered at the same moment. */
function attemptKey(a: Omit<AttemptRow, 'id'>): string {
	return JSON.stringify([a.sessionId, a.timestamp, a.kind, a.seed]);
}

/** The further progress of two records of one lesson. */
function mergeLesson(a: LessonRow, b: LessonRow): LessonRow {
	const completions = [a, b].filter((l) => l.completedAt !== null);
	const first = completions.sort(
		(x, y) => (x.completedAt as number) - (y.completedAt as number)
	)[0];
	const quizzes = [a.quizBest, b.quizBest].filter((q) => q !== null);
	return {
		slug: a.slug,
		position: Math.max(a.position, b.position),
		readToEnd: a.readToEnd || b.readToEnd,
		quizBest: quizzes.length > 0 ? Math.max(...quizzes) : null,
		completedAt: first?.completedAt ?? null,
		completedDay: first?.completedDay ?? null
	};
}

/**
 * Applies a parsed backup in ONE rw transaction over all tables; 'replace' clears everything
 * first, 'merge' unions. Then rebuilds days/kindDays with rebuildAggregates (metDays = days whose
 * goalMet is true in either source; goal = the resulting stored dailyGoal setting or DEFAULT_GOAL).
 * On any failure nothing changes (transaction aborts) and it rejects.
 *
 * Merge keeps the device's settings (adding only missing keys) and sessions, unions attempts by
 * (sessionId, timestamp, kind, seed), keeps the newer staircase per kind and the further progress
 * per lesson, so merging the same backup twice changes nothing the second time.
 */
export async function importBackup(
	db: MixDatabase,
	{ backup, mode }: { backup: Backup; mode: ImportMode }
): Promise<void> {
	const { data } = backup;
	const tables = [
		db.settings,
		db.attempts,
		db.drillStates,
		db.sessions,
		db.days,
		db.kindDays,
		db.lessons,
		db.reviews,
		db.mixSessions
	];
	await db.transaction('rw', tables, async () => {
		const metDays = new Set<string>();
		if (mode === 'replace') {
			await Promise.all(tables.map((table) => table.clear()));
			await db.settings.bulkAdd(data.settings.map((row) => ({ ...row })));
			// Copies without ids: Dexie writes generated keys back onto the objects it is given.
			await db.attempts.bulkAdd(data.attempts.map((row) => withoutId(row)));
			await db.drillStates.bulkAdd(data.drillStates.map((row) => ({ ...row })));
			await db.sessions.bulkAdd(data.sessions.map((row) => ({ ...row })));
			await db.lessons.bulkAdd(data.lessons.map((row) => ({ ...row })));
			await db.reviews.bulkAdd(data.reviews.map((row) => ({ ...row, card: { ...row.card } })));
			await db.mixSessions.bulkAdd(data.mixSessions.map((row) => structuredClone(row)));
		} else {
			await mergeRows(db, data);
			for (const row of await db.days.toArray()) if (row.goalMet) metDays.add(row.day);
		}
		for (const row of data.days) if (row.goalMet) metDays.add(row.day);

		const [attempts, sessions, lessons, mixSessions, goalRow] = await Promise.all([
			db.attempts.toArray(),
			db.sessions.toArray(),
			db.lessons.toArray(),
			db.mixSessions.toArray(),
			db.settings.get('dailyGoal')
		]);
		const goal = parseGoal(goalRow?.value) ?? DEFAULT_GOAL;
		const { days, kindDays } = rebuildAggregates({
			attempts,
			sessions,
			lessons,
			mixSessions,
			goal,
			metDays
		});
		await Promise.all([db.days.clear(), db.kindDays.clear()]);
		await Promise.all([db.days.bulkAdd(days), db.kindDays.bulkAdd(kindDays)]);
	});
}

/** The merge half of importBackup; runs inside its transaction. */
async function mergeRows(db: MixDatabase, data: BackupData): Promise<void> {
	const [settingKeys, sessionIds, lessons, drillStates, reviews] = await Promise.all([
		db.settings.toCollection().primaryKeys(),
		db.sessions.toCollection().primaryKeys(),
		db.lessons.toArray(),
		db.drillStates.toArray(),
		db.reviews.toArray()
	]);
	const haveSetting = new Set<string>(settingKeys);
	const haveSession = new Set<string>(sessionIds);
	const seenAttempts = new Set<string>();
	await db.attempts.each((row) => {
		seenAttempts.add(attemptKey(row));
	});

	const newAttempts: Omit<AttemptRow, 'id'>[] = [];
	for (const row of data.attempts) {
		const key = attemptKey(row);
		if (seenAttempts.has(key)) continue;
		seenAttempts.add(key);
		newAttempts.push(withoutId(row));
	}
	const lessonBySlug = new Map(lessons.map((row) => [row.slug, row]));
	const stateByKind = new Map(drillStates.map((row) => [row.kind, row]));

	await db.settings.bulkAdd(
		data.settings.filter((row) => !haveSetting.has(row.key)).map((row) => ({ ...row }))
	);
	await db.attempts.bulkAdd(newAttempts);
	await db.sessions.bulkAdd(
		data.sessions.filter((row) => !haveSession.has(row.sessionId)).map((row) => ({ ...row }))
	);
	await db.lessons.bulkPut(
		data.lessons.map((row) => {
			const existing = lessonBySlug.get(row.slug);
			return existing ? mergeLesson(existing, row) : { ...row };
		})
	);
	// A review card keeps whichever copy was reviewed last.
	const reviewById = new Map(reviews.map((row) => [row.id, row]));
	await db.reviews.bulkPut(
		data.reviews
			.filter((row) => {
				const existing = reviewById.get(row.id);
				return !existing || row.updatedAt > existing.updatedAt;
			})
			.map((row) => ({ ...row, card: { ...row.card } }))
	);
	await db.drillStates.bulkPut(
		data.drillStates
			.filter((row) => {
				const existing = stateByKind.get(row.kind);
				return !existing || row.updatedAt > existing.updatedAt;
			})
			.map((row) => ({ ...row }))
	);
	// A mix session keeps whichever copy was changed last.
	const mixById = new Map((await db.mixSessions.toArray()).map((row) => [row.id, row]));
	await db.mixSessions.bulkPut(
		data.mixSessions
			.filter((row) => {
				const existing = mixById.get(row.id);
				return !existing || row.updatedAt > existing.updatedAt;
			})
			.map((row) => structuredClone(row))
	);
}

/** Deletes every row in every table in one transaction. */
export async function resetAll(db: MixDatabase): Promise<void> {
	await db.transaction('rw', db.tables, () => Promise.all(db.tables.map((table) => table.clear())));
}
