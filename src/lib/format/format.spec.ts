import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importsOf } from '../../../lint/folder-cycles.js';
import {
	MINUS,
	formatCount,
	NO_READING,
	NO_VALUE,
	formatBytes,
	formatDb,
	formatDuration,
	formatFrequency,
	formatGain,
	formatHzRange,
	formatLufs,
	formatNumber,
	formatReading,
	roundTo
} from './format';

describe('roundTo', () => {
	it.each([
		[-0.04, {}, 0],
		[-0.25, {}, -0.2],
		[-0.25, { halves: 'away' as const }, -0.3],
		[0.25, {}, 0.3],
		[0.25, { halves: 'away' as const }, 0.3],
		[-0.004, { digits: 2 }, 0],
		[1.234, { digits: 2 }, 1.23],
		[-14.24, {}, -14.2]
	])('%s with %j is %s', (value, options, expected) => {
		expect(roundTo(value, options)).toBe(expected);
	});

	it('never gives a negative zero', () => {
		for (const value of [-0, -0.01, -0.049]) {
			expect(Object.is(roundTo(value), -0)).toBe(false);
			expect(Object.is(roundTo(value, { halves: 'away' }), -0)).toBe(false);
		}
	});
});

describe('formatNumber', () => {
	it.each([
		[-3.04, {}, '−3.0'],
		[3.04, {}, '3.0'],
		[0, {}, '0.0'],
		[-0, {}, '0.0'],
		[-0.04, {}, '0.0'],
		[-0.04, { signed: true }, '0.0'],
		[0.04, { signed: true }, '0.0'],
		[4.2, { signed: true }, '+4.2'],
		[-4.2, { signed: true }, '−4.2'],
		[0.724, { digits: 2, signed: true }, '+0.72'],
		[-0.004, { digits: 2, signed: true }, '0.00'],
		[-14, { digits: 0 }, '−14'],
		// Halves: towards +∞ by default, away from zero when asked.
		[-0.25, {}, '−0.2'],
		[0.25, {}, '0.3'],
		[-0.25, { halves: 'away' as const }, '−0.3'],
		[0.25, { halves: 'away' as const }, '0.3'],
		[-0.05, {}, '0.0'],
		[-0.05, { halves: 'away' as const }, '−0.1'],
		// Trimmed: trailing zeros go after rounding.
		[-14, { trim: true }, '−14'],
		[-13.96, { trim: true }, '−14'],
		[-13.64, { trim: true }, '−13.6'],
		[2.5, { trim: true }, '2.5'],
		[10, { trim: true }, '10'],
		[-0.04, { trim: true }, '0'],
		[1.5, { digits: 2, trim: true }, '1.5'],
		[0.75, { digits: 2, trim: true }, '0.75'],
		[3, { digits: 2, trim: true }, '3'],
		[100, { digits: 0, trim: true }, '100'],
		[-0.375, { signed: true, trim: true, halves: 'away' as const }, '−0.4'],
		[6, { signed: true, trim: true }, '+6']
	])('%s with %j reads %s', (value, options, expected) => {
		expect(formatNumber(value, options)).toBe(expected);
	});

	it('uses the typographic minus, never a hyphen', () => {
		for (const value of [-0.5, -3.3, -14, -120.25]) {
			const text = formatNumber(value);
			expect(text.startsWith(MINUS)).toBe(true);
			expect(text).not.toContain('-');
		}
		expect(MINUS).toBe('−');
	});
});

describe('formatDb', () => {
	it.each([
		[-0.96, { unit: 'dBTP' }, '−1.0 dBTP'],
		[-0.04, { unit: 'dBTP' }, '0.0 dBTP'],
		[0.3, { unit: 'dBFS' }, '0.3 dBFS'],
		[4.2, { signed: true }, '+4.2 dB'],
		[-4.2, { signed: true }, '−4.2 dB'],
		[6.34, { unit: 'LU' }, '6.3 LU'],
		[2.5, { trim: true }, '2.5 dB'],
		[10, { trim: true }, '10 dB'],
		[0.75, { digits: 2, trim: true }, '0.75 dB'],
		[-3, { signed: true, trim: true }, '−3 dB'],
		[0, { signed: true, trim: true }, '0 dB'],
		[-0.25, { signed: true, trim: true, halves: 'away' as const }, '−0.3 dB'],
		[null, {}, NO_VALUE],
		[undefined, { unit: 'LU' }, NO_VALUE],
		[null, { missing: NO_READING }, NO_READING]
	])('%s with %j reads %s', (value, options, expected) => {
		expect(formatDb(value, options)).toBe(expected);
	});

	it('marks a missing bench reading with an em dash, a missing lesson reading with an en dash', () => {
		expect(NO_VALUE).toBe('—');
		expect(NO_READING).toBe('–');
	});
});

describe('formatLufs', () => {
	it.each([
		[-14.24, '−14.2 LUFS'],
		[-8, '−8.0 LUFS'],
		[-0.04, '0.0 LUFS'],
		[null, '—']
	])('%s reads %s', (value, expected) => expect(formatLufs(value)).toBe(expected));
});

describe('formatReading', () => {
	it.each([
		[-14, 'LUFS', '−14.0 LUFS'],
		[-1, 'dBTP', '−1.0 dBTP'],
		[6.2, 'LU', '6.2 LU'],
		[8.14, 'dB', '8.1 dB'],
		[-8.05, 'LUFS', '−8.1 LUFS'],
		[-0.25, 'dB', '−0.3 dB'],
		[0.25, 'dB', '0.3 dB'],
		[-0.04, 'dBTP', '0.0 dBTP'],
		[0.96, 'dBTP', '1.0 dBTP'],
		[-23.96, 'LUFS', '−24.0 LUFS'],
		[null, 'LUFS', '–'],
		[undefined, 'LU', '–'],
		[Number.NaN, 'LU', '–'],
		[Number.NEGATIVE_INFINITY, 'LUFS', '–'],
		[Number.POSITIVE_INFINITY, 'dB', '–']
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
		[-0, '0.0 dB'],
		[-0.01, '0.0 dB'],
		[0.04, '0.0 dB'],
		[0.05, '+0.1 dB'],
		[-0.25, '−0.3 dB'],
		[12, '+12.0 dB']
	])('%s dB reads %s', (gain, expected) => {
		expect(formatGain(gain)).toBe(expected);
	});

	it.each([
		[-3, '−3 dB'],
		[6, '+6 dB'],
		[0, '0 dB'],
		[-0, '0 dB'],
		[0.375, '+0.4 dB'],
		[-0.25, '−0.3 dB'],
		[0.25, '+0.3 dB'],
		[-1.75, '−1.8 dB'],
		[12, '+12 dB']
	])('%s dB trimmed reads %s', (gain, expected) => {
		expect(formatGain(gain, { trim: true })).toBe(expected);
	});
});

describe('formatFrequency', () => {
	it.each([
		[63.2, '63 Hz'],
		[999.4, '999 Hz'],
		[999.5, '1000 Hz'],
		[1000, '1.00 kHz'],
		[3150, '3.15 kHz'],
		[9999, '10.00 kHz'],
		[12500, '12.5 kHz']
	])('%s Hz reads %s', (hz, text) => {
		expect(formatFrequency(hz)).toBe(text);
	});
});

describe('formatHzRange', () => {
	it.each([
		[63, 100, '63–100 Hz'],
		[800, 1250, '800 Hz–1.25 kHz'],
		[2000, 3150, '2–3.15 kHz'],
		[500, 1000, '500 Hz–1 kHz']
	])('%s–%s Hz reads %s', (low, high, text) => {
		expect(formatHzRange(low, high)).toBe(text);
	});
});

describe('formatBytes', () => {
	it.each([
		[0, '0 bytes'],
		[1023, '1023 bytes'],
		[1024, '1.0 KB'],
		[1536, '1.5 KB'],
		[1024 * 1024 - 1, '1024.0 KB'],
		[12_900_000, '12.3 MB'],
		[1024 ** 3, '1.0 GB'],
		[2.5 * 1024 ** 3, '2.5 GB']
	])('%s bytes reads %s', (bytes, text) => {
		expect(formatBytes(bytes)).toBe(text);
	});
});

describe('formatDuration', () => {
	it.each([
		[0, '0:00'],
		[7, '0:07'],
		[59.4, '0:59'],
		[59.5, '1:00'],
		[247, '4:07'],
		[600, '10:00']
	])('%s s reads %s', (seconds, text) => {
		expect(formatDuration(seconds)).toBe(text);
	});
});

describe('the format folder', () => {
	it('imports nothing, so every folder of src/lib may import it', () => {
		const folder = new URL('./', import.meta.url);
		for (const name of readdirSync(folder)) {
			if (!name.endsWith('.ts') || name.endsWith('.spec.ts')) continue;
			expect(importsOf(readFileSync(new URL(name, folder), 'utf8')), name).toEqual([]);
		}
	});
});

describe('formatCount', () => {
	it.each([
		[0, 'day', '0 days'],
		[1, 'day', '1 day'],
		[2, 'day', '2 days'],
		[1, 'session', '1 session'],
		[21, 'minute', '21 minutes'],
		[1200, 'answer', '1,200 answers']
	])('%i %s → %s', (count, noun, expected) => {
		expect(formatCount(count, noun)).toBe(expected);
	});

	it('takes an irregular plural', () => {
		expect(formatCount(2, { one: 'freeze', other: 'freezes' })).toBe('2 freezes');
		expect(formatCount(1, { one: 'freeze', other: 'freezes' })).toBe('1 freeze');
	});
});
