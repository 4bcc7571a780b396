/**
 * The daily streak and its freezes, and the daily goal that decides which days count.
 *
 * The streak is computed from scratch from the set of counted days (a day counts when the goal was
 * met that local day, judged in the zone where the practice happened) rather than kept as a
 * running counter, so it cannot drift: the same history always gives the same streak, on any
 * device, in any order, after any clock or time-zone change. One pass over the days from the first
 * counted day to the evaluation day applies the rules:
 *
 * - A counted day extends the run. Every 7 counted days earn a freeze while fewer than 2 are held;
 *   while 2 are held the count toward the next one waits, and it goes on once one is spent.
 * - A missed day (not counted, before the evaluation day) while the run is alive and a freeze is
 *   held spends the freeze: the day is 'frozen', the run goes on without growing. Otherwise it is
 *   'missed' and the run ends.
 * - The evaluation day itself, when not yet counted, is pending: today is still open.
 * - When a counted day lies after `today` (the device clock went back), the evaluation day is the
 *   latest counted day, so nothing already earned breaks and nothing is counted twice.
 *
 * Practising more never shortens a streak: adding a counted day before the evaluation day never
 * lowers `current` or `longest` (a property test checks it). The waiting count is what makes that
 * true. With the simpler "a freeze earned while holding 2 is lost", a run that started a day
 * earlier could reach its cap earlier, waste a freeze and break where the later-starting run held on.
 * Here a day's worth of progress is never wasted: `7 × freezes + towardNextFreeze` only grows with
 * counted days (up to 14) and drops by 7 per spent freeze, so more practice always leaves more of it.
 */

import { fromEpochDay, toEpochDay, type Day, type EpochDay } from './calendar';

/** How a day before the evaluation day ended up. */
export type DayMark = 'counted' | 'frozen' | 'missed';

/** The streak as of the evaluation day. */
export interface StreakSummary {
	/** Counted days in the live run (frozen days bridge it but do not add); 0 when it broke. */
	current: number;
	/** The longest run ever, counted the same way; never less than `current`. */
	longest: number;
	/** Freezes held after all spending up to the evaluation day, 0…MAX_FREEZES. */
	freezesHeld: number;
	/** Counted days toward the next freeze (0…6); 0 while 2 are held, since the count waits then. */
	towardNextFreeze: number;
	/** Whether `today` itself is counted. */
	todayCounted: boolean;
	/** The later of `today` and the latest counted day. */
	evaluatedThrough: Day;
	/** Every day a freeze was spent on, over the whole history, ascending. */
	frozenDays: Day[];
	/**
	 * Every day from the first counted day through `evaluatedThrough`, ascending, except an
	 * uncounted `evaluatedThrough` (still pending).
	 */
	marks: Map<Day, DayMark>;
}

/** Most freezes held at once. */
export const MAX_FREEZES = 2;
/** Counted days of a run that earn one freeze. */
export const DAYS_PER_FREEZE = 7;

/**
 * The streak for a set of counted days as of `today` (both 'YYYY-MM-DD'). Duplicates and order do
 * not matter; an invalid day throws a RangeError naming it. O(days from the first counted day to
 * the evaluation day).
 */
export function computeStreak(countedDays: Iterable<Day>, today: Day): StreakSummary {
	const todayNumber = toEpochDay(today);
	const counted = new Set<EpochDay>();
	let first = Infinity;
	let latest = -Infinity;
	for (const day of countedDays) {
		const n = toEpochDay(day);
		counted.add(n);
		if (n < first) first = n;
		if (n > latest) latest = n;
	}

	const through = Math.max(todayNumber, latest);
	const summary: StreakSummary = {
		current: 0,
		longest: 0,
		freezesHeld: 0,
		towardNextFreeze: 0,
		todayCounted: counted.has(todayNumber),
		evaluatedThrough: fromEpochDay(through),
		frozenDays: [],
		marks: new Map()
	};
	if (counted.size === 0) return summary;

	let current = 0;
	let freezes = 0;
	let toward = 0;
	for (let n = first; n <= through; n++) {
		const day = fromEpochDay(n);
		if (counted.has(n)) {
			current++;
			if (freezes < MAX_FREEZES && ++toward === DAYS_PER_FREEZE) {
				freezes++;
				toward = 0;
			}
			if (current > summary.longest) summary.longest = current;
			summary.marks.set(day, 'counted');
		} else if (n === through) {
			// Today, not yet counted: still open, so it neither spends a freeze nor breaks the run.
		} else if (current > 0 && freezes > 0) {
			freezes--;
			summary.frozenDays.push(day);
			summary.marks.set(day, 'frozen');
		} else {
			// Freezes are only earned inside a run and only lost by spending, so none are held here.
			current = 0;
			toward = 0;
			summary.marks.set(day, 'missed');
		}
	}
	summary.current = current;
	summary.freezesHeld = freezes;
	summary.towardNextFreeze = toward;
	return summary;
}

/** What the learner aims for each day. */
export type DailyGoal =
	| { kind: 'sessions'; target: number }
	| { kind: 'minutes'; target: number }
	| { kind: 'questions'; target: number };

/** The goal before the learner picks one. */
export const DEFAULT_GOAL: DailyGoal = { kind: 'sessions', target: 1 };

/** The goals offered in settings. */
export const GOAL_CHOICES: readonly DailyGoal[] = [
	{ kind: 'sessions', target: 1 },
	{ kind: 'minutes', target: 10 },
	{ kind: 'questions', target: 20 }
];

/** A stored goal if it is one of the offered choices, else null. */
export function parseGoal(value: unknown): DailyGoal | null {
	if (typeof value !== 'object' || value === null) return null;
	const { kind, target } = value as Record<string, unknown>;
	const match = GOAL_CHOICES.find((g) => g.kind === kind && g.target === target);
	return match ? { ...match } : null;
}

/** What the learner did on one local day. */
export interface DayTotals {
	/** Drill sessions finished. */
	sessions: number;
	/** Questions answered. */
	questions: number;
	/** Time spent actively practising, in milliseconds. */
	activeMs: number;
	/** Lessons completed. */
	lessons: number;
	/** Mix Lab checks run (absent from days stored before they counted). */
	mixChecks?: number;
}

/**
 * What one Mix Lab check ("Will it survive the master?") counts for toward each kind of goal. A check
 * rounds off a stretch of mixing, which the app does not time: it counts as a session (as a
 * completed lesson does), as 5 answers, and as 2 minutes (the most one answer can add, see
 * ACTIVE_CAP_MS in aggregate.ts). So 1 check meets the 1-session goal, 4 the 20-answer goal and 5
 * the 10-minute goal.
 */
export const MIX_CHECK_CREDIT = { sessions: 1, questions: 5, minutes: 2 } as const;

const MS_PER_MINUTE = 60_000;

/** A count that may be missing or corrupt in stored data, read as a non-negative number. */
function amount(value: number): number {
	return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * What the day has done toward a goal of `kind`, in the goal's unit (minutes in milliseconds): a
 * completed lesson counts as a session, a mix check as MIX_CHECK_CREDIT says.
 * @example goalDone('questions', { sessions: 0, questions: 3, activeMs: 0, lessons: 0, mixChecks: 1 }) // 8
 */
export function goalDone(kind: DailyGoal['kind'], totals: DayTotals): number {
	const checks = amount(totals.mixChecks ?? 0);
	if (kind === 'sessions') {
		return amount(totals.sessions) + amount(totals.lessons) + checks * MIX_CHECK_CREDIT.sessions;
	}
	if (kind === 'questions') return amount(totals.questions) + checks * MIX_CHECK_CREDIT.questions;
	return amount(totals.activeMs) + checks * MIX_CHECK_CREDIT.minutes * MS_PER_MINUTE;
}

/**
 * 0…1 progress toward `goal` (see goalDone for what counts). Throws a RangeError for a target that
 * is not a positive finite number.
 */
export function goalProgress(goal: DailyGoal, totals: DayTotals): number {
	if (!(Number.isFinite(goal.target) && goal.target > 0)) {
		throw new RangeError(`Daily goal target must be a positive number: ${goal.target}`);
	}
	// Minutes compare in milliseconds: division is monotonic, so reaching the target gives exactly 1.
	const needed = goal.kind === 'minutes' ? goal.target * MS_PER_MINUTE : goal.target;
	return Math.min(1, goalDone(goal.kind, totals) / needed);
}

/** Whether `totals` meet `goal`, so the day counts toward the streak. */
export function goalMet(goal: DailyGoal, totals: DayTotals): boolean {
	return goalProgress(goal, totals) >= 1;
}

/**
 * The goal in words.
 * @example describeGoal({ kind: 'minutes', target: 10 }) // '10 minutes a day'
 */
export function describeGoal(goal: DailyGoal): string {
	const unit = { sessions: 'session', minutes: 'minute', questions: 'question' }[goal.kind];
	return `${goal.target} ${unit}${goal.target === 1 ? '' : 's'} a day`;
}
