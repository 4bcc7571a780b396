import { describe, expect, it } from 'vitest';
import { octaveBandOf } from '../drills/octave-bands';
import {
	ACTIVE_CAP_MS,
	activeMsOf,
	addAttemptToDay,
	rebuildAggregates,
	rejudgeDay
} from './aggregate';
import { DEFAULT_GOAL } from './streak';
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
});
