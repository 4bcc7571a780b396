import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../db/database';
import { emptyDay } from '../progress/aggregate';
import type { DayRow, LessonRow } from '../progress/records';
import { DEFAULT_GOAL } from '../progress/streak';
import { flatMix } from '../mix/mixer';
import { DEFAULT_MASTER } from '../mix/master-defaults';
import { latestMixSession, saveMixSession } from '../db/mix-sessions-repo';
import { installBrowser, removeBrowser, resetDatabase } from './test-browser';
import { TodayState } from './today.svelte';

const TODAY = '2026-03-10';

const day = (date: string, fields: Partial<DayRow> = {}): DayRow => ({
	...emptyDay(date),
	...fields
});
const met = (date: string) => day(date, { sessions: 1, goalMet: true });
const lesson = (slug: string, completedAt: number | null): LessonRow => ({
	slug,
	position: 1,
	readToEnd: true,
	quizBest: completedAt === null ? 0.4 : 1,
	completedAt,
	completedDay: completedAt === null ? null : '2026-03-05'
});

let today: TodayState;

async function read(): Promise<NonNullable<TodayState['value']>> {
	today = new TodayState();
	today.start();
	await vi.waitFor(() => expect(today.value).not.toBeNull());
	return today.value!;
}

beforeEach(() => {
	installBrowser();
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(new Date(2026, 2, 10, 12, 0));
});

afterEach(async () => {
	today?.stop();
	vi.restoreAllMocks();
	vi.useRealTimers();
	removeBrowser();
	await resetDatabase();
});

describe('TodayState', () => {
	it('reads the streak, the goal, progress toward it and the completed lessons', async () => {
		const db = getDatabase();
		await db.settings.put({ key: 'dailyGoal', value: { kind: 'questions', target: 20 } });
		// An older run broken by a gap, then three days in a row up to yesterday.
		await db.days.bulkPut([
			met('2026-02-20'),
			met('2026-03-07'),
			met('2026-03-08'),
			met('2026-03-09'),
			day(TODAY, { questions: 5 })
		]);
		await db.lessons.bulkPut([lesson('translation', 1_000), lesson('dynamics', null)]);

		const snapshot = await read();
		expect(snapshot.today).toBe(TODAY);
		expect(snapshot.goal).toEqual({ kind: 'questions', target: 20 });
		expect(snapshot.row?.questions).toBe(5);
		expect(snapshot.progress).toBeCloseTo(0.25, 9);
		expect(snapshot.streak.current).toBe(3);
		expect(snapshot.streak.todayCounted).toBe(false);
		expect(snapshot.completedLessons).toEqual(['translation']);
	});

	it('shows a met day as done even when its totals fall short of the current goal', async () => {
		const db = getDatabase();
		await db.settings.put({ key: 'dailyGoal', value: { kind: 'minutes', target: 10 } });
		// Met under the goal of the morning (one session); the goal changed since.
		await db.days.bulkPut([met('2026-03-09'), met(TODAY)]);
		const snapshot = await read();
		expect(snapshot.progress).toBe(1);
		expect(snapshot.streak.current).toBe(2);
		expect(snapshot.streak.todayCounted).toBe(true);
	});

	it('starts from nothing on a new device', async () => {
		const snapshot = await read();
		expect(snapshot.row).toBeNull();
		expect(snapshot.goal).toEqual(DEFAULT_GOAL);
		expect(snapshot.progress).toBe(0);
		expect(snapshot.streak.current).toBe(0);
		expect(snapshot.completedLessons).toEqual([]);
		expect(snapshot.started).toBe(false);
	});

	it.each([
		[
			'one question answered, long ago',
			{ days: [day('2025-01-02', { questions: 1 })], lessons: [] }
		],
		['a lesson finished', { days: [], lessons: [lesson('loudness', 1)] }],
		['a mix checked in the Mix Lab', { days: [day('2026-03-01', { mixChecks: 1 })], lessons: [] }]
	])('counts the learner as started after %s', async (_, { days, lessons }) => {
		const db = getDatabase();
		await db.days.bulkPut(days);
		await db.lessons.bulkPut(lessons);
		expect((await read()).started).toBe(true);
	});

	it('does not count a lesson only read halfway as a start', async () => {
		await getDatabase().lessons.put(lesson('loudness', null));
		expect((await read()).started).toBe(false);
	});

	it.each([
		['a goal the app does not offer', { kind: 'questions', target: 7 }],
		['a goal of an unknown kind', { kind: 'hours', target: 1 }],
		['not a goal at all', 'lots']
	])('falls back to the default goal for %s', async (_, value) => {
		const db = getDatabase();
		await db.settings.put({ key: 'dailyGoal', value });
		await db.days.put(day(TODAY, { questions: 20, sessions: 0 }));
		const snapshot = await read();
		expect(snapshot.goal).toEqual(DEFAULT_GOAL);
		// One session is the default goal; twenty questions outside a finished session are not one.
		expect(snapshot.progress).toBe(0);
	});

	it('falls back to the default goal when the goal cannot be read at all', async () => {
		const db = getDatabase();
		await db.days.put(met('2026-03-09'));
		// Today reads through db/peek.ts, on IndexedDB itself.
		const get = IDBObjectStore.prototype.get;
		vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (
			this: IDBObjectStore,
			key: IDBValidKey | IDBKeyRange
		) {
			if (this.name === 'settings')
				throw new DOMException('a row that will not decode', 'DataError');
			return get.call(this, key);
		});
		const snapshot = await read();
		expect(snapshot.goal).toEqual(DEFAULT_GOAL);
		expect(snapshot.streak.current).toBe(1);
		expect(today.error).toBe('');
	});

	it('moves the ring and the streak when a mix check is stored', async () => {
		const db = getDatabase();
		await db.days.put(met('2026-03-09'));
		await db.mixSessions.put({
			id: 'm1',
			style: 'ballad',
			seed: 1,
			level: 1,
			startedAt: 0,
			updatedAt: 0,
			day: TODAY,
			settings: flatMix(),
			master: DEFAULT_MASTER,
			checks: []
		});
		await read();
		expect(today.value?.progress).toBe(0);
		expect(today.value?.streak).toMatchObject({ current: 1, todayCounted: false });
		const stored = (await latestMixSession(db))!;
		const check = { at: 1, day: TODAY, passed: 1, total: 2, failed: [], problems: [] };
		await saveMixSession(db, { ...stored, checks: [check] });
		await vi.waitFor(() => expect(today.value?.progress).toBe(1));
		expect(today.value?.streak).toMatchObject({ current: 2, todayCounted: true });
		expect(today.value?.row?.mixChecks).toBe(1);
	});

	it('updates when practice is stored (in any tab)', async () => {
		const db = getDatabase();
		await db.settings.put({ key: 'dailyGoal', value: { kind: 'questions', target: 20 } });
		await read();
		expect(today.value?.progress).toBe(0);
		await db.days.put(day(TODAY, { questions: 10 }));
		await vi.waitFor(() => expect(today.value?.progress).toBeCloseTo(0.5, 9));
		await db.lessons.put(lesson('dynamics', 2_000));
		await vi.waitFor(() => expect(today.value?.completedLessons).toEqual(['dynamics']));
	});
});
