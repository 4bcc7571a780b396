import { describe, expect, it } from 'vitest';
import { formatGain, formatReading, loudnessDifference, readingRows } from './format';

describe('formatReading', () => {
	it.each([
		[-14, 'LUFS', '−14.0 LUFS'],
		[-1, 'dBTP', '−1.0 dBTP'],
		[6.2, 'LU', '6.2 LU'],
		[8.14, 'dB', '8.1 dB'],
		[-8.05, 'LUFS', '−8.1 LUFS'],
		[-0.04, 'dBTP', '0.0 dBTP'],
		[0.96, 'dBTP', '1.0 dBTP'],
		[-23.96, 'LUFS', '−24.0 LUFS'],
		[null, 'LUFS', '–'],
		[undefined, 'LU', '–'],
		[Number.NaN, 'LU', '–'],
		[Number.NEGATIVE_INFINITY, 'LUFS', '–']
	])('%s %s reads %s', (value, unit, expected) => {
		expect(formatReading(value, unit)).toBe(expected);
	});

	it('uses the typographic minus, never a hyphen', () => {
		expect(formatReading(-3.3, 'dB')).not.toContain('-');
	});
});

describe('formatGain', () => {
	it.each([
		[3, '+3.0 dB'],
		[-5.96, '−6.0 dB'],
		[0, '0.0 dB'],
		[-0.01, '0.0 dB'],
		[0.04, '0.0 dB'],
		[12, '+12.0 dB']
	])('%s dB reads %s', (gain, expected) => {
		expect(formatGain(gain)).toBe(expected);
	});
});

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
