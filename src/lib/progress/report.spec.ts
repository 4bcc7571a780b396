import { describe, expect, it } from 'vitest';
import type { DayRow, KindDayRow } from './records';
import { getDrillKind, drillKinds } from '../drills/registry';
import { createStaircase } from '../drills/staircase';
import type { DrillKind } from '../drills/types';
import { addDays } from './calendar';
import { buildProgressReport } from './report';

const day = (d: string, overrides: Partial<DayRow> = {}): DayRow => ({
	day: d,
	sessions: 1,
	questions: 10,
	correct: 8,
	activeMs: 5 * 60_000,
	lessons: 0,
	goalMet: true,
	...overrides
});
const kindDay = (kind: KindDayRow['kind'], d: string, overrides: Partial<KindDayRow> = {}) => ({
	kind,
	day: d,
	attempts: 10,
	correct: 7,
	level: 2,
	levelValue: 12,
	bands: {},
	...overrides
});
const eqBoost = getDrillKind('eq-boost') as DrillKind;
const today = '2026-11-24';

describe('progress report', () => {
	it('marks the calendar: practised, frozen, missed, today pending, days after today empty', () => {
		// 7 days in a row (earns a freeze), a miss (frozen), then 3 more days, then yesterday missed
		// with no freeze left.
		const met: string[] = [];
		for (let i = 0; i < 7; i++) met.push(addDays('2026-11-10', i));
		for (let i = 0; i < 3; i++) met.push(addDays('2026-11-18', i));
		const report = buildProgressReport({
			days: [...met.map((d) => day(d)), day('2026-11-22', { goalMet: false, sessions: 0 })],
			kindDays: [],
			drillStates: [],
			lessons: [],
			kinds: drillKinds,
			today
		});
		const november = report.calendar.find((m) => m.month === '2026-11')!;
		const mark = (d: string) => november.days.find((c) => c.day === d)?.mark;
		expect(report.calendar).toHaveLength(12);
		expect(report.calendar[11].month).toBe('2026-11');
		expect(report.calendar[0].month).toBe('2025-12');
		expect(mark('2026-11-09')).toBe('none');
		expect(mark('2026-11-10')).toBe('counted');
		expect(mark('2026-11-17')).toBe('frozen');
		expect(mark('2026-11-21')).toBe('missed');
		expect(mark('2026-11-23')).toBe('missed');
		expect(mark(today)).toBe('pending');
		expect(mark('2026-11-25')).toBe('future');
		expect(november.counted).toBe(10);
		expect(november.frozen).toBe(1);
		expect(report.streak.current).toBe(0);
		expect(report.streak.longest).toBe(10);
	});

	it('sums the last 30 days of activity and the totals', () => {
		const report = buildProgressReport({
			days: [
				day(today, { activeMs: 90_000, sessions: 2, lessons: 1 }),
				day(addDays(today, -29)),
				day(addDays(today, -30), { questions: 99 }),
				day(addDays(today, -3), { sessions: 0, questions: 0, activeMs: 0, mixChecks: 2 })
			],
			kindDays: [],
			drillStates: [],
			lessons: [
				{
					slug: 'a',
					position: 1,
					readToEnd: true,
					quizBest: 1,
					completedAt: 1,
					completedDay: today
				},
				{
					slug: 'b',
					position: 0.4,
					readToEnd: false,
					quizBest: null,
					completedAt: null,
					completedDay: null
				}
			],
			kinds: drillKinds,
			today
		});
		expect(report.activity).toHaveLength(30);
		expect(report.activity[0].day).toBe(addDays(today, -29));
		expect(report.activity[29]).toEqual({
			day: today,
			sessions: 3,
			minutes: 1.5,
			questions: 10,
			mixChecks: 0
		});
		// A day of mix checks alone is a day of activity.
		expect(report.activity[26]).toEqual({
			day: addDays(today, -3),
			sessions: 0,
			minutes: 0,
			questions: 0,
			mixChecks: 2
		});
		expect(report.activity.reduce((s, d) => s + d.questions, 0)).toBe(20);
		expect(report.totals).toEqual({ questions: 119, sessions: 4, minutes: 12, daysPractised: 4 });
		expect(report.lessonsCompleted).toBe(1);
	});

	it('gives each drill its threshold in its unit, recent accuracy and a day-by-day history', () => {
		const staircase = {
			...createStaircase(4),
			reversals: [3, 5, 4, 5],
			lastDirection: 'harder' as const
		};
		const report = buildProgressReport({
			days: [],
			kindDays: [
				kindDay('eq-boost', addDays(today, -40), { attempts: 10, correct: 2, levelValue: 12 }),
				kindDay('eq-boost', addDays(today, -2), { attempts: 10, correct: 8, levelValue: 9 }),
				kindDay('eq-boost', today, { attempts: 10, correct: 6, levelValue: 6 })
			],
			drillStates: [{ kind: 'eq-boost', staircase, updatedAt: 1 }],
			lessons: [],
			kinds: drillKinds,
			today
		});
		const boost = report.drills.find((d) => d.id === 'eq-boost')!;
		expect(boost.questions).toBe(30);
		expect(boost.accuracy).toBeCloseTo(14 / 20, 10);
		// Threshold: the mean of the reversals (4.25 rungs), read at the nearest rung.
		expect(boost.thresholdLevel).toBe(4.25);
		expect(boost.threshold).toBe(eqBoost.levels[4].value);
		expect(boost.thresholdText).toBe(eqBoost.levels[4].description);
		expect(boost.levelCount).toBe(eqBoost.levels.length);
		expect(boost.history.map((h) => [h.level, h.value])).toEqual([
			[2, 12],
			[2, 9],
			[2, 6]
		]);
		const cut = report.drills.find((d) => d.id === 'eq-cut')!;
		expect(cut).toMatchObject({ questions: 0, accuracy: null, threshold: null, history: [] });
	});

	it('adds up EQ accuracy per octave band over 90 days, from EQ drills only', () => {
		const report = buildProgressReport({
			days: [],
			kindDays: [
				kindDay('eq-boost', today, { bands: { '125': [4, 1], '1000': [6, 6] } }),
				kindDay('eq-cut', addDays(today, -89), { bands: { '125': [2, 2] } }),
				kindDay('eq-cut', addDays(today, -90), { bands: { '125': [50, 0] } }),
				kindDay('limiter', today, { bands: { '125': [9, 0] } })
			],
			drillStates: [],
			lessons: [],
			kinds: drillKinds,
			today
		});
		expect(report.bands).toHaveLength(10);
		expect(report.bands.find((b) => b.hz === 125)).toEqual({ hz: 125, questions: 6, correct: 3 });
		expect(report.bands.find((b) => b.hz === 1000)).toEqual({ hz: 1000, questions: 6, correct: 6 });
		expect(report.bands.find((b) => b.hz === 8000)).toEqual({ hz: 8000, questions: 0, correct: 0 });
	});
});
