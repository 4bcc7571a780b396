import { describe, expect, it } from 'vitest';
import { goalCount, streakText } from './goal-text';

const totals = { sessions: 0, questions: 0, activeMs: 0, lessons: 0 };

describe('goal text', () => {
	it('shows progress toward the goal, then the count once it is met', () => {
		expect(goalCount({ kind: 'sessions', target: 1 }, totals)).toMatchObject({
			value: '0/1',
			label: 'session today'
		});
		expect(
			goalCount({ kind: 'sessions', target: 1 }, { ...totals, sessions: 1, lessons: 1 })
		).toMatchObject({
			value: '2',
			label: 'sessions today',
			done: 2
		});
		expect(
			goalCount({ kind: 'minutes', target: 10 }, { ...totals, activeMs: 9 * 60_000 + 59_999 })
		).toMatchObject({ value: '9/10', label: 'minutes today' });
		expect(
			goalCount({ kind: 'questions', target: 20 }, { ...totals, questions: 20 })
		).toMatchObject({
			value: '20',
			label: 'questions today'
		});
	});

	it('counts mix checks in the goal’s unit', () => {
		expect(goalCount({ kind: 'sessions', target: 1 }, { ...totals, mixChecks: 1 })).toMatchObject({
			value: '1',
			label: 'session today',
			done: 1
		});
		expect(
			goalCount({ kind: 'questions', target: 20 }, { ...totals, questions: 3, mixChecks: 2 })
		).toMatchObject({ value: '13/20', label: 'questions today', done: 13 });
		expect(
			goalCount({ kind: 'minutes', target: 10 }, { ...totals, activeMs: 59_999, mixChecks: 1 })
		).toMatchObject({ value: '2/10', label: 'minutes today', done: 2 });
	});

	it('names the streak', () => {
		expect(streakText(0)).toBe('No streak yet');
		expect(streakText(1)).toBe('1-day streak');
		expect(streakText(12)).toBe('12-day streak');
	});
});
