import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay } from './days';
import {
	addDays,
	compareDays,
	dayRange,
	daysBetween,
	fromEpochDay,
	isDay,
	monthsBack,
	toEpochDay,
	weekday
} from './calendar';

const MS_PER_DAY = 86_400_000;

/** An independent oracle: the UTC date of midnight UTC `n` days after 1970-01-01. */
const utcDay = (n: number) => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);

describe('isDay', () => {
	it.each(['2024-02-29', '2025-02-28', '2025-12-31', '2025-01-01', '0000-01-01', '9999-12-31'])(
		'accepts %s',
		(day) => expect(isDay(day)).toBe(true)
	);

	it.each([
		'2025-02-29',
		'2025-02-30',
		'2025-04-31',
		'2025-13-01',
		'2025-00-10',
		'2025-01-00',
		'2025-1-01',
		'2025-01-1',
		'25-01-01',
		'2025/01/01',
		'2025-01-01T00:00',
		' 2025-01-01',
		'１９７０-01-01',
		'1900-02-29',
		''
	])('rejects %j', (day) => expect(isDay(day)).toBe(false));

	it('accepts 29 February only in leap years', () => {
		expect(isDay('2000-02-29')).toBe(true);
		expect(isDay('2100-02-29')).toBe(false);
		expect(isDay('2028-02-29')).toBe(true);
	});
});

describe('addDays', () => {
	it.each([
		['2024-02-28', 1, '2024-02-29'],
		['2024-02-29', 1, '2024-03-01'],
		['2023-02-28', 1, '2023-03-01'],
		['2025-12-31', 1, '2026-01-01'],
		['2026-01-01', -1, '2025-12-31'],
		['2024-03-01', -1, '2024-02-29'],
		['2025-01-31', 1, '2025-02-01'],
		['2025-04-30', 1, '2025-05-01'],
		['2025-06-15', 0, '2025-06-15'],
		['2024-01-01', 366, '2025-01-01'],
		['2025-01-01', 365, '2026-01-01'],
		['1970-01-01', -1, '1969-12-31'],
		['0001-01-01', -1, '0000-12-31'],
		['2000-02-28', 1, '2000-02-29'],
		['2100-02-28', 1, '2100-03-01']
	])('%s %+d → %s', (day, n, expected) => {
		expect(addDays(day, n)).toBe(expected);
	});

	it('throws a RangeError naming an invalid day, a fractional step or a result past 9999', () => {
		expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
		expect(() => addDays('2025-02-30', 1)).toThrow('2025-02-30');
		expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError);
		expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
		expect(() => addDays('0000-01-01', -1)).toThrow(RangeError);
	});

	it('agrees with Date.UTC on every day from 1900 to 2200', () => {
		const first = Date.UTC(1900, 0, 1) / MS_PER_DAY;
		const last = Date.UTC(2200, 11, 31) / MS_PER_DAY;
		for (let n = first; n <= last; n++) {
			const day = utcDay(n);
			if (toEpochDay(day) !== n || fromEpochDay(n) !== day) {
				expect([toEpochDay(day), fromEpochDay(n)]).toEqual([n, day]);
			}
		}
	});

	it('round-trips and composes (property)', () => {
		const anyDay = fc.integer({ min: -719_528, max: 2_932_896 }).map(fromEpochDay);
		fc.assert(
			fc.property(anyDay, fc.integer({ min: -5000, max: 5000 }), (day, n) => {
				fc.pre(toEpochDay(day) + n >= -719_528 && toEpochDay(day) + n <= 2_932_896);
				const later = addDays(day, n);
				expect(isDay(later)).toBe(true);
				expect(addDays(later, -n)).toBe(day);
				expect(daysBetween(day, later)).toBe(n);
				expect(Math.sign(compareDays(later, day))).toBe(Math.sign(n));
			}),
			{ numRuns: 500 }
		);
	});
});

describe('daysBetween', () => {
	it.each([
		// Europe springs forward on the last Sunday of March and falls back on the last of October.
		['2025-03-29', '2025-03-31', 2],
		['2025-03-30', '2025-03-31', 1],
		['2025-10-25', '2025-10-27', 2],
		['2025-10-26', '2025-10-27', 1],
		// The US changes on the second Sunday of March and the first of November.
		['2025-03-08', '2025-03-10', 2],
		['2025-11-01', '2025-11-03', 2],
		['2025-03-01', '2025-11-30', 274],
		['2024-01-01', '2025-01-01', 366],
		['2025-01-01', '2026-01-01', 365],
		['2025-03-31', '2025-03-29', -2],
		['2025-06-01', '2025-06-01', 0]
	])('%s → %s is %d days, whatever the clocks did', (from, to, days) => {
		expect(daysBetween(from, to)).toBe(days);
	});

	it('counts one day between consecutive local days in DST zones all year', () => {
		// Whatever the host's own zone: noon local time on consecutive days in each zone.
		for (const zone of ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe']) {
			let previous = localDay(new Date(Date.UTC(2025, 0, 1, 12)), zone);
			for (let hours = 24; hours <= 366 * 24; hours += 24) {
				const day = localDay(new Date(Date.UTC(2025, 0, 1, 12) + hours * 3_600_000), zone);
				expect(daysBetween(previous, day)).toBe(1);
				previous = day;
			}
		}
	});
});

describe('compareDays', () => {
	it('orders days', () => {
		expect(compareDays('2025-01-09', '2025-01-10')).toBeLessThan(0);
		expect(compareDays('2025-12-31', '2025-01-01')).toBeGreaterThan(0);
		expect(compareDays('2025-03-01', '2025-03-01')).toBe(0);
		expect(['2025-10-01', '2024-12-31', '2025-02-01'].sort(compareDays)).toEqual([
			'2024-12-31',
			'2025-02-01',
			'2025-10-01'
		]);
		expect(() => compareDays('2025-3-01', '2025-03-01')).toThrow(RangeError);
	});
});

describe('dayRange', () => {
	it('lists days inclusively across month, leap and year ends', () => {
		expect(dayRange('2024-02-27', '2024-03-01')).toEqual([
			'2024-02-27',
			'2024-02-28',
			'2024-02-29',
			'2024-03-01'
		]);
		expect(dayRange('2025-12-30', '2026-01-02')).toEqual([
			'2025-12-30',
			'2025-12-31',
			'2026-01-01',
			'2026-01-02'
		]);
		expect(dayRange('2025-05-05', '2025-05-05')).toEqual(['2025-05-05']);
		expect(dayRange('2025-05-06', '2025-05-05')).toEqual([]);
		expect(dayRange('2024-01-01', '2024-12-31')).toHaveLength(366);
	});
});

describe('weekday', () => {
	it.each([
		['1970-01-01', 3], // Thursday
		['2000-01-01', 5], // Saturday
		['2024-02-29', 3], // Thursday
		['2025-01-01', 2], // Wednesday
		['2025-06-16', 0], // Monday
		['2025-06-22', 6], // Sunday
		['2026-01-04', 6], // Sunday
		['1969-12-29', 0] // Monday, before the epoch
	])('%s is weekday %d', (day, expected) => {
		expect(weekday(day)).toBe(expected);
	});

	it('agrees with Date#getUTCDay (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
				expect(weekday(fromEpochDay(n))).toBe((new Date(n * MS_PER_DAY).getUTCDay() + 6) % 7);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('monthsBack', () => {
	it('gives the last 12 months across a year boundary, oldest first, with every day', () => {
		const months = monthsBack('2024-03-15', 12);
		expect(months.map((m) => m.month)).toEqual([
			'2023-04',
			'2023-05',
			'2023-06',
			'2023-07',
			'2023-08',
			'2023-09',
			'2023-10',
			'2023-11',
			'2023-12',
			'2024-01',
			'2024-02',
			'2024-03'
		]);
		expect(months.map((m) => m.days.length)).toEqual([
			30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 29, 31
		]);
		const february = months[10].days;
		expect(february[0]).toBe('2024-02-01');
		expect(february.at(-1)).toBe('2024-02-29');
		// The current month is whole, days after today included.
		expect(months[11].days.at(-1)).toBe('2024-03-31');
		// Together the months are one unbroken run of days.
		expect(months.flatMap((m) => m.days)).toEqual(dayRange('2023-04-01', '2024-03-31'));
	});

	it('handles a non-leap February, January as the current month, and small counts', () => {
		const months = monthsBack('2025-01-31', 2);
		expect(months.map((m) => [m.month, m.days.length])).toEqual([
			['2024-12', 31],
			['2025-01', 31]
		]);
		expect(monthsBack('2025-02-01', 1)).toEqual([
			{ month: '2025-02', days: dayRange('2025-02-01', '2025-02-28') }
		]);
		expect(monthsBack('2025-02-01', 0)).toEqual([]);
		expect(() => monthsBack('2025-02-01', -1)).toThrow(RangeError);
		expect(monthsBack('0000-02-10', 2).map((m) => m.month)).toEqual(['0000-01', '0000-02']);
		expect(() => monthsBack('0000-02-10', 3)).toThrow(RangeError);
		expect(() => monthsBack('2025-02-30', 12)).toThrow('2025-02-30');
	});

	it('always ends with the month of today and covers it (property)', () => {
		const anyDay = fc.integer({ min: 0, max: 40_000 }).map(fromEpochDay);
		fc.assert(
			fc.property(anyDay, fc.integer({ min: 1, max: 30 }), (today, count) => {
				const months = monthsBack(today, count);
				expect(months).toHaveLength(count);
				expect(months.at(-1)!.month).toBe(today.slice(0, 7));
				expect(months.at(-1)!.days).toContain(today);
				const all = months.flatMap((m) => m.days);
				expect(daysBetween(all[0], all.at(-1)!)).toBe(all.length - 1);
				expect(all[0].endsWith('-01')).toBe(true);
				expect(addDays(all.at(-1)!, 1).endsWith('-01')).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});
});
