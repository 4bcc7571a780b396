import { describe, expect, it } from 'vitest';
import { octaveBandOf } from '../drills/octave-bands';
import {
	ACTIVE_CAP_MS,
	activeMsOf,
	addAttemptToDay,
	addMixCheckToDay,
	emptyDay,
	rebuildAggregates,
	rejudgeDay
} from './aggregate';
import { DEFAULT_GOAL, type DailyGoal } from './streak';
import type { MixCheckSummary } from '../mix/session-record';
import { testAttempt, testSession } from './test-records';

describe('aggregates', () => {
	it('caps the time one answer adds and ignores nonsense', () => {
		expect(activeMsOf(3000)).toBe(3000);
		expect(activeMsOf(10 * 60_000)).toBe(ACTIVE_CAP_MS);
		expect(activeMsOf(-5)).toBe(0);
		expect(activeMsOf(Number.NaN)).toBe(0);
	});

	it('puts a frequency in the nearest octave band on a log scale', () => {
		expect(octaveBandOf(1000)).toBe('1000');
		expect(octaveBandOf(1400)).toBe('1000'); // 0.49 octave above 1 kHz
		expect(octaveBandOf(1420)).toBe('2000'); // 0.506 octave above, 0.494 below 2 kHz
		expect(octaveBandOf(20)).toBe('31.5');
		expect(octaveBandOf(20000)).toBe('16000');
		expect(octaveBandOf('250')).toBe('250');
		expect(octaveBandOf(undefined)).toBeNull();
		expect(octaveBandOf(0)).toBeNull();
	});

	it('meets a questions goal at the 20th answer and keeps it met', () => {
		const goal = { kind: 'questions', target: 20 } as const;
		let row = undefined;
		for (let i = 0; i < 19; i++) row = addAttemptToDay({ row, attempt: testAttempt(), goal });
		expect(row?.goalMet).toBe(false);
		row = addAttemptToDay({ row, attempt: testAttempt(), goal });
		expect(row.goalMet).toBe(true);
		expect(rejudgeDay({ row, day: row.day, goal: { kind: 'minutes', target: 10 } }).goalMet).toBe(
			true
		);
	});

	it('rebuilds days from attempts, sessions and lessons, keeping days met under an earlier goal', () => {
		const { days, kindDays } = rebuildAggregates({
			attempts: [
				testAttempt({ timestamp: 2, correct: false, level: 2, levelValue: 9 }),
				testAttempt({ timestamp: 1 }),
				testAttempt({ day: '2026-11-20', kind: 'limiter', params: {} })
			],
			sessions: [testSession({ questions: 2, correct: 1, activeMs: 6000 })],
			lessons: [
				{
					slug: 'x',
					position: 1,
					readToEnd: true,
					quizBest: 1,
					completedAt: 5,
					completedDay: '2026-11-22'
				}
			],
			goal: DEFAULT_GOAL,
			metDays: new Set(['2026-11-20', '2026-11-01'])
		});
		const byDay = Object.fromEntries(days.map((d) => [d.day, d]));
		expect(byDay['2026-11-24']).toMatchObject({
			questions: 2,
			correct: 1,
			sessions: 1,
			goalMet: true
		});
		// A limiter answer alone does not meet "1 session", but the day was met when it happened.
		expect(byDay['2026-11-20']).toMatchObject({ questions: 1, sessions: 0, goalMet: true });
		// A completed lesson counts as a session.
		expect(byDay['2026-11-22']).toMatchObject({ lessons: 1, goalMet: true });
		expect(byDay['2026-11-01']).toMatchObject({ questions: 0, goalMet: true });
		const boost = kindDays.find((k) => k.kind === 'eq-boost')!;
		// The last answer of the day (by time) sets the level.
		expect(boost).toMatchObject({ attempts: 2, correct: 1, level: 2, levelValue: 9 });
		expect(boost.bands).toEqual({ '1000': [2, 1] });
	});

	it('counts a mix check toward its day and leaves days without one as they were', () => {
		const goal: DailyGoal = { kind: 'questions', target: 20 };
		let row = addMixCheckToDay({ row: undefined, day: '2026-11-24', goal });
		expect(row).toEqual({ ...emptyDay('2026-11-24'), mixChecks: 1 });
		for (let i = 0; i < 3; i++) row = addMixCheckToDay({ row, day: row.day, goal });
		// Four checks are worth 20 answers.
		expect(row).toMatchObject({ mixChecks: 4, questions: 0, goalMet: true });
		expect(addMixCheckToDay({ row: undefined, day: 'x', goal: DEFAULT_GOAL }).goalMet).toBe(true);
		// A day with answers only has no mixChecks field, as before checks counted.
		expect(
			addAttemptToDay({ row: undefined, attempt: testAttempt(), goal: DEFAULT_GOAL })
		).not.toHaveProperty('mixChecks');
	});

	it('rebuilds each mix check on its own day, dating a check stored without a day by its time', () => {
		const mixCheck = (at: number, day?: string): MixCheckSummary => ({
			at,
			...(day ? { day } : {}),
			passed: 10,
			total: 20,
			failed: [],
			problems: [{ kind: 'rumble', pass: true }]
		});
		const at = Date.parse('2026-11-23T12:00:00Z');
		const { days } = rebuildAggregates({
			attempts: [testAttempt({ day: '2026-11-24' })],
			sessions: [],
			lessons: [],
			mixSessions: [
				{ checks: [mixCheck(at, '2026-11-24'), mixCheck(at + 1, '2026-11-24')] },
				{ checks: [mixCheck(at + 2)] },
				{ checks: [] }
			],
			goal: DEFAULT_GOAL
		});
		const byDay = Object.fromEntries(days.map((d) => [d.day, d]));
		// One answer alone misses "1 session"; the day's checks meet it.
		expect(byDay['2026-11-24']).toMatchObject({ questions: 1, mixChecks: 2, goalMet: true });
		// Noon UTC is 23 November in every zone from UTC−11 to UTC+11.
		expect(byDay['2026-11-23']).toMatchObject({ questions: 0, mixChecks: 1, goalMet: true });
		expect(days).toHaveLength(2);
	});

	it('rebuilds a repeat of the same settings as no check, as the save counted it', () => {
		const keyed = (at: number, settingsKey: string): MixCheckSummary => ({
			at,
			day: '2026-11-24',
			settingsKey,
			passed: 10,
			total: 20,
			failed: [],
			problems: [{ kind: 'rumble', pass: true }]
		});
		const { days } = rebuildAggregates({
			attempts: [],
			sessions: [],
			lessons: [],
			mixSessions: [
				{ checks: [keyed(1, '0000000a'), keyed(2, '0000000a'), keyed(3, '0000000a')] },
				{ checks: [keyed(4, '0000000a'), keyed(5, '0000000b')] }
			],
			goal: DEFAULT_GOAL
		});
		expect(days).toEqual([expect.objectContaining({ day: '2026-11-24', mixChecks: 3 })]);
	});
});
