import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rebuildAggregates } from '../progress/aggregate';
import { gradeReview, newReview, type ReviewRow } from '../progress/review';
import type { DailyGoal } from '../progress/streak';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	MAX_BACKUP_BYTES,
	backupFileName,
	exportBackup,
	importBackup,
	parseBackup,
	resetAll,
	serializeBackup,
	type Backup,
	type ImportMode
} from './backup';
import { MixDatabase, type SettingRow } from './database';
import { flatMix } from '../mix/mixer';
import { DEFAULT_MASTER } from '../mix/master-defaults';
import type { MixSessionRow } from '../mix/session-record';
import { saveMixSession } from './mix-sessions-repo';
import { recordAttempt } from './attempts-repo';
import { createStaircase } from '../drills/staircase';
import { computeStreak } from '../progress/streak';
import type { AttemptRow, DrillStateRow, LessonRow, SessionRow } from '../progress/records';
import { testAttempt, testLesson, testSession } from '../progress/test-records';

const NOW = new Date('2026-11-24T12:00:00.000Z');
/** The tables a backup carries (every table but the derived kindDays and the device-only tracks). */
const BACKUP_TABLES = [
	'attempts',
	'days',
	'drillStates',
	'lessons',
	'mixSessions',
	'reviews',
	'sessions',
	'settings'
];
const DAY0 = '2026-11-10';
const DAY1 = '2026-11-20';
const DAY2 = '2026-11-22';
const QUESTIONS_20: DailyGoal = { kind: 'questions', target: 20 };
const SESSIONS_1: DailyGoal = { kind: 'sessions', target: 1 };

let databases: MixDatabase[] = [];
let serial = 0;

function freshDb(): MixDatabase {
	const db = new MixDatabase(`backup-spec-${++serial}`);
	databases.push(db);
	return db;
}

afterEach(async () => {
	vi.restoreAllMocks();
	await Promise.all(databases.map((db) => db.delete()));
	databases = [];
});

/** This spec's practice happens in Paris on DAY1, on the arrangement. */
const IN_PARIS = { day: DAY1, timeZone: 'Europe/Paris', utcOffsetMinutes: 60 };
const attempt = (overrides: Partial<AttemptRow>) =>
	testAttempt({
		source: { kind: 'arrangement', style: 'pop-rock' },
		timestamp: Date.UTC(2026, 10, 20, 9),
		...IN_PARIS,
		...overrides
	});
const session = (overrides: Partial<SessionRow>) =>
	testSession({
		startedAt: Date.UTC(2026, 10, 20, 8, 55),
		endedAt: Date.UTC(2026, 10, 20, 9, 5),
		...IN_PARIS,
		...overrides
	});

const drillState = (kind: DrillStateRow['kind'], level: number, updatedAt: number) => ({
	kind,
	staircase: {
		level,
		correctRun: 1,
		reversals: [level + 1, level],
		lastDirection: null,
		trials: 9
	},
	updatedAt
});

interface Fixture {
	settings: SettingRow[];
	attempts: Omit<AttemptRow, 'id'>[];
	drillStates: DrillStateRow[];
	sessions: SessionRow[];
	lessons: LessonRow[];
	reviews?: ReviewRow[];
	/** Days met under an earlier goal. */
	metDays: string[];
	goal: DailyGoal;
}

/** Several days and kinds; DAY1 was met under an old goal (1 session) but not the current one. */
function sourceFixture(): Fixture {
	const eq = (i: number, frequencyHz: number, kind: 'eq-boost' | 'eq-cut' = 'eq-boost') =>
		attempt({ kind, seed: i, timestamp: Date.UTC(2026, 10, 20, 9, i), params: { frequencyHz } });
	const dynamics = (i: number) =>
		attempt({
			kind: 'compression',
			family: 'dynamics',
			sessionId: 's2',
			seed: 100 + i,
			params: { thresholdDb: -20, ratio: 4 },
			answer: 'heavy',
			correctAnswer: i % 2 ? 'heavy' : 'light',
			correct: i % 2 === 1,
			score: i % 2,
			source: { kind: 'pink-noise' },
			timestamp: Date.UTC(2026, 10, 22, 18, i),
			day: DAY2
		});
	const match = attempt({
		kind: 'eq-match',
		sessionId: 's2',
		seed: 200,
		params: { frequencyHz: 2500, gainDb: 6, matchGain: true, band: 'mid' },
		answer: JSON.stringify({ frequencyHz: 2400, gainDb: 5 }),
		correctAnswer: JSON.stringify({ frequencyHz: 2500, gainDb: 6 }),
		correct: true,
		score: 0.8,
		source: { kind: 'track', trackId: 'track-1' },
		timestamp: Date.UTC(2026, 10, 22, 18, 30),
		day: DAY2
	});
	return {
		settings: [
			{ key: 'theme', value: 'dark' },
			{ key: 'dailyGoal', value: QUESTIONS_20 },
			{ key: 'volume', value: 55 },
			{ key: 'sessionLength', value: 20 }
		],
		attempts: [
			eq(1, 1000),
			eq(2, 1000),
			eq(3, 125),
			eq(4, 4000, 'eq-cut'),
			eq(5, 4000, 'eq-cut'),
			...[1, 2, 3, 4, 5, 6].map(dynamics),
			match
		],
		drillStates: [drillState('eq-boost', 4, 1000), drillState('compression', 2, 2000)],
		sessions: [
			session({}),
			session({
				sessionId: 's2',
				mode: 'daily',
				kinds: ['compression', 'eq-match'],
				day: DAY2,
				questions: 7
			})
		],
		lessons: [
			testLesson({
				position: 1,
				readToEnd: true,
				quizBest: 0.75,
				completedAt: Date.UTC(2026, 10, 20, 10),
				completedDay: DAY1
			}),
			testLesson({ slug: 'loudness-and-lufs', position: 0.3 })
		],
		reviews: [
			newReview({ slug: 'headroom-and-peaks', index: 1, now: Date.UTC(2026, 10, 20, 10) }),
			gradeReview({
				review: newReview({ slug: 'loudness-and-lufs', index: 0, now: Date.UTC(2026, 10, 18, 10) }),
				correct: true,
				now: Date.UTC(2026, 10, 20, 10)
			})
		],
		metDays: [DAY0, DAY1],
		goal: QUESTIONS_20
	};
}

/** Writes a fixture's rows, with days and kind-days derived as the app would have kept them. */
async function seed(db: MixDatabase, fixture: Fixture): Promise<void> {
	const { days, kindDays } = rebuildAggregates({
		attempts: fixture.attempts as AttemptRow[],
		sessions: fixture.sessions,
		lessons: fixture.lessons,
		goal: fixture.goal,
		metDays: new Set(fixture.metDays)
	});
	await db.settings.bulkAdd(structuredClone(fixture.settings));
	await db.attempts.bulkAdd(structuredClone(fixture.attempts));
	await db.drillStates.bulkAdd(structuredClone(fixture.drillStates));
	await db.sessions.bulkAdd(structuredClone(fixture.sessions));
	await db.lessons.bulkAdd(structuredClone(fixture.lessons));
	await db.reviews.bulkAdd(structuredClone(fixture.reviews ?? []));
	await db.days.bulkAdd(days);
	await db.kindDays.bulkAdd(kindDays);
}

/** Every table's rows (attempts without their generated ids). */
async function snapshot(db: MixDatabase) {
	const attempts = (await db.attempts.toArray()).map((row) => {
		const copy = { ...row };
		delete copy.id;
		return copy;
	});
	return {
		settings: await db.settings.toArray(),
		attempts,
		drillStates: await db.drillStates.toArray(),
		sessions: await db.sessions.toArray(),
		days: await db.days.toArray(),
		kindDays: await db.kindDays.toArray(),
		lessons: await db.lessons.toArray(),
		reviews: await db.reviews.toArray()
	};
}

/** What the import screen does with a file's text: parse, and import only a valid backup. */
async function importText(db: MixDatabase, text: string, mode: ImportMode = 'replace') {
	const result = parseBackup(text);
	if (result.ok) await importBackup(db, { backup: result.backup, mode });
	return result;
}

/** A backup as parsed JSON, loosely typed so tests can damage it. */
interface BackupJson {
	[key: string]: unknown;
	data: { [table: string]: unknown[]; attempts: Record<string, unknown>[] };
}

/** A valid backup of the source fixture as a plain JSON value, to damage in tests. */
function sourceJson(): BackupJson {
	const fixture = sourceFixture();
	const { days } = rebuildAggregates({
		attempts: fixture.attempts as AttemptRow[],
		sessions: fixture.sessions,
		lessons: fixture.lessons,
		goal: fixture.goal,
		metDays: new Set(fixture.metDays)
	});
	const backup: Backup = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: NOW.toISOString(),
		data: {
			settings: fixture.settings,
			attempts: fixture.attempts,
			drillStates: fixture.drillStates,
			sessions: fixture.sessions,
			days,
			lessons: fixture.lessons,
			reviews: fixture.reviews ?? [],
			mixSessions: []
		}
	};
	return JSON.parse(serializeBackup(backup));
}

function damaged(change: (json: BackupJson) => void): string {
	const json = sourceJson();
	change(json);
	return JSON.stringify(json);
}

describe('exportBackup and serializeBackup', () => {
	it('writes every table but kindDays, attempts without ids, in compact JSON', async () => {
		const db = freshDb();
		await seed(db, sourceFixture());
		const backup = await exportBackup(db, NOW);
		expect(backup.format).toBe('mix-for-the-master-backup');
		expect(backup.version).toBe(1);
		expect(backup.exportedAt).toBe('2026-11-24T12:00:00.000Z');
		expect(Object.keys(backup.data).sort()).toEqual(BACKUP_TABLES);
		expect(backup.data.attempts).toHaveLength(12);
		expect(backup.data.attempts.every((row) => !('id' in row))).toBe(true);
		expect(backup.data.days.find((row) => row.day === DAY1)?.goalMet).toBe(true);

		const text = serializeBackup(backup);
		expect(text.startsWith('{"format":"mix-for-the-master-backup","version":1,')).toBe(true);
		expect(text).not.toContain('\n');
		expect(JSON.parse(text)).toEqual(backup);
	});

	it('names the file by the local day', () => {
		expect(backupFileName(new Date(2026, 10, 24, 12))).toBe(
			'mix-for-the-master-backup-2026-11-24.json'
		);
		expect(backupFileName(new Date(2027, 0, 3, 0, 5))).toBe(
			'mix-for-the-master-backup-2027-01-03.json'
		);
	});
});

describe('round trip', () => {
	it('restores every table into an empty database and rebuilds the same totals', async () => {
		const source = freshDb();
		await seed(source, sourceFixture());
		const text = serializeBackup(await exportBackup(source, NOW));

		const parsed = parseBackup(text);
		if (!parsed.ok) throw new Error(parsed.message);
		expect(parsed.counts).toEqual({ attempts: 12, sessions: 2, lessons: 2 });

		const target = freshDb();
		await importBackup(target, { backup: parsed.backup, mode: 'replace' });
		const restored = await snapshot(target);
		expect(restored).toEqual(await snapshot(source));

		// Met under the goal of the time (and kept), though 5 questions miss today's goal of 20.
		const day1 = restored.days.find((row) => row.day === DAY1);
		expect(day1).toMatchObject({ questions: 5, sessions: 1, lessons: 1, goalMet: true });
		expect(restored.days.find((row) => row.day === DAY2)?.goalMet).toBe(false);
		expect(restored.days.find((row) => row.day === DAY0)?.goalMet).toBe(true);
		const eqBoost = restored.kindDays.find((row) => row.kind === 'eq-boost' && row.day === DAY1);
		expect(eqBoost?.bands).toEqual({ '1000': [2, 2], '125': [1, 1] });
		expect(restored.attempts.find((row) => row.kind === 'eq-match')?.params).toEqual({
			frequencyHz: 2500,
			gainDb: 6,
			matchGain: true,
			band: 'mid'
		});
	});

	it('accepts a file saved with a byte-order mark', () => {
		const result = parseBackup('\ufeff' + JSON.stringify(sourceJson()));
		expect(result.ok).toBe(true);
	});
});

describe('replace', () => {
	it('removes everything that is not in the backup', async () => {
		const device = freshDb();
		await seed(device, sourceFixture());
		const other = freshDb();
		await seed(other, {
			settings: [{ key: 'theme', value: 'light' }],
			attempts: [attempt({ sessionId: 'other', day: DAY2, timestamp: Date.UTC(2026, 10, 22) })],
			drillStates: [drillState('limiter', 1, 5)],
			sessions: [],
			lessons: [testLesson({ slug: 'true-peak' })],
			metDays: [],
			goal: SESSIONS_1
		});
		const result = await importText(device, serializeBackup(await exportBackup(other, NOW)));
		expect(result.ok).toBe(true);

		const after = await snapshot(device);
		expect(after).toEqual(await snapshot(other));
		expect(after.settings).toEqual([{ key: 'theme', value: 'light' }]);
		expect(after.attempts.map((row) => row.sessionId)).toEqual(['other']);
		expect(after.sessions).toEqual([]);
		expect(after.lessons.map((row) => row.slug)).toEqual(['true-peak']);
		expect(after.days.map((row) => row.day)).toEqual([DAY2]);
	});
});

describe('merge', () => {
	const LESSON_DAY = '2026-11-19';
	const DAYX = '2026-11-01';
	const DAYY = '2026-11-02';
	const DEVICE_LESSON_DAY = '2026-11-21';
	const a1 = attempt({ seed: 1, timestamp: 1_000 });
	const a2 = attempt({ seed: 2, timestamp: 2_000 });
	const a3 = attempt({ seed: 3, timestamp: 3_000 });
	const a4 = attempt({ sessionId: 's3', seed: 4, timestamp: 4_000, day: DAY2 });
	const a5 = attempt({ seed: 5, timestamp: 3_000 });

	const device: Fixture = {
		settings: [{ key: 'theme', value: 'dark' }],
		attempts: [a1, a2, a3],
		drillStates: [drillState('eq-boost', 3, 100), drillState('compression', 2, 500)],
		sessions: [session({ questions: 3 })],
		lessons: [
			testLesson({ slug: 'l1', position: 0.5, quizBest: 0.8 }),
			testLesson({
				slug: 'l2',
				position: 1,
				readToEnd: true,
				completedAt: 5_000,
				completedDay: DEVICE_LESSON_DAY
			})
		],
		metDays: [DAYX],
		goal: SESSIONS_1
	};
	const incoming: Fixture = {
		settings: [
			{ key: 'theme', value: 'light' },
			{ key: 'volume', value: 30 },
			{ key: 'dailyGoal', value: QUESTIONS_20 }
		],
		attempts: [a2, a3, a4, a5],
		drillStates: [
			drillState('eq-boost', 5, 200),
			drillState('compression', 9, 400),
			drillState('limiter', 1, 50)
		],
		sessions: [session({ questions: 99 }), session({ sessionId: 's3', day: DAY2 })],
		lessons: [
			testLesson({
				slug: 'l1',
				position: 0.9,
				readToEnd: true,
				quizBest: 0.6,
				completedAt: 2_000,
				completedDay: DAY1
			}),
			testLesson({
				slug: 'l2',
				position: 0.4,
				quizBest: 0.7,
				completedAt: 3_000,
				completedDay: LESSON_DAY
			}),
			testLesson({ slug: 'l3', position: 0.1 })
		],
		metDays: [DAYY],
		goal: QUESTIONS_20
	};

	async function mergeIncoming(db: MixDatabase) {
		const from = freshDb();
		await seed(from, incoming);
		const text = serializeBackup(await exportBackup(from, NOW));
		const result = await importText(db, text, 'merge');
		expect(result.ok).toBe(true);
	}

	it('unions the data as specified', async () => {
		const db = freshDb();
		await seed(db, device);
		await mergeIncoming(db);
		const after = await snapshot(db);

		expect(after.attempts.map((row) => row.seed)).toEqual([1, 2, 3, 4, 5]);
		expect(after.sessions.map((row) => [row.sessionId, row.questions])).toEqual([
			['s1', 3],
			['s3', 5]
		]);
		expect(after.settings).toEqual([
			{ key: 'dailyGoal', value: QUESTIONS_20 },
			{ key: 'theme', value: 'dark' },
			{ key: 'volume', value: 30 }
		]);
		expect(after.lessons).toEqual([
			testLesson({
				slug: 'l1',
				position: 0.9,
				readToEnd: true,
				quizBest: 0.8,
				completedAt: 2_000,
				completedDay: DAY1
			}),
			testLesson({
				slug: 'l2',
				position: 1,
				readToEnd: true,
				quizBest: 0.7,
				completedAt: 3_000,
				completedDay: LESSON_DAY
			}),
			testLesson({ slug: 'l3', position: 0.1 })
		]);
		expect(after.drillStates.map((row) => [row.kind, row.staircase.level, row.updatedAt])).toEqual([
			['compression', 2, 500],
			['eq-boost', 5, 200],
			['limiter', 1, 50]
		]);

		// Met flags from both sides survive (the device met DEVICE_LESSON_DAY with a lesson, which
		// now dates from LESSON_DAY); other days are judged by the merged goal (20 questions), so DAY2,
		// with a finished session but one question, is not met (it would be under 1 session).
		expect(after.days.filter((row) => row.goalMet).map((row) => row.day)).toEqual([
			DAYX,
			DAYY,
			DAY1,
			DEVICE_LESSON_DAY
		]);
		expect(after.days.find((row) => row.day === DEVICE_LESSON_DAY)).toMatchObject({ lessons: 0 });
		expect(after.days.find((row) => row.day === DAY2)).toMatchObject({
			questions: 1,
			sessions: 1,
			lessons: 0,
			goalMet: false
		});
		expect(after.days.find((row) => row.day === LESSON_DAY)).toMatchObject({ lessons: 1 });
		expect(after.days.find((row) => row.day === DAY1)).toMatchObject({ questions: 4, lessons: 1 });
		expect(after.kindDays.reduce((sum, row) => sum + row.attempts, 0)).toBe(5);
	});

	it('changes nothing when the same backup is merged twice', async () => {
		const db = freshDb();
		await seed(db, device);
		await mergeIncoming(db);
		const once = await snapshot(db);
		await mergeIncoming(db);
		expect(await snapshot(db)).toEqual(once);
		expect(await db.attempts.count()).toBe(5);
	});

	it('merging into an empty database gives the backup itself', async () => {
		const db = freshDb();
		await mergeIncoming(db);
		const expected = freshDb();
		await seed(expected, incoming);
		expect(await snapshot(db)).toEqual(await snapshot(expected));
	});
});

describe('parseBackup refuses a bad file and the database stays as it was', () => {
	const NOT_JSON = 'This file is damaged or incomplete: it is not valid JSON.';
	const NOT_OURS = "This isn't a Mix for the Master backup.";
	const BAD_VERSION =
		'This file is damaged or incomplete: its format version is missing or invalid.';
	const unsafe = (key: string) =>
		`This file contains unsafe data (a field named "${key}"), so it was not imported.`;
	let nested = '0';
	for (let i = 0; i < 5_000; i++) nested = `[${nested}]`;

	const cases: [string, () => string, string][] = [
		['empty text', () => '', 'This file is empty: there is no backup in it.'],
		['only white space', () => ' \n\t ', 'This file is empty: there is no backup in it.'],
		['text that is not JSON', () => 'Dear diary, I practised EQ today.', NOT_JSON],
		[
			'a truncated backup (cut in half)',
			() => {
				const text = JSON.stringify(sourceJson());
				return text.slice(0, Math.floor(text.length / 2));
			},
			NOT_JSON
		],
		['a package.json', () => '{"name":"some-app","version":"1.0.0"}', NOT_OURS],
		['a JSON array', () => '[{"format":"mix-for-the-master-backup","version":1}]', NOT_OURS],
		['a JSON string', () => '"mix-for-the-master-backup"', NOT_OURS],
		['null', () => 'null', NOT_OURS],
		['another format', () => damaged((json) => (json.format = 'other-app-backup')), NOT_OURS],
		[
			'a newer format version',
			() => damaged((json) => (json.version = 3)),
			'This backup was made by a newer version of the app (format 3). Update the app, then import it again.'
		],
		['version 0', () => damaged((json) => (json.version = 0)), BAD_VERSION],
		['a fractional version', () => damaged((json) => (json.version = 1.5)), BAD_VERSION],
		['a version string', () => damaged((json) => (json.version = '1')), BAD_VERSION],
		['no version', () => damaged((json) => delete json.version), BAD_VERSION],
		[
			'text over the size limit',
			() => ' '.repeat(MAX_BACKUP_BYTES + 1),
			'This file is too large to be a backup (64.1 MB).'
		],
		[
			'__proto__ in data',
			() =>
				'{"format":"mix-for-the-master-backup","version":1,"exportedAt":"x",' +
				'"data":{"__proto__":{"polluted":true},"settings":[],"attempts":[],"drillStates":[],' +
				'"sessions":[],"days":[],"lessons":[]}}',
			unsafe('__proto__')
		],
		[
			"__proto__ inside an attempt's params",
			() =>
				JSON.stringify(sourceJson()).replace(
					'"params":{"frequencyHz":1000}',
					'"params":{"frequencyHz":1000,"__proto__":{"polluted":true}}'
				),
			unsafe('__proto__')
		],
		[
			'a constructor key in a lesson',
			() =>
				JSON.stringify(sourceJson()).replace(
					'"slug":"loudness-and-lufs"',
					'"constructor":{"prototype":{"polluted":true}},"slug":"loudness-and-lufs"'
				),
			unsafe('constructor')
		],
		[
			'a prototype key at the top',
			() => damaged((json) => (json.prototype = { polluted: true })),
			unsafe('prototype')
		],
		[
			'huge nesting',
			() =>
				damaged((json) => json.data.settings.push({ key: 'deep', value: '__NESTED__' })).replace(
					'"__NESTED__"',
					nested
				),
			'This file is nested too deeply to be a backup.'
		],
		[
			'a number written as a string',
			() => damaged((json) => (json.data.attempts[1].level = '3')),
			'Attempt 2 has an invalid level.'
		],
		[
			'a score out of range',
			() => damaged((json) => (json.data.attempts[0].score = 2)),
			'Attempt 1 has an invalid score.'
		],
		[
			'a negative count',
			() => damaged((json) => ((json.data.days[1] as Record<string, unknown>).questions = -1)),
			'Day 2 has an invalid question count.'
		],
		[
			'an unknown drill kind',
			() => damaged((json) => (json.data.attempts[3].kind = 'eq-wobble')),
			'Attempt 4 has an unknown drill kind.'
		],
		[
			"an unknown drill kind in a session's kinds",
			() => damaged((json) => ((json.data.sessions[1] as SessionRow).kinds[1] = 'wah' as 'level')),
			'Session 2 has an unknown drill kind.'
		],
		[
			'a badly written day',
			() => damaged((json) => (json.data.attempts[11].day = '2026/11/22')),
			'Attempt 12 has an invalid day.'
		],
		[
			'a day that does not exist',
			() => damaged((json) => (json.data.attempts[11].day = '2026-02-30')),
			'Attempt 12 has an invalid day.'
		],
		[
			'a non-finite number (1e999)',
			() =>
				damaged((json) => (json.data.attempts[2].responseMs = '__INF__')).replace(
					'"__INF__"',
					'1e999'
				),
			'Attempt 3 has an invalid response time.'
		],
		[
			'null for a number',
			() => damaged((json) => (json.data.attempts[0].levelValue = null)),
			'Attempt 1 has an invalid level value.'
		],
		[
			'a missing field',
			() => damaged((json) => delete json.data.attempts[0].timestamp),
			'Attempt 1 has no time.'
		],
		[
			'an over-long answer',
			() => damaged((json) => (json.data.attempts[0].answer = 'x'.repeat(201))),
			"Attempt 1's answer is too long."
		],
		[
			'an over-long parameter value',
			() => damaged((json) => (json.data.attempts[0].params = { note: 'x'.repeat(201) })),
			"Attempt 1's parameters are too long."
		],
		[
			'too many parameters',
			() =>
				damaged(
					(json) =>
						(json.data.attempts[0].params = Object.fromEntries(
							Array.from({ length: 65 }, (_, i) => [`p${i}`, i])
						))
				),
			'Attempt 1 has too many parameters.'
		],
		[
			'too many attempts',
			() => damaged((json) => (json.data.attempts = new Array(1_000_001).fill(0))),
			'This backup lists too many attempts (more than 1,000,000).'
		],
		[
			'an attempt that is not an object',
			() => damaged((json) => (json.data.attempts[0] = 'attempt' as never)),
			'Attempt 1 is not a valid attempt.'
		],
		[
			'an unknown arrangement style',
			() => damaged((json) => (json.data.attempts[0].source = { kind: 'arrangement', style: 'x' })),
			'Attempt 1 has an invalid sound source.'
		],
		[
			'a broken staircase',
			() =>
				damaged((json) => {
					(json.data.drillStates[0] as DrillStateRow).staircase.reversals = [1, -2];
				}),
			'Drill state 1 has an invalid staircase.'
		],
		[
			'a quiz score over 100 %',
			() => damaged((json) => ((json.data.lessons[0] as LessonRow).quizBest = 1.5)),
			'Lesson 1 has an invalid best quiz score.'
		],
		[
			'the same session twice',
			() => damaged((json) => json.data.sessions.push(json.data.sessions[0])),
			"Session 3 repeats an earlier session's id."
		],
		[
			'an invalid export date',
			() => damaged((json) => (json.exportedAt = 'last tuesday')),
			'This backup is damaged: its export date is missing or invalid.'
		],
		[
			'a missing table',
			() => damaged((json) => delete json.data.lessons),
			'This backup is damaged: its list of lessons is missing or invalid.'
		],
		[
			'no data section',
			() => damaged((json) => (json.data = 'none' as never)),
			'This backup is damaged: its data section is missing or invalid.'
		]
	];

	it.each(cases)('%s', async (_name, makeText, message) => {
		const db = freshDb();
		await seed(db, {
			settings: [{ key: 'theme', value: 'light' }],
			attempts: [attempt({ sessionId: 'device' })],
			drillStates: [drillState('mono', 2, 9)],
			sessions: [session({ sessionId: 'device' })],
			lessons: [testLesson({ slug: 'device-lesson' })],
			metDays: [DAY0],
			goal: SESSIONS_1
		});
		const before = await snapshot(db);
		const result = await importText(db, makeText());
		expect(result).toEqual({ ok: false, message });
		expect(await snapshot(db)).toEqual(before);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.prototype).not.toHaveProperty('polluted');
	});
});

describe('parseBackup output', () => {
	it('keeps only known fields and settings with valid values, in fresh plain objects', () => {
		const json = sourceJson();
		json.app = 'future';
		json.data.kindDays = [{ kind: 'eq-boost' }];
		json.data.attempts[0].mood = 'happy';
		json.data.settings = [
			{ key: 'theme', value: 'purple' },
			{ key: 'futureSetting', value: { deep: [1, 2] } },
			{ key: 'volume', value: 42 },
			{ key: 'dailyGoal', value: { kind: 'minutes', target: 10, extra: 1 } },
			{ key: 'sessionLength', value: 7 }
		];
		const result = parseBackup(JSON.stringify(json));
		if (!result.ok) throw new Error(result.message);
		const { backup } = result;

		expect(Object.keys(backup)).toEqual(['format', 'version', 'exportedAt', 'data']);
		expect(Object.keys(backup.data).sort()).toEqual(BACKUP_TABLES);
		expect(backup.data.attempts[0]).not.toHaveProperty('mood');
		expect(backup.data.settings).toEqual([
			{ key: 'volume', value: 42 },
			{ key: 'dailyGoal', value: { kind: 'minutes', target: 10 } }
		]);
		for (const row of [backup.data.attempts[0], backup.data.attempts[0].params, backup.data]) {
			expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
		}
	});

	it('counts attempts, sessions and lessons for the confirmation', () => {
		const json = sourceJson();
		json.data.lessons.push(testLesson({ slug: 'third' }));
		const result = parseBackup(JSON.stringify(json));
		expect(result.ok && result.counts).toEqual({ attempts: 12, sessions: 2, lessons: 3 });
	});

	it('never throws, whatever it is given', () => {
		expect(parseBackup(undefined as unknown as string).ok).toBe(false);
		const noData = { format: BACKUP_FORMAT, version: 1, exportedAt: NOW.toISOString() };
		expect(parseBackup(JSON.stringify(noData))).toEqual({
			ok: false,
			message: 'This backup is damaged: its data section is missing or invalid.'
		});
	});
});

describe('importBackup failure', () => {
	async function setUp() {
		const db = freshDb();
		await seed(db, sourceFixture());
		const parsed = parseBackup(
			damaged((json) => {
				json.data.attempts = json.data.attempts.slice(0, 2);
				json.data.sessions = [];
			})
		);
		if (!parsed.ok) throw new Error(parsed.message);
		return { db, backup: parsed.backup, before: await snapshot(db) };
	}

	it.each(['replace', 'merge'] as const)(
		'rolls back a %s when a write inside the transaction fails',
		async (mode) => {
			const { db, backup, before } = await setUp();
			const failure = new Error('disk full');
			if (mode === 'replace') vi.spyOn(db.lessons, 'bulkAdd').mockRejectedValue(failure);
			else vi.spyOn(db.kindDays, 'bulkAdd').mockRejectedValue(failure);
			await expect(importBackup(db, { backup, mode })).rejects.toThrow('disk full');
			expect(await snapshot(db)).toEqual(before);
		}
	);

	it.each(['replace', 'merge'] as const)(
		'rolls back a %s that breaks a unique key',
		async (mode) => {
			const { db, backup, before } = await setUp();
			const extra = session({ sessionId: 'twice' });
			const broken: Backup = {
				...backup,
				data: { ...backup.data, sessions: [extra, { ...extra }] }
			};
			await expect(importBackup(db, { backup: broken, mode })).rejects.toThrow();
			expect(await snapshot(db)).toEqual(before);
		}
	);
});

describe('review cards', () => {
	it('round-trip, and a merge keeps the copy reviewed last', async () => {
		const older = newReview({ slug: 'a', index: 0, now: 1_000 });
		const newer = gradeReview({ review: older, correct: true, now: 200_000_000 });
		const device = freshDb();
		await device.reviews.bulkAdd([older, newReview({ slug: 'b', index: 1, now: 5_000 })]);
		const other = freshDb();
		await other.reviews.bulkAdd([newer, newReview({ slug: 'c', index: 2, now: 6_000 })]);
		const result = parseBackup(serializeBackup(await exportBackup(other, NOW)));
		if (!result.ok) throw new Error(result.message);
		expect(result.backup.data.reviews).toEqual([
			newer,
			newReview({ slug: 'c', index: 2, now: 6_000 })
		]);
		await importBackup(device, { backup: result.backup, mode: 'merge' });
		const merged = await device.reviews.orderBy('id').toArray();
		expect(merged.map((r) => [r.id, r.updatedAt])).toEqual([
			['a#0', 200_000_000],
			['b#1', 5_000],
			['c#2', 6_000]
		]);
	});

	it('accepts a file made before review cards existed', () => {
		const json = JSON.parse(serializeBackup({ ...emptyBackup(), data: { ...emptyBackup().data } }));
		delete json.data.reviews;
		const result = parseBackup(JSON.stringify(json));
		expect(result.ok && result.backup.data.reviews).toEqual([]);
	});
});

function emptyBackup(): Backup {
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: NOW.toISOString(),
		data: {
			settings: [],
			attempts: [],
			drillStates: [],
			sessions: [],
			days: [],
			lessons: [],
			reviews: [],
			mixSessions: []
		}
	};
}

describe('mix sessions', () => {
	const session = (id: string, updatedAt: number): MixSessionRow => ({
		id,
		style: 'hip-hop',
		seed: 42,
		level: 2,
		startedAt: 1_000,
		updatedAt,
		day: '2026-11-24',
		settings: flatMix(),
		master: { ...DEFAULT_MASTER, targetLufs: -10 },
		checks: [
			{
				at: 2_000,
				passed: 19,
				total: 21,
				failed: ['lead', 'octave-2k'],
				problems: [{ kind: 'lead-buried', pass: false }]
			}
		]
	});

	it('round-trip with their settings and checks, and a merge keeps the copy changed last', async () => {
		const device = freshDb();
		await device.mixSessions.bulkAdd([session('a', 5_000), session('b', 6_000)]);
		const other = freshDb();
		const newer = { ...session('a', 9_000), seed: 7 };
		await other.mixSessions.bulkAdd([newer, session('c', 7_000)]);
		const result = parseBackup(serializeBackup(await exportBackup(other, NOW)));
		if (!result.ok) throw new Error(result.message);
		expect(result.backup.data.mixSessions).toEqual([newer, session('c', 7_000)]);
		await importBackup(device, { backup: result.backup, mode: 'merge' });
		const merged = await device.mixSessions.orderBy('id').toArray();
		expect(merged.map((r) => [r.id, r.updatedAt, r.seed])).toEqual([
			['a', 9_000, 7],
			['b', 6_000, 42],
			['c', 7_000, 42]
		]);
		await importBackup(device, { backup: result.backup, mode: 'replace' });
		expect(await device.mixSessions.orderBy('id').toArray()).toEqual([newer, session('c', 7_000)]);
	});

	it('rebuild the days and streak the checks made on the device, in either mode, once', async () => {
		// Three days running, met by mix checks: one stored before checks kept their day (dated by
		// its time), one beside an answer, and two on a day one of them was run just after midnight
		// in a zone ahead (its stored day, not its time, decides).
		const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);
		const checked = ({ at, day }: { at: number; day?: string }) => ({
			at,
			...(day ? { day } : {}),
			passed: 20,
			total: 21,
			failed: ['rumble'],
			problems: [{ kind: 'rumble' as const, pass: false }]
		});
		const device = freshDb();
		await recordAttempt(device, {
			attempt: testAttempt({ day: DAY1 }),
			staircase: createStaircase()
		});
		await saveMixSession(device, {
			...session('a', 5_000),
			checks: [checked({ at: noon('2026-11-19') }), checked({ at: noon(DAY1), day: DAY1 })]
		});
		await saveMixSession(device, {
			...session('b', 6_000),
			checks: [
				checked({ at: noon(DAY1) + 1, day: '2026-11-21' }),
				checked({ at: noon('2026-11-21'), day: '2026-11-21' })
			]
		});
		const days = async (db: MixDatabase) =>
			(await db.days.orderBy('day').toArray()).map((d) => [
				d.day,
				d.questions,
				d.mixChecks ?? 0,
				d.goalMet
			]);
		const expected = [
			['2026-11-19', 0, 1, true],
			[DAY1, 1, 1, true],
			['2026-11-21', 0, 2, true]
		];
		expect(await days(device)).toEqual(expected);
		const backup = parseBackup(serializeBackup(await exportBackup(device, NOW)));
		if (!backup.ok) throw new Error(backup.message);

		const fresh = freshDb();
		await importBackup(fresh, { backup: backup.backup, mode: 'replace' });
		expect(await days(fresh)).toEqual(expected);
		const streakOf = async (db: MixDatabase) =>
			computeStreak(
				(await db.days.toArray()).filter((d) => d.goalMet).map((d) => d.day),
				'2026-11-21'
			).current;
		expect(await streakOf(fresh)).toBe(3);
		expect(await streakOf(device)).toBe(3);

		// Merging the same sessions into a device that has them counts nothing twice.
		await importBackup(device, { backup: backup.backup, mode: 'merge' });
		await importBackup(device, { backup: backup.backup, mode: 'merge' });
		expect(await days(device)).toEqual(expected);
	});

	it('refuses a session whose settings the mixer would refuse, and accepts files made before', () => {
		const json = JSON.parse(serializeBackup({ ...emptyBackup(), data: { ...emptyBackup().data } }));
		json.data.mixSessions = [{ ...session('a', 1), settings: { stems: {}, bus: {} } }];
		const bad = parseBackup(JSON.stringify(json));
		expect(bad.ok).toBe(false);
		expect(!bad.ok && bad.message).toMatch(/Mix session 1 has invalid mix settings/);
		delete json.data.mixSessions;
		const old = parseBackup(JSON.stringify(json));
		expect(old.ok && old.backup.data.mixSessions).toEqual([]);
	});
});

describe('resetAll', () => {
	it('empties every table', async () => {
		const db = freshDb();
		await seed(db, sourceFixture());
		expect(await db.attempts.count()).toBe(12);
		await resetAll(db);
		const counts = await Promise.all(db.tables.map((table) => table.count()));
		expect(db.tables).toHaveLength(10);
		expect(counts).toEqual(db.tables.map(() => 0));
	});
});
