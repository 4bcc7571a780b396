import { describe, expect, it } from 'vitest';
import type { CheckRow } from './check';
import { DEFAULT_MASTER } from './master-defaults';
import { flatMix } from './mixer';
import { settingsKey, summarizeCheck } from './session-record';
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

const settings = flatMix();

describe('settingsKey', () => {
	it('is the same for equal settings and differs for one step of any control', () => {
		const key = settingsKey({ settings, master: DEFAULT_MASTER });
		expect(key).toMatch(/^[0-9a-f]{8}$/);
		expect(
			settingsKey({ settings: structuredClone(settings), master: structuredClone(DEFAULT_MASTER) })
		).toBe(key);
		const keys = new Set([key]);
		for (const stem of ['kick', 'bass', 'vocal'] as const) {
			const moved = structuredClone(settings);
			moved.stems[stem].gainDb += 0.5;
			keys.add(settingsKey({ settings: moved, master: DEFAULT_MASTER }));
		}
		const louder = structuredClone(DEFAULT_MASTER);
		louder.targetLufs += 0.5;
		keys.add(settingsKey({ settings, master: louder }));
		expect(keys.size).toBe(5);
	});
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
			day: '2026-12-07',
			settings,
			master: DEFAULT_MASTER
		});
		expect(summary).toEqual({
			at: 5,
			day: '2026-12-07',
			settingsKey: settingsKey({ settings, master: DEFAULT_MASTER }),
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
