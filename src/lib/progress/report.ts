/**
 * What the Progress page shows, computed from the stored totals: the streak and its 12-month
 * calendar, sessions and minutes per day, each drill's threshold in its own unit and its history,
 * and accuracy per octave band for the EQ drills. Pure: the page reads the rows, this shapes them.
 */
import type { DayRow, DrillStateRow, KindDayRow, LessonRow } from './records';
import { OCTAVE_BANDS_HZ } from '../drills/octave-bands';
import { thresholdLevel } from '../drills/staircase';
import type { DrillKind, DrillKindId } from '../drills/types';
import { addDays, compareDays, dayRange, monthsBack } from './calendar';
import { computeStreak, type StreakSummary } from './streak';

/** How a calendar cell reads: practised, saved by a freeze, missed, today (not yet met), or none. */
export type CalendarMark = 'counted' | 'frozen' | 'missed' | 'pending' | 'none' | 'future';

export interface CalendarMonth {
	/** YYYY-MM */
	month: string;
	days: { day: string; mark: CalendarMark }[];
	counted: number;
	frozen: number;
}

export interface DayActivity {
	day: string;
	/** Drill sessions and completed lessons. */
	sessions: number;
	/** Minutes answering drill questions. */
	minutes: number;
	questions: number;
	/** Mix Lab checks that counted toward the day (each as MIX_CHECK_CREDIT says). */
	mixChecks: number;
}

export interface DrillProgress {
	id: DrillKindId;
	name: string;
	unit: string;
	/** Questions answered, all time. */
	questions: number;
	/** Recent accuracy (last 30 days), or null without practice. */
	accuracy: number | null;
	/** The staircase threshold as a (fractional) rung, 0 = easiest; null before any practice. */
	thresholdLevel: number | null;
	/** The value, in the drill's unit, of the rung nearest the threshold. */
	threshold: number | null;
	/** What that rung means, in words ("a 6 dB octave boost among 10 bands"). */
	thresholdText: string | null;
	/** Rungs on the drill's ladder. */
	levelCount: number;
	/** The rung (and its value) of each practised day's last question, oldest first. */
	history: { day: string; level: number; value: number }[];
}

export interface BandAccuracy {
	hz: number;
	questions: number;
	correct: number;
}

export interface ProgressReport {
	today: string;
	streak: StreakSummary;
	calendar: CalendarMonth[];
	/** The last 30 days, oldest first. */
	activity: DayActivity[];
	drills: DrillProgress[];
	/** EQ drills' accuracy per octave band over the last 90 days. */
	bands: BandAccuracy[];
	lessonsCompleted: number;
	totals: { questions: number; sessions: number; minutes: number; daysPractised: number };
}

/** Days of activity shown as bars. */
export const ACTIVITY_DAYS = 30;
/** Days of EQ practice the band chart covers. */
export const BAND_DAYS = 90;
/** Days the per-drill accuracy covers. */
export const ACCURACY_DAYS = 30;

/** Builds the Progress page's data. `kinds` is the drill registry (in display order). */
export function buildProgressReport({
	days,
	kindDays,
	drillStates,
	lessons,
	kinds,
	today
}: {
	days: DayRow[];
	kindDays: KindDayRow[];
	drillStates: DrillStateRow[];
	lessons: LessonRow[];
	kinds: readonly DrillKind[];
	today: string;
}): ProgressReport {
	const streak = computeStreak(
		days.filter((d) => d.goalMet).map((d) => d.day),
		today
	);
	const calendar = monthsBack(today, 12).map(({ month, days: monthDays }) => {
		let counted = 0;
		let frozen = 0;
		const cells = monthDays.map((day) => {
			let mark: CalendarMark = streak.marks.get(day) ?? 'none';
			if (mark === 'none' && day === today) mark = 'pending';
			if (compareDays(day, streak.evaluatedThrough) > 0) mark = 'future';
			if (mark === 'counted') counted++;
			if (mark === 'frozen') frozen++;
			return { day, mark };
		});
		return { month, days: cells, counted, frozen };
	});

	const byDay = new Map(days.map((d) => [d.day, d]));
	const activity = dayRange(addDays(today, -(ACTIVITY_DAYS - 1)), today).map((day) => {
		const row = byDay.get(day);
		return {
			day,
			sessions: row ? row.sessions + row.lessons : 0,
			minutes: row ? Math.round((row.activeMs / 60000) * 10) / 10 : 0,
			questions: row?.questions ?? 0,
			mixChecks: row?.mixChecks ?? 0
		};
	});

	const accuracyFrom = addDays(today, -(ACCURACY_DAYS - 1));
	const bandFrom = addDays(today, -(BAND_DAYS - 1));
	const bandCounts = new Map<string, [number, number]>();
	const drills = kinds.map((kind): DrillProgress => {
		const rows = kindDays
			.filter((r) => r.kind === kind.id)
			.sort((a, b) => compareDays(a.day, b.day));
		let recentN = 0;
		let recentCorrect = 0;
		for (const row of rows) {
			if (compareDays(row.day, accuracyFrom) >= 0) {
				recentN += row.attempts;
				recentCorrect += row.correct;
			}
			if (kind.family === 'eq' && compareDays(row.day, bandFrom) >= 0) {
				for (const [band, [n, c]] of Object.entries(row.bands)) {
					const [sn, sc] = bandCounts.get(band) ?? [0, 0];
					bandCounts.set(band, [sn + n, sc + c]);
				}
			}
		}
		const state = drillStates.find((s) => s.kind === kind.id);
		const level = state ? thresholdLevel(state.staircase) : null;
		const rung = level === null ? null : kind.levels[Math.round(level)];
		return {
			id: kind.id,
			name: kind.name,
			unit: kind.unit,
			questions: rows.reduce((sum, r) => sum + r.attempts, 0),
			accuracy: recentN ? recentCorrect / recentN : null,
			thresholdLevel: level,
			threshold: rung?.value ?? null,
			thresholdText: rung?.description ?? null,
			levelCount: kind.levels.length,
			history: rows.map((r) => ({ day: r.day, level: r.level, value: r.levelValue }))
		};
	});
	const bands = OCTAVE_BANDS_HZ.map((hz) => {
		const [questions, correct] = bandCounts.get(String(hz)) ?? [0, 0];
		return { hz, questions, correct };
	});

	return {
		today,
		streak,
		calendar,
		activity,
		drills,
		bands,
		lessonsCompleted: lessons.filter((l) => l.completedAt !== null).length,
		totals: {
			questions: days.reduce((sum, d) => sum + d.questions, 0),
			sessions: days.reduce((sum, d) => sum + d.sessions, 0),
			minutes: Math.round(days.reduce((sum, d) => sum + d.activeMs, 0) / 60000),
			daysPractised: days.filter((d) => d.questions > 0 || d.lessons > 0 || (d.mixChecks ?? 0) > 0)
				.length
		}
	};
}
