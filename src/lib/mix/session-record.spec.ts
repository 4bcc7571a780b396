import { describe, expect, it } from 'vitest';
import type { CheckRow } from './check';
import { summarizeCheck } from './session-record';
import type { Problem } from './types';

const row = (id: CheckRow['id'], pass: boolean, problem: string | null = null): CheckRow => ({
	id,
	problem,
	pass,
	measured: 0,
	target: [null, null],
	unit: 'dB',
	reason: '',
	hint: ''
});

describe('summarizeCheck', () => {
	it('keeps the counts, the failed ids and each planted problem’s fate', () => {
		const problems: Problem[] = [
			{ id: 'p1', kind: 'lead-buried', stem: 'vocal', amount: -8, unit: 'dB' },
			{ id: 'p2', kind: 'rumble', stem: 'chords', amount: -8, unit: 'dB', frequencyHz: 28 }
		];
		const summary = summarizeCheck({
			result: {
				checks: [row('lead', true, 'p1'), row('rumble', false, 'p2'), row('true-peak', false)],
				passed: 1,
				total: 3
			},
			problems,
			at: 5,
			day: '2026-12-07'
		});
		expect(summary).toEqual({
			at: 5,
			day: '2026-12-07',
			passed: 1,
			total: 3,
			failed: ['rumble', 'true-peak'],
			problems: [
				{ kind: 'lead-buried', pass: true },
				{ kind: 'rumble', pass: false }
			]
		});
	});
});
