import { describe, expect, it } from 'vitest';
import type { AttemptRow, SessionRow } from './records';
import { octaveBandOf } from '../drills/octave-bands';
import {
	ACTIVE_CAP_MS,
	activeMsOf,
	addAttemptToDay,
	rebuildAggregates,
	rejudgeDay
} from './aggregate';
import { DEFAULT_GOAL } from './streak';

const attempt = (overrides: Partial<AttemptRow>): AttemptRow => ({
	kind: 'eq-boost',
	family: 'eq',
	sessionId: 's',
	level: 1,
	levelValue: 12,
	seed: 1,
	source: { kind: 'pink-noise' },
	params: { frequencyHz: 1000 },
	answer: '1000',
	correctAnswer: '1000',
	correct: true,
	score: 1,
	responseMs: 3000,
	timestamp: 0,
	day: '2026-11-24',
	timeZone: 'UTC',
	utcOffsetMinutes: 0,
	...overrides
});

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
		for (let i = 0; i < 19; i++) row = addAttemptToDay(row, attempt({}), goal);
		expect(row?.goalMet).toBe(false);
		row = addAttemptToDay(row, attempt({}), goal);
		expect(row.goalMet).toBe(true);
		expect(rejudgeDay(row, row.day, { kind: 'minutes', target: 10 }).goalMet).toBe(true);
	});

	it('rebuilds days from attempts, sessions and lessons, keeping days met under an earlier goal', () => {
		const session: SessionRow = {
			sessionId: 's',
			mode: 'drill',
			kinds: ['eq-boost'],
			startedAt: 0,
			endedAt: 1,
			day: '2026-11-24',
			timeZone: 'UTC',
			utcOffsetMinutes: 0,
			questions: 2,
			correct: 1,
			activeMs: 6000
		};
		const { days, kindDays } = rebuildAggregates({
			attempts: [
				attempt({ timestamp: 2, correct: false, level: 2, levelValue: 9 }),
				attempt({ timestamp: 1 }),
				attempt({ day: '2026-11-20', kind: 'limiter', params: {} })
			],
			sessions: [session],
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
