/**
 * Day arithmetic on local calendar days written as 'YYYY-MM-DD' strings. A day here is a label,
 * not an instant: it was already judged in the zone where it happened (see `localDay` in
 * lib/db/days.ts), so nothing in this file looks at a clock or a time zone, and a day is always
 * exactly one day long, whatever DST did to the wall clock.
 *
 * Days are converted to and from a day count with Howard Hinnant's integer algorithms
 * `days_from_civil` and `civil_from_days` (https://howardhinnant.github.io/date_algorithms.html),
 * proleptic Gregorian. They give the same answer as `Date.UTC(y, m - 1, d) / 86_400_000` (the
 * tests check that), but without `Date`'s quirk of reading years 0…99 as 1900…1999, and without
 * allocating a `Date` per day in loops over years of history.
 */

/** A local calendar day, 'YYYY-MM-DD' (years 0000…9999). */
export type Day = string;
/** A calendar month, 'YYYY-MM'. */
export type Month = string;
/** Whole days since 1970-01-01 (negative before it). */
export type EpochDay = number;
/** Day of the week, 0 = Monday … 6 = Sunday (ISO 8601 order, counted from 0). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** 0000-01-01 and 9999-12-31, the range a four-digit year can write. */
const FIRST_EPOCH_DAY = -719_528;
const LAST_EPOCH_DAY = 2_932_896;

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1…12) of `year`. */
function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}

/** Hinnant's days_from_civil. */
function daysFromCivil(year: number, month: number, day: number): EpochDay {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra =
		yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}

/** The parts of `day`, or null when it is not a real calendar day written 'YYYY-MM-DD'. */
function tryParse(day: unknown): { year: number; month: number; date: number } | null {
	const match = typeof day === 'string' ? DAY_PATTERN.exec(day) : null;
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const date = Number(match[3]);
	const valid = month >= 1 && month <= 12 && date >= 1 && date <= daysInMonth(year, month);
	return valid ? { year, month, date } : null;
}

/** The parts of `day`, or a RangeError that names it. */
function parse(day: Day): { year: number; month: number; date: number } {
	const parts = tryParse(day);
	if (!parts) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
	return parts;
}

/** Whether `s` is a real calendar day written 'YYYY-MM-DD' ('2024-02-29' yes, '2025-02-30' no). */
export function isDay(s: string): boolean {
	return tryParse(s) !== null;
}

/**
 * The day number of `day` (days since 1970-01-01); throws a RangeError naming an invalid day.
 * @example toEpochDay('1970-01-02') // 1
 */
export function toEpochDay(day: Day): EpochDay {
	const { year, month, date } = parse(day);
	return daysFromCivil(year, month, date);
}

/**
 * The day with day number `epochDay` (Hinnant's civil_from_days); throws a RangeError outside
 * 0000-01-01…9999-12-31 or for a fractional number.
 * @example fromEpochDay(0) // '1970-01-01'
 */
export function fromEpochDay(epochDay: EpochDay): Day {
	if (!Number.isInteger(epochDay) || epochDay < FIRST_EPOCH_DAY || epochDay > LAST_EPOCH_DAY) {
		throw new RangeError(`Day number out of range: ${epochDay}`);
	}
	const z = epochDay + 719_468;
	const era = Math.floor(z / 146_097);
	const dayOfEra = z - era * 146_097;
	const yearOfEra = Math.floor(
		(dayOfEra -
			Math.floor(dayOfEra / 1460) +
			Math.floor(dayOfEra / 36_524) -
			Math.floor(dayOfEra / 146_096)) /
			365
	);
	const dayOfYear =
		dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const mp = Math.floor((5 * dayOfYear + 2) / 153);
	const date = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(date, 2)}`;
}

/**
 * The day `n` whole days after `day` (before it when `n` is negative).
 * @example addDays('2024-02-28', 1) // '2024-02-29'
 */
export function addDays(day: Day, n: number): Day {
	if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
	return fromEpochDay(toEpochDay(day) + n);
}

/**
 * Whole days from `from` to `to` (`to` − `from`; negative when `to` is earlier).
 * @example daysBetween('2025-03-29', '2025-03-31') // 2, although Europe lost an hour in between
 */
export function daysBetween(from: Day, to: Day): number {
	return toEpochDay(to) - toEpochDay(from);
}

/** Negative, zero or positive as `a` is before, equal to or after `b` (for `Array#sort`). */
export function compareDays(a: Day, b: Day): number {
	parse(a);
	parse(b);
	// Zero-padded ISO dates sort as strings.
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Every day from `from` through `to`, inclusive and ascending; empty when `to` is before `from`. */
export function dayRange(from: Day, to: Day): Day[] {
	const first = toEpochDay(from);
	const last = toEpochDay(to);
	const days: Day[] = [];
	for (let n = first; n <= last; n++) days.push(fromEpochDay(n));
	return days;
}

/**
 * The day of the week of `day`, 0 = Monday … 6 = Sunday.
 * @example weekday('1970-01-01') // 3 (a Thursday)
 */
export function weekday(day: Day): Weekday {
	// 1970-01-01 was a Thursday (3).
	return ((((toEpochDay(day) + 3) % 7) + 7) % 7) as Weekday;
}

/**
 * The last `count` calendar months ending with the month of `today`, oldest first, each with all
 * of its days (days after `today` included), for drawing a calendar of practice.
 * @example monthsBack('2025-01-15', 2) // [{ month: '2024-12', days: [31 days] }, { month: '2025-01', … }]
 */
export function monthsBack(today: Day, count: number): { month: Month; days: Day[] }[] {
	if (!Number.isInteger(count) || count < 0) {
		throw new RangeError(`Not a whole number of months: ${count}`);
	}
	const { year, month } = parse(today);
	// Months counted from January of year 0, so stepping back across years is plain subtraction.
	const last = year * 12 + (month - 1);
	if (last - count + 1 < 0) {
		throw new RangeError(`Months before year 0000 asked for: ${count} back from ${today}`);
	}
	const months: { month: Month; days: Day[] }[] = [];
	for (let index = last - count + 1; index <= last; index++) {
		const y = Math.floor(index / 12);
		const m = index - y * 12 + 1;
		const label = `${pad(y, 4)}-${pad(m, 2)}`;
		const days: Day[] = [];
		for (let d = 1; d <= daysInMonth(y, m); d++) days.push(`${label}-${pad(d, 2)}`);
		months.push({ month: label, days });
	}
	return months;
}
