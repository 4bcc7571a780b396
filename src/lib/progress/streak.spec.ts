import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay } from './days';
import { addDays, dayRange, daysBetween } from './calendar';
import {
	computeStreak,
	DAYS_PER_FREEZE,
	DEFAULT_GOAL,
	describeGoal,
	GOAL_CHOICES,
	goalDone,
	goalMet,
	goalProgress,
	MIX_CHECK_CREDIT,
	MAX_FREEZES,
	type DailyGoal,
	type DayMark,
	type DayTotals,
	type StreakSummary
} from './streak';

const MS_PER_DAY = 86_400_000;

/** `count` consecutive days starting at `start`. */
const run = (start: string, count: number) => dayRange(start, addDays(start, count - 1));
/** The marks as plain entries, ascending. */
const marksOf = (summary: StreakSummary) => [...summary.marks];
/** The days carrying `mark`. */
const daysMarked = (summary: StreakSummary, mark: DayMark) =>
	marksOf(summary)
		.filter(([, m]) => m === mark)
		.map(([day]) => day);

describe('computeStreak: the rules, by example', () => {
	it('starts empty', () => {
		expect(computeStreak([], '2025-06-10')).toEqual({
			current: 0,
			longest: 0,
			freezesHeld: 0,
			towardNextFreeze: 0,
			todayCounted: false,
			evaluatedThrough: '2025-06-10',
			frozenDays: [],
			marks: new Map()
		});
	});

	it('counts today alone as a streak of 1', () => {
		const s = computeStreak(['2025-06-10'], '2025-06-10');
		expect(s).toMatchObject({ current: 1, longest: 1, todayCounted: true, towardNextFreeze: 1 });
		expect(marksOf(s)).toEqual([['2025-06-10', 'counted']]);
	});

	it('keeps a run that reached yesterday while today is still open', () => {
		const s = computeStreak(run('2025-06-07', 3), '2025-06-10');
		expect(s).toMatchObject({ current: 3, longest: 3, todayCounted: false });
		expect(s.evaluatedThrough).toBe('2025-06-10');
		// Today is pending, so it carries no mark yet.
		expect(s.marks.has('2025-06-10')).toBe(false);
		expect(s.marks.size).toBe(3);
	});

	it('breaks when a whole day passes with no practice and no freeze', () => {
		const s = computeStreak(run('2025-06-06', 3), '2025-06-10');
		expect(s).toMatchObject({ current: 0, longest: 3, freezesHeld: 0, towardNextFreeze: 0 });
		expect(daysMarked(s, 'missed')).toEqual(['2025-06-09']);
	});

	it('restarts after a missed day inside the history', () => {
		const days = [...run('2025-06-01', 3), ...run('2025-06-05', 2)];
		const s = computeStreak(days, '2025-06-06');
		expect(s).toMatchObject({ current: 2, longest: 3, todayCounted: true, towardNextFreeze: 2 });
		expect(marksOf(s)).toEqual([
			['2025-06-01', 'counted'],
			['2025-06-02', 'counted'],
			['2025-06-03', 'counted'],
			['2025-06-04', 'missed'],
			['2025-06-05', 'counted'],
			['2025-06-06', 'counted']
		]);
	});

	it('earns no freeze before the 7th day, so a gap after 6 days breaks the run', () => {
		const s = computeStreak([...run('2025-06-01', 6), '2025-06-08'], '2025-06-08');
		expect(s).toMatchObject({ current: 1, longest: 6, freezesHeld: 0 });
		expect(s.frozenDays).toEqual([]);
	});

	it('earns a freeze on the 7th counted day and spends it on the next gap', () => {
		const week = run('2025-06-01', DAYS_PER_FREEZE);
		expect(computeStreak(week, '2025-06-07')).toMatchObject({
			current: 7,
			freezesHeld: 1,
			towardNextFreeze: 0
		});
		// 8 June missed: frozen, and the run goes on without counting it.
		const s = computeStreak([...week, '2025-06-09', '2025-06-10'], '2025-06-10');
		expect(s).toMatchObject({ current: 9, longest: 9, freezesHeld: 0, towardNextFreeze: 2 });
		expect(s.frozenDays).toEqual(['2025-06-08']);
		expect(s.marks.get('2025-06-08')).toBe('frozen');
		expect(daysMarked(s, 'missed')).toEqual([]);
	});

	it('spends a freeze on yesterday while today is still open', () => {
		const s = computeStreak(run('2025-06-01', 7), '2025-06-09');
		expect(s).toMatchObject({ current: 7, freezesHeld: 0, todayCounted: false });
		expect(s.frozenDays).toEqual(['2025-06-08']);
	});

	it('bridges two separate gaps, or two days in a row, with two freezes', () => {
		const fortnight = run('2025-06-01', 14);
		const apart = computeStreak([...fortnight, '2025-06-16', '2025-06-18'], '2025-06-18');
		expect(apart).toMatchObject({ current: 16, freezesHeld: 0 });
		expect(apart.frozenDays).toEqual(['2025-06-15', '2025-06-17']);

		const together = computeStreak([...fortnight, '2025-06-17'], '2025-06-17');
		expect(together).toMatchObject({ current: 15, longest: 15, freezesHeld: 0 });
		expect(together.frozenDays).toEqual(['2025-06-15', '2025-06-16']);
	});

	it('breaks on the third day of a 3-day gap with 2 freezes', () => {
		const s = computeStreak([...run('2025-06-01', 14), '2025-06-18'], '2025-06-18');
		expect(s).toMatchObject({ current: 1, longest: 14, freezesHeld: 0, towardNextFreeze: 1 });
		expect(s.frozenDays).toEqual(['2025-06-15', '2025-06-16']);
		expect(s.marks.get('2025-06-17')).toBe('missed');
	});

	it('holds at most 2 freezes however long the run', () => {
		for (const length of [14, 21, 28, 35, 100]) {
			const s = computeStreak(run('2025-01-01', length), addDays('2025-01-01', length - 1));
			expect(s.freezesHeld).toBe(MAX_FREEZES);
		}
		// After 21 days (holding 2, the count toward a third waited) a 3-day gap still breaks the run.
		const s = computeStreak([...run('2025-06-01', 21), '2025-06-25'], '2025-06-25');
		expect(s).toMatchObject({ current: 1, longest: 21 });
		expect(s.frozenDays).toEqual(['2025-06-22', '2025-06-23']);
		expect(s.marks.get('2025-06-24')).toBe('missed');
	});

	it('waits with the count toward a third freeze while 2 are held, and goes on after one is spent', () => {
		const s = computeStreak(run('2025-06-01', 23), '2025-06-23');
		expect(s).toMatchObject({ current: 23, freezesHeld: 2, towardNextFreeze: 0 });
		// Spend one on 24 June; the count starts then: 5 counted days later it stands at 5 …
		const days = [...run('2025-06-01', 23), ...run('2025-06-25', 5)];
		expect(computeStreak(days, '2025-06-29')).toMatchObject({
			current: 28,
			freezesHeld: 1,
			towardNextFreeze: 5,
			frozenDays: ['2025-06-24']
		});
		// … and the 7th counted day after the spend earns it back.
		expect(computeStreak([...days, ...run('2025-06-30', 2)], '2025-07-01')).toMatchObject({
			current: 30,
			freezesHeld: 2,
			towardNextFreeze: 0
		});
	});

	it('evaluates through the latest counted day when the clock went back', () => {
		const days = run('2025-06-01', 10);
		const s = computeStreak(days, '2025-06-05');
		expect(s).toMatchObject({
			current: 10,
			longest: 10,
			todayCounted: true,
			evaluatedThrough: '2025-06-10'
		});
		expect(daysMarked(s, 'counted')).toEqual(days);
		// Even with every counted day after the device's today, nothing breaks.
		expect(computeStreak(days, '2025-05-20')).toMatchObject({
			current: 10,
			todayCounted: false,
			evaluatedThrough: '2025-06-10'
		});
	});

	it('ignores duplicates and order', () => {
		const days = [...run('2025-06-01', 9), '2025-06-11'];
		const expected = computeStreak(days, '2025-06-12');
		const messy = [...days].reverse().concat(days.slice(2, 5), days.slice(2, 5));
		expect(computeStreak(messy, '2025-06-12')).toEqual(expected);
		expect(computeStreak(new Set(days), '2025-06-12')).toEqual(expected);
		expect(expected).toMatchObject({ current: 10, frozenDays: ['2025-06-10'] });
	});

	it.each(['2025-02-30', '2025-6-01', '', '2025-06-01T10:00:00Z', '2025-13-01'])(
		'throws a RangeError naming %j',
		(bad) => {
			expect(() => computeStreak(['2025-06-01', bad], '2025-06-02')).toThrow(RangeError);
			expect(() => computeStreak(['2025-06-01', bad], '2025-06-02')).toThrow(JSON.stringify(bad));
			expect(() => computeStreak(['2025-06-01'], bad)).toThrow(RangeError);
		}
	);

	it('covers 2+ years of history in linear time', () => {
		const days = run('2023-01-01', 800).filter((_, i) => i % 11 !== 10 && i % 97 !== 5);
		const today = '2025-03-11';
		const start = performance.now();
		const repeats = 100;
		let s = computeStreak(days, today);
		for (let i = 1; i < repeats; i++) s = computeStreak(days, today);
		const msEach = (performance.now() - start) / repeats;
		expect(s.marks.size).toBe(800);
		// Typically ~0.1 ms; the bound leaves room for a slow CI machine.
		expect(msEach).toBeLessThan(2);
	});
});

// ---------------------------------------------------------------------------------------------
// An independent reference: the rules read literally, one day at a time, by recursion over a list
// of days built with Date (not with calendar.ts), with the count toward the next freeze kept as
// 'days since the last 7th', paused at 2 held.

interface Reference {
	current: number;
	longest: number;
	freezes: number;
	sinceSeventh: number;
	frozen: string[];
	marks: [string, DayMark][];
}

function referenceStreak(countedDays: string[], today: string) {
	const counted = new Set(countedDays);
	const sorted = [...counted].sort();
	const through = sorted.length > 0 && sorted[sorted.length - 1] > today ? sorted.at(-1)! : today;
	const days: string[] = [];
	if (sorted.length > 0) {
		const [y, m, d] = sorted[0].split('-').map(Number);
		for (let t = Date.UTC(y, m - 1, d); ; t += MS_PER_DAY) {
			const day = new Date(t).toISOString().slice(0, 10);
			days.push(day);
			if (day === through) break;
		}
	}
	const step = (i: number, s: Reference): Reference => {
		if (i === days.length) return s;
		const day = days[i];
		const isLast = i === days.length - 1;
		if (counted.has(day)) {
			const current = s.current + 1;
			// Holding 2, the count toward the next freeze waits.
			const since = s.freezes === 2 ? s.sinceSeventh : s.sinceSeventh + 1;
			return step(i + 1, {
				current,
				longest: Math.max(s.longest, current),
				freezes: since === 7 ? s.freezes + 1 : s.freezes,
				sinceSeventh: since === 7 ? 0 : since,
				frozen: s.frozen,
				marks: [...s.marks, [day, 'counted']]
			});
		}
		if (isLast) return s; // today, still open
		if (s.current >= 1 && s.freezes >= 1) {
			return step(i + 1, {
				...s,
				freezes: s.freezes - 1,
				frozen: [...s.frozen, day],
				marks: [...s.marks, [day, 'frozen']]
			});
		}
		return step(i + 1, {
			...s,
			current: 0,
			sinceSeventh: 0,
			marks: [...s.marks, [day, 'missed']]
		});
	};
	const end = step(0, {
		current: 0,
		longest: 0,
		freezes: 0,
		sinceSeventh: 0,
		frozen: [],
		marks: []
	});
	return {
		current: end.current,
		longest: end.longest,
		freezesHeld: end.freezes,
		towardNextFreeze: end.sinceSeventh,
		todayCounted: counted.has(today),
		evaluatedThrough: through,
		frozenDays: end.frozen,
		marks: end.marks
	};
}

/** Plain data for toEqual: the Map as its entries. */
const plain = (s: StreakSummary) => ({ ...s, marks: [...s.marks] });

const utcDay = (epochDay: number) => new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
const WINDOW = 120;

/** Offsets 0…WINDOW-1 of counted days: random density, or runs separated by short gaps. */
const offsetsArb = fc.oneof(
	fc
		.tuple(
			fc.integer({ min: 0, max: 100 }),
			fc.array(fc.integer({ min: 0, max: 99 }), { minLength: WINDOW, maxLength: WINDOW })
		)
		.map(([density, rolls]) => rolls.flatMap((roll, i) => (roll < density ? [i] : []))),
	fc
		.array(
			fc.record({ run: fc.integer({ min: 1, max: 30 }), gap: fc.integer({ min: 1, max: 4 }) }),
			{ maxLength: 12 }
		)
		.map((pieces) => {
			const offsets: number[] = [];
			let at = 0;
			for (const { run: length, gap } of pieces) {
				for (let i = 0; i < length; i++) offsets.push(at + i);
				at += length + gap;
			}
			return offsets.filter((offset) => offset < WINDOW);
		})
);

/** A random history in a 120-day window somewhere in 2023…2026, and a random `today`. */
const historyArb = fc
	.record({
		// 2023-01-01 … 2026-06-30 (epoch days), so windows cross leap days and new years.
		start: fc.integer({ min: 19_358, max: 20_634 }),
		offsets: offsetsArb,
		// Mostly inside or after the window; a few before it (the clock went back).
		todayOffset: fc.integer({ min: -5, max: WINDOW + 30 }),
		rotate: fc.nat()
	})
	.map(({ start, offsets, todayOffset, rotate }) => {
		const days = offsets.map((offset) => utcDay(start + offset));
		// Feed them rotated, reversed and with some repeated: order and duplicates must not matter.
		const k = days.length > 0 ? rotate % days.length : 0;
		const input = [...days.slice(k), ...days.slice(0, k)]
			.reverse()
			.concat(days.filter((_, i) => i % 4 === 1));
		return { days, input, today: utcDay(start + todayOffset) };
	});

describe('computeStreak: properties', () => {
	it('equals the day-by-day reference on random histories', () => {
		fc.assert(
			fc.property(historyArb, ({ input, today }) => {
				expect(plain(computeStreak(input, today))).toEqual(referenceStreak(input, today));
			}),
			{ numRuns: 400 }
		);
	});

	it('keeps its invariants', () => {
		fc.assert(
			fc.property(historyArb, ({ days, input, today }) => {
				const s = computeStreak(input, today);
				const latest = days.at(-1);

				expect(s.current).toBeGreaterThanOrEqual(0);
				expect(s.current).toBeLessThanOrEqual(s.longest);
				expect(s.longest).toBeLessThanOrEqual(days.length);
				expect(s.freezesHeld).toBeGreaterThanOrEqual(0);
				expect(s.freezesHeld).toBeLessThanOrEqual(MAX_FREEZES);
				if (s.freezesHeld > 0) expect(s.current).toBeGreaterThan(0);
				expect(s.towardNextFreeze).toBeGreaterThanOrEqual(0);
				expect(s.towardNextFreeze).toBeLessThan(DAYS_PER_FREEZE);
				expect(s.towardNextFreeze).toBeLessThanOrEqual(s.current);
				if (s.freezesHeld === MAX_FREEZES) expect(s.towardNextFreeze).toBe(0);
				expect(s.todayCounted).toBe(days.includes(today));
				expect(s.evaluatedThrough).toBe(latest && latest > today ? latest : today);

				// Counted days are marked counted, nothing else is, and marks cover the whole span.
				expect(daysMarked(s, 'counted')).toEqual(days);
				expect(daysMarked(s, 'frozen')).toEqual(s.frozenDays);
				if (latest) {
					const span = dayRange(days[0], s.evaluatedThrough);
					if (!s.marks.has(s.evaluatedThrough)) span.pop();
					expect([...s.marks.keys()]).toEqual(span);
				}

				// A live run reaches the evaluation day: only frozen days after the latest counted day.
				if (s.current > 0) {
					const after = dayRange(addDays(latest!, 1), addDays(s.evaluatedThrough, -1));
					expect(after.every((day) => s.marks.get(day) === 'frozen')).toBe(true);
					if (today >= latest!) {
						const yesterday = addDays(today, -1);
						expect(
							latest === today ||
								latest === yesterday ||
								dayRange(addDays(latest!, 1), yesterday).every((d) => s.frozenDays.includes(d))
						).toBe(true);
					}
				}

				// Practising today makes today count and adds exactly one day to the streak. (With the
				// clock set back, "today" is a day in the past: it still never shortens the run, see
				// the next property, but need not add exactly one.)
				const withToday = computeStreak([...input, today], today);
				expect(withToday.todayCounted).toBe(true);
				if (!latest || today >= latest) {
					expect(withToday.current).toBe(s.current + (s.todayCounted ? 0 : 1));
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('never shortens the streak when a past day is practised too', () => {
		fc.assert(
			fc.property(historyArb, fc.nat(), ({ days, today }, pick) => {
				const s = computeStreak(days, today);
				// Any day from the first counted day up to the evaluation day, counted or not.
				const first = [...days].sort()[0] ?? today;
				const span = dayRange(first < today ? first : today, s.evaluatedThrough);
				const added = span[pick % span.length];
				const more = computeStreak([...days, added], today);
				expect(more.current).toBeGreaterThanOrEqual(s.current);
				expect(more.longest).toBeGreaterThanOrEqual(s.longest);
			}),
			{ numRuns: 500 }
		);
		// The case that the simpler rule "a 3rd freeze earned while holding 2 is lost" got wrong:
		// there, practising on 4 June cut the streak on 30 June from 23 to 1, because the run that
		// began on 1 June reached its cap a day before it needed the freeze.
		const base = dayRange('2025-06-01', '2025-06-30').filter(
			(d) => !['2025-06-04', '2025-06-25', '2025-06-27', '2025-06-29'].includes(d)
		);
		const streakWith = (...extra: string[]) =>
			computeStreak([...base, ...extra], '2025-06-30').current;
		// Here both runs hold 2 freezes from their 14th day, spend them on 25 and 27 June and end on
		// 29 June; practising on either day only helps.
		expect(streakWith()).toBe(1);
		expect(streakWith('2025-06-04')).toBe(1);
		expect(streakWith('2025-06-29')).toBe(24);
		expect(streakWith('2025-06-04', '2025-06-29')).toBe(28);
	});
});

// ---------------------------------------------------------------------------------------------
// Time zones, DST, travel and midnight: practice instants mapped to local days with localDay.

const ZONES = [
	'UTC',
	'Europe/London',
	'Europe/Paris',
	'America/New_York',
	'America/Los_Angeles',
	'America/St_Johns',
	'Asia/Kolkata',
	'Asia/Kathmandu',
	'Australia/Adelaide',
	'Australia/Lord_Howe',
	'Pacific/Chatham',
	'Pacific/Kiritimati',
	'Pacific/Pago_Pago',
	'Pacific/Auckland'
] as const;
const DST_ZONES = [
	'Europe/London',
	'Europe/Paris',
	'America/New_York',
	'America/Los_Angeles',
	'America/St_Johns',
	'Australia/Adelaide',
	'Australia/Lord_Howe',
	'Pacific/Chatham',
	'Pacific/Auckland'
] as const;
/** DST changes in 2024–2025 in those zones (EU, North America, Australia, New Zealand). */
const DST_SWITCHES = [
	'2024-03-10',
	'2024-03-31',
	'2024-04-07',
	'2024-09-29',
	'2024-10-06',
	'2024-10-27',
	'2024-11-03',
	'2025-03-09',
	'2025-03-30',
	'2025-04-06',
	'2025-09-28',
	'2025-10-05',
	'2025-10-26',
	'2025-11-02'
];

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
/** Milliseconds east of UTC in `zone` at instant `t` (a test helper, with a cached formatter). */
function offsetMs(t: number, zone: string): number {
	let format = offsetFormatters.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		offsetFormatters.set(zone, format);
	}
	const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, Number(p.value)]));
	const wall = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second
	);
	return wall - Math.floor(t / 1000) * 1000;
}

/** The instant when the wall clock in `zone` reads `msOfDay` into local day `day`. */
function instantAt(day: string, msOfDay: number, zone: string): Date {
	const [y, m, d] = day.split('-').map(Number);
	const wall = Date.UTC(y, m - 1, d) + msOfDay;
	// Two rounds settle the offset; a wall time inside a spring-forward gap lands an hour off, on
	// the same day (none of these zones changes its clocks at midnight).
	const guess = wall - offsetMs(wall, zone);
	return new Date(wall - offsetMs(guess, zone));
}

/** Maps a practice to its local day, checking the instant really falls on the intended day. */
function practise(day: string, msOfDay: number, zone: string): { at: Date; day: string } {
	const at = instantAt(day, msOfDay, zone);
	const local = localDay(at, zone);
	expect(local, `${day} +${msOfDay} ms in ${zone}`).toBe(day);
	return { at, day: local };
}

/** Two years of instants, 2024-01-01 … 2025-12-31 UTC. */
const T0 = Date.UTC(2024, 0, 1);
const T1 = Date.UTC(2026, 0, 1) - 1;
const msOfDayArb = fc.integer({ min: 0, max: MS_PER_DAY - 1 });
const dayIn2024To2025 = fc.integer({ min: 19_723, max: 20_453 }).map(utcDay);

describe('computeStreak: time zones, DST, travel and midnight', () => {
	it('leaves a learner who just practised, anywhere, with a live streak', () => {
		const practiceArb = fc.record({
			t: fc.integer({ min: T0, max: T1 }),
			zone: fc.constantFrom(...ZONES)
		});
		fc.assert(
			fc.property(
				fc.array(practiceArb, { minLength: 1, maxLength: 40 }),
				fc.integer({ min: 0, max: 10 * 60_000 }),
				(practices, delayMs) => {
					const days = practices.map(({ t, zone }) => localDay(new Date(t), zone));
					const last = practices.reduce((a, b) => (b.t > a.t ? b : a));
					// The device is in the zone of the latest practice, a few minutes later.
					const today = localDay(new Date(last.t + delayMs), last.zone);
					const s = computeStreak(days, today);
					expect(plain(s)).toEqual(referenceStreak(days, today));
					expect(s.current).toBeGreaterThanOrEqual(1);
					for (const day of days) expect(s.marks.get(day)).toBe('counted');
					expect(s.evaluatedThrough >= today).toBe(true);
				}
			),
			{ numRuns: 200 }
		);
	});

	it('counts every local day of practice across DST changes, at any local time', () => {
		// Windows of up to 45 days, half of them placed over a DST change.
		const startArb = fc.oneof(
			dayIn2024To2025,
			fc
				.tuple(fc.constantFrom(...DST_SWITCHES), fc.integer({ min: 0, max: 44 }))
				.map(([change, back]) => addDays(change, -back))
		);
		fc.assert(
			fc.property(
				fc.constantFrom(...DST_ZONES),
				startArb,
				fc.array(msOfDayArb, { minLength: 2, maxLength: 45 }),
				(zone, start, times) => {
					const practices = times.map((ms, i) => practise(addDays(start, i), ms, zone));
					const days = practices.map((p) => p.day);
					const s = computeStreak(days, days.at(-1)!);
					expect(s).toMatchObject({ current: times.length, longest: times.length });
					expect(s.frozenDays).toEqual([]);
					expect(daysMarked(s, 'missed')).toEqual([]);
				}
			),
			{ numRuns: 200 }
		);
	});

	it.each(DST_ZONES)('gives 365 days for practising every local day of 2025 in %s', (zone) => {
		const times = fc.sample(msOfDayArb, { numRuns: 365, seed: zone.length });
		const days = times.map((ms, i) => practise(addDays('2025-01-01', i), ms, zone).day);
		expect(new Set(days).size).toBe(365);
		const s = computeStreak(days, '2025-12-31');
		expect(s).toMatchObject({ current: 365, longest: 365, frozenDays: [], todayCounted: true });
		// Still 365 the next morning, before practising.
		expect(computeStreak(days, '2026-01-01').current).toBe(365);
	});

	it('counts 23:59:59.999 and the next 00:00:00.000 as two consecutive days', () => {
		fc.assert(
			fc.property(fc.constantFrom(...ZONES), dayIn2024To2025, (zone, day) => {
				const late = practise(day, MS_PER_DAY - 1, zone);
				const early = practise(addDays(day, 1), 0, zone);
				expect(early.at.getTime() - late.at.getTime()).toBe(1);
				expect(daysBetween(late.day, early.day)).toBe(1);

				expect(computeStreak([late.day], localDay(late.at, zone))).toMatchObject({
					current: 1,
					todayCounted: true
				});
				const s = computeStreak([late.day, early.day], localDay(early.at, zone));
				expect(s).toMatchObject({ current: 2, longest: 2, todayCounted: true });
				expect(marksOf(s)).toEqual([
					[late.day, 'counted'],
					[early.day, 'counted']
				]);
			}),
			{ numRuns: 200 }
		);
	});

	it('keeps a traveller’s streak whose practices fall on consecutive local days as zones change', () => {
		const legArb = fc.record({ zone: fc.constantFrom(...ZONES), ms: msOfDayArb });
		fc.assert(
			fc.property(
				dayIn2024To2025,
				fc.array(legArb, { minLength: 2, maxLength: 30 }),
				fc.integer({ min: 0, max: 3 * 3_600_000 }),
				(start, legs, laterMs) => {
					const practices = legs.map(({ zone, ms }, i) => practise(addDays(start, i), ms, zone));
					const days = practices.map((p) => p.day);
					const last = legs.length - 1;
					// The device a few hours after the last practice, still in that zone: today is the
					// last practice day or the next, open one.
					const today = localDay(new Date(practices[last].at.getTime() + laterMs), legs[last].zone);
					const s = computeStreak(days, today);
					expect(s).toMatchObject({ current: legs.length, longest: legs.length, frozenDays: [] });
					expect(daysMarked(s, 'missed')).toEqual([]);
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('daily goal', () => {
	const totals = (partial: Partial<DayTotals>): DayTotals => ({
		sessions: 0,
		questions: 0,
		activeMs: 0,
		lessons: 0,
		...partial
	});

	it.each<[DailyGoal, Partial<DayTotals>, number]>([
		[{ kind: 'sessions', target: 1 }, {}, 0],
		[{ kind: 'sessions', target: 1 }, { sessions: 1 }, 1],
		[{ kind: 'sessions', target: 1 }, { lessons: 1 }, 1],
		[{ kind: 'sessions', target: 2 }, { sessions: 1 }, 0.5],
		[{ kind: 'sessions', target: 2 }, { sessions: 1, lessons: 1 }, 1],
		[{ kind: 'sessions', target: 1 }, { sessions: 3 }, 1],
		[{ kind: 'sessions', target: 1 }, { questions: 50, activeMs: 3_600_000 }, 0],
		[{ kind: 'minutes', target: 10 }, { activeMs: 300_000 }, 0.5],
		[{ kind: 'minutes', target: 10 }, { activeMs: 600_000 }, 1],
		[{ kind: 'minutes', target: 10 }, { activeMs: 599_999 }, 599_999 / 600_000],
		[{ kind: 'minutes', target: 10 }, { sessions: 5, lessons: 2 }, 0],
		[{ kind: 'questions', target: 20 }, { questions: 5 }, 0.25],
		[{ kind: 'questions', target: 20 }, { questions: 20 }, 1],
		[{ kind: 'questions', target: 20 }, { questions: 21 }, 1],
		[{ kind: 'questions', target: 20 }, { questions: -4 }, 0],
		[{ kind: 'questions', target: 20 }, { questions: Number.NaN }, 0],
		// A mix check counts as a session, 5 answers or 2 minutes (MIX_CHECK_CREDIT).
		[{ kind: 'sessions', target: 1 }, { mixChecks: 1 }, 1],
		[{ kind: 'sessions', target: 2 }, { mixChecks: 1 }, 0.5],
		[{ kind: 'questions', target: 20 }, { mixChecks: 1 }, 0.25],
		[{ kind: 'questions', target: 20 }, { mixChecks: 3, questions: 4 }, 0.95],
		[{ kind: 'questions', target: 20 }, { mixChecks: 4 }, 1],
		[{ kind: 'minutes', target: 10 }, { mixChecks: 4 }, 0.8],
		[{ kind: 'minutes', target: 10 }, { mixChecks: 4, activeMs: 120_000 }, 1],
		[{ kind: 'minutes', target: 10 }, { mixChecks: -2, activeMs: 60_000 }, 0.1],
		[{ kind: 'questions', target: 20 }, { mixChecks: Number.NaN }, 0]
	])('%j with %j → %d', (goal, partial, expected) => {
		expect(goalProgress(goal, totals(partial))).toBeCloseTo(expected, 12);
		expect(goalMet(goal, totals(partial))).toBe(expected >= 1);
	});

	it('is met exactly at the target for any target (property)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('sessions', 'minutes', 'questions'),
				fc.integer({ min: 1, max: 500 }),
				(kind, target) => {
					const goal = { kind, target } as DailyGoal;
					const at =
						kind === 'minutes'
							? totals({ activeMs: target * 60_000 })
							: kind === 'sessions'
								? totals({ sessions: target })
								: totals({ questions: target });
					const below =
						kind === 'minutes'
							? totals({ activeMs: target * 60_000 - 1 })
							: kind === 'sessions'
								? totals({ sessions: target - 1 })
								: totals({ questions: target - 1 });
					expect(goalProgress(goal, at)).toBe(1);
					expect(goalMet(goal, at)).toBe(true);
					expect(goalMet(goal, below)).toBe(false);
					expect(goalProgress(goal, below)).toBeGreaterThanOrEqual(0);
					expect(goalProgress(goal, below)).toBeLessThan(1);
				}
			),
			{ numRuns: 200 }
		);
	});

	it('counts what a mix check is worth in each goal’s own unit', () => {
		const one = totals({ mixChecks: 1 });
		expect(goalDone('sessions', one)).toBe(MIX_CHECK_CREDIT.sessions);
		expect(goalDone('questions', one)).toBe(MIX_CHECK_CREDIT.questions);
		expect(goalDone('minutes', one)).toBe(MIX_CHECK_CREDIT.minutes * 60_000);
		// Days stored before mix checks counted have no field: they read as none.
		expect(goalDone('sessions', totals({ sessions: 1 }))).toBe(1);
	});

	it('rejects a target that is not a positive number', () => {
		for (const target of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(() => goalProgress({ kind: 'questions', target }, totals({}))).toThrow(RangeError);
		}
	});

	it('describes the goals in words', () => {
		expect(GOAL_CHOICES.map(describeGoal)).toEqual([
			'1 session a day',
			'10 minutes a day',
			'20 questions a day'
		]);
		expect(describeGoal(DEFAULT_GOAL)).toBe('1 session a day');
		expect(GOAL_CHOICES).toContainEqual(DEFAULT_GOAL);
		expect(describeGoal({ kind: 'sessions', target: 3 })).toBe('3 sessions a day');
		expect(describeGoal({ kind: 'minutes', target: 1 })).toBe('1 minute a day');
		expect(describeGoal({ kind: 'questions', target: 1 })).toBe('1 question a day');
	});
});
