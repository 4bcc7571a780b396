import { describe, expect, it } from 'vitest';
import type { MixCheckSummary } from '../mix/session-record';
import type { ProblemKind } from '../mix/types';
import { addedChecks, buildMixCheckReport, MIX_CHECK_WEEKS, mixCheckDay } from './mix-checks';

const TODAY = '2026-12-07';

/** A check on `day` with each listed problem kind passing or not. */
const check = (
	day: string,
	problems: [ProblemKind, boolean][],
	at = Date.parse(`${day}T12:00:00Z`)
): MixCheckSummary => ({
	at,
	day,
	passed: problems.filter(([, pass]) => pass).length,
	total: 20,
	failed: [],
	problems: problems.map(([kind, pass]) => ({ kind, pass }))
});

describe('mixCheckDay', () => {
	it('takes the day stored with the check', () => {
		expect(mixCheckDay({ at: Date.parse('2026-12-07T23:30:00Z'), day: '2026-12-08' })).toBe(
			'2026-12-08'
		);
	});

	it('dates a check stored without a day by its time in the zone given', () => {
		const at = Date.parse('2026-12-07T23:30:00Z');
		expect(mixCheckDay({ at }, 'UTC')).toBe('2026-12-07');
		expect(mixCheckDay({ at }, 'Europe/Paris')).toBe('2026-12-08');
		expect(mixCheckDay({ at }, 'America/New_York')).toBe('2026-12-07');
	});
});

describe('addedChecks', () => {
	const a = check(TODAY, [['rumble', false]], 1);
	const b = check(TODAY, [['rumble', true]], 2);
	const keyed = (at: number, settingsKey: string) => ({
		...check(TODAY, [['rumble', false]], at),
		settingsKey
	});
	const k1 = keyed(10, '0000000a');
	const k1again = keyed(11, '0000000a');
	const k2 = keyed(12, '0000000b');
	const k1back = keyed(13, '0000000a');

	it.each([
		{ name: 'a new session', stored: undefined, next: [a, b], added: [a, b] },
		{ name: 'one check more', stored: [a], next: [a, b], added: [b] },
		{ name: 'a save without a new check', stored: [a, b], next: [a, b], added: [] },
		{ name: 'no checks at all', stored: [], next: [], added: [] },
		// The same mix and master checked again counts once; a change, or going back, counts again.
		{ name: 'a repeat of the same settings', stored: [k1], next: [k1, k1again], added: [] },
		{
			name: 'a change after a repeat',
			stored: [k1, k1again],
			next: [k1, k1again, k2],
			added: [k2]
		},
		{
			name: 'back to earlier settings',
			stored: [],
			next: [k1, k2, k1back],
			added: [k1, k2, k1back]
		},
		{
			name: 'checks stored without keys',
			stored: [],
			next: [a, { ...a, at: 9 }],
			added: [a, { ...a, at: 9 }]
		}
	])('$name', ({ stored, next, added }) => {
		expect(addedChecks({ stored: stored && { checks: stored }, next: { checks: next } })).toEqual(
			added
		);
	});
});

describe('buildMixCheckReport', () => {
	it('is empty before the first check', () => {
		expect(buildMixCheckReport({ mixSessions: [], today: TODAY })).toEqual({
			checks: 0,
			sessions: 0,
			cleanChecks: 0,
			kinds: []
		});
		expect(buildMixCheckReport({ mixSessions: [{ checks: [] }], today: TODAY }).sessions).toBe(0);
	});

	it('counts checks passed by kind, all time and week by week, in the Mix Lab’s order', () => {
		const report = buildMixCheckReport({
			mixSessions: [
				{
					checks: [
						check('2026-11-20', [['rumble', false]]), // 17 days ago: 3rd week back
						check('2026-12-01', [
							['rumble', true],
							['lead-buried', false]
						]), // 6 days ago: this week
						check(TODAY, [
							['rumble', true],
							['lead-buried', true]
						])
					]
				},
				{ checks: [check('2026-08-01', [['harsh', false]])] }, // older than the weeks shown
				{ checks: [] }
			],
			today: TODAY
		});
		expect(report.checks).toBe(4);
		expect(report.sessions).toBe(2);
		expect(report.cleanChecks).toBe(1);
		expect(report.kinds.map((k) => [k.kind, k.name, k.checked, k.passed, k.latestPass])).toEqual([
			['rumble', 'Rumble under 40 Hz', 3, 2, true],
			['lead-buried', 'Lead vocal buried', 2, 1, true],
			['harsh', 'Harsh upper mids', 1, 0, false]
		]);
		const rumble = report.kinds[0].weeks;
		expect(rumble).toHaveLength(MIX_CHECK_WEEKS);
		expect(rumble.at(-1)).toEqual({ from: '2026-12-01', to: TODAY, checked: 2, passed: 2 });
		expect(rumble.at(-3)).toEqual({
			from: '2026-11-17',
			to: '2026-11-23',
			checked: 1,
			passed: 0
		});
		expect(rumble[0]).toEqual({ from: '2026-10-13', to: '2026-10-19', checked: 0, passed: 0 });
		// The August check counts all time but in no week shown.
		expect(report.kinds[2].weeks.every((w) => w.checked === 0)).toBe(true);
	});

	it('takes the latest check’s verdict whatever order the sessions come in', () => {
		const report = buildMixCheckReport({
			mixSessions: [
				{ checks: [check('2026-12-06', [['tonal-tilt', false]], 300)] },
				{ checks: [check('2026-12-05', [['tonal-tilt', true]], 200)] }
			],
			today: TODAY
		});
		expect(report.kinds[0].latestPass).toBe(false);
	});

	it('counts a check dated after today (the clock went back) in this week', () => {
		const report = buildMixCheckReport({
			mixSessions: [{ checks: [check('2026-12-09', [['mono-collapse', true]])] }],
			today: TODAY
		});
		expect(report.kinds[0].weeks.at(-1)).toMatchObject({ checked: 1, passed: 1 });
	});
});
