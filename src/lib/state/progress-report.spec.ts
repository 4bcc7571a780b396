import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../db/database';
import { createStaircase } from '../drills/staircase';
import { emptyDay } from '../progress/aggregate';
import type { DayRow, KindDayRow } from '../progress/records';
import { ProgressReportState } from './progress-report.svelte';
import { flatMix } from '../mix/mixer';
import { DEFAULT_MASTER } from '../mix/master-defaults';
import { installBrowser, removeBrowser, resetDatabase } from './test-browser';

const TODAY = '2026-03-10';

const day = (date: string, fields: Partial<DayRow>): DayRow => ({ ...emptyDay(date), ...fields });
const kindDay = (fields: Partial<KindDayRow> & Pick<KindDayRow, 'kind' | 'day'>): KindDayRow => ({
	attempts: 0,
	correct: 0,
	level: 0,
	levelValue: 0,
	bands: {},
	...fields
});

let report: ProgressReportState;

beforeEach(() => {
	installBrowser();
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(new Date(2026, 2, 10, 9, 30));
	report = new ProgressReportState();
});

afterEach(async () => {
	report.stop();
	vi.useRealTimers();
	removeBrowser();
	await resetDatabase();
});

describe('ProgressReportState', () => {
	it('builds the report from the stored days, drill days, staircases and lessons', async () => {
		const db = getDatabase();
		await db.days.bulkPut([
			day('2026-03-08', { sessions: 1, questions: 10, activeMs: 300_000, goalMet: true }),
			day('2026-03-09', { sessions: 2, questions: 20, activeMs: 600_000, goalMet: true }),
			day(TODAY, { questions: 4, activeMs: 60_000 })
		]);
		await db.kindDays.bulkPut([
			kindDay({
				kind: 'eq-boost',
				day: '2026-03-08',
				attempts: 10,
				correct: 5,
				level: 1,
				levelValue: 9,
				bands: { '1000': [6, 2] }
			}),
			kindDay({
				kind: 'eq-boost',
				day: '2026-03-09',
				attempts: 10,
				correct: 9,
				level: 2,
				levelValue: 6,
				bands: { '1000': [4, 4] }
			}),
			kindDay({ kind: 'limiter', day: TODAY, attempts: 4, correct: 1 })
		]);
		await db.drillStates.put({ kind: 'eq-boost', staircase: createStaircase(2), updatedAt: 1 });
		await db.lessons.put({
			slug: 'translation',
			position: 1,
			readToEnd: true,
			quizBest: 1,
			completedAt: 1,
			completedDay: '2026-03-09'
		});

		report.start();
		await vi.waitFor(() => expect(report.value).not.toBeNull());
		const value = report.value!;
		expect(value.today).toBe(TODAY);
		expect(value.streak.current).toBe(2);
		expect(value.totals).toEqual({ questions: 34, sessions: 3, minutes: 16, daysPractised: 3 });
		expect(value.lessonsCompleted).toBe(1);
		expect(value.activity.at(-1)).toEqual({
			day: TODAY,
			sessions: 0,
			minutes: 1,
			questions: 4,
			mixChecks: 0
		});

		const eqBoost = value.drills.find((d) => d.id === 'eq-boost')!;
		expect(eqBoost.questions).toBe(20);
		expect(eqBoost.accuracy).toBeCloseTo(14 / 20, 9);
		expect(eqBoost.thresholdLevel).toBe(2);
		expect(eqBoost.history.map((h) => h.level)).toEqual([1, 2]);
		expect(value.drills.find((d) => d.id === 'limiter')?.accuracy).toBe(0.25);
		expect(value.drills.find((d) => d.id === 'mono')?.thresholdLevel).toBeNull();
		expect(value.bands.find((b) => b.hz === 1000)).toEqual({ hz: 1000, questions: 10, correct: 6 });
	});

	it('reads the mix checks by problem kind from the stored Mix Lab sessions', async () => {
		report.start();
		await vi.waitFor(() => expect(report.value?.mixChecks.checks).toBe(0));
		await getDatabase().mixSessions.put({
			id: 'm1',
			style: 'electronic',
			seed: 3,
			level: 2,
			startedAt: 0,
			updatedAt: 0,
			day: TODAY,
			settings: flatMix(),
			master: DEFAULT_MASTER,
			checks: [
				{
					at: 1,
					day: TODAY,
					passed: 19,
					total: 21,
					failed: ['harsh'],
					problems: [
						{ kind: 'harsh', pass: false },
						{ kind: 'rumble', pass: true }
					]
				}
			]
		});
		await vi.waitFor(() => expect(report.value?.mixChecks.checks).toBe(1));
		expect(
			report.value?.mixChecks.kinds.map((k) => [k.name, k.passed, k.weeks.at(-1)?.checked])
		).toEqual([
			['Rumble under 40 Hz', 1, 1],
			['Harsh upper mids', 0, 1]
		]);
	});

	it('updates when another day is stored', async () => {
		report.start();
		await vi.waitFor(() => expect(report.value?.totals.questions).toBe(0));
		await getDatabase().days.put(day(TODAY, { sessions: 1, questions: 10, goalMet: true }));
		await vi.waitFor(() => expect(report.value?.totals.questions).toBe(10));
		expect(report.value?.streak.todayCounted).toBe(true);
	});
});
