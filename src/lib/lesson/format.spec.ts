import { describe, expect, it } from 'vitest';
import { loudnessDifference, readingRows } from './format';

describe('loudnessDifference', () => {
	it.each([
		[-18, -17, 'Not matched: B is 1.0 dB louder'],
		[-14, -8.04, 'Not matched: B is 6.0 dB louder'],
		[-8, -14, 'Not matched: A is 6.0 dB louder'],
		[-14, -14.02, 'Not matched: both play at the same loudness'],
		[null, -14, 'Not matched: the two play at their own levels']
	])('A %s, B %s: %s', (a, b, expected) => {
		expect(loudnessDifference(a, b)).toBe(expected);
	});
});

describe('readingRows', () => {
	it('gives four rows with units and a note each', () => {
		const rows = readingRows({ lufs: -14, truePeak: -1, lra: 6.2, plr: 13 });
		expect(rows.map((r) => r.value)).toEqual(['−14.0 LUFS', '−1.0 dBTP', '6.2 LU', '13.0 dB']);
		for (const row of rows) expect(row.note.length).toBeGreaterThan(10);
	});

	it('fits the notes to the values', () => {
		const loud = readingRows({ lufs: -8, truePeak: -0.2, lra: 2, plr: 7.8 });
		expect(loud[0].note).toMatch(/turn it down/);
		expect(loud[1].note).toMatch(/above the usual −1 dBTP/i);
		expect(loud[3].note).toMatch(/limiting/);
		const mix = readingRows({ lufs: -20, truePeak: -3, lra: 5, plr: 17 });
		expect(mix[0].note).toMatch(/before mastering/);
		expect(mix[1].note).toMatch(/below −1 dBTP/);
		expect(mix[3].note).toMatch(/snap/);
	});

	it('explains missing readings', () => {
		const rows = readingRows({ lufs: null, truePeak: null, lra: null, plr: null });
		expect(rows.map((r) => r.value)).toEqual(['–', '–', '–', '–']);
		for (const row of rows) expect(row.note).not.toBe('');
	});
});
