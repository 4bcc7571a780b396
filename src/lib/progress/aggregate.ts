/**
 * Per-day and per-kind-per-day totals, derived from attempts, sessions, lessons and the Mix Lab's
 * checks. Every write
 * updates them in the same transaction (db/progress-repo.ts), so Today and Progress read a few hundred
 * small rows instead of tens of thousands of attempts; migrations and imports rebuild them here.
 * Pure functions: no Dexie, no DOM.
 */
import type { AttemptRow, DayRow, KindDayRow, LessonRow, SessionRow } from './records';
import type { MixSessionRow } from '../mix/session-record';
import { countedChecks, mixCheckDay } from './mix-checks';
import { octaveBandOf } from '../drills/octave-bands';
import type { DrillKindId } from '../drills/types';
import { goalMet, type DailyGoal } from './streak';
import { totalsOf } from './totals';

/**
 * Longest time one question can add to "minutes practised": 2 minutes. A learner who leaves a
 * question open over lunch has not practised for an hour.
 */
export const ACTIVE_CAP_MS = 120_000;

/** A v2 session (before sessions were stored) counts as finished with at least this many answers. */
export const MIGRATED_SESSION_MIN_QUESTIONS = 5;

/** Practice time one answer adds. */
export function activeMsOf(responseMs: number): number {
	return Number.isFinite(responseMs) ? Math.min(Math.max(responseMs, 0), ACTIVE_CAP_MS) : 0;
}

/** A day with no practice yet. */
export function emptyDay(day: string): DayRow {
	return { day, sessions: 0, questions: 0, correct: 0, activeMs: 0, lessons: 0, goalMet: false };
}

function judged(row: DayRow, goal: DailyGoal): DayRow {
	return { ...row, goalMet: row.goalMet || goalMet(goal, totalsOf(row)) };
}

/** What every day update starts from: the stored row and the goal the day is judged by. */
export interface DayUpdate {
	/** The day so far; undefined before its first practice. */
	row: DayRow | undefined;
	goal: DailyGoal;
}

/** The day after one more answer. */
export function addAttemptToDay({
	row,
	attempt,
	goal
}: DayUpdate & { attempt: Pick<AttemptRow, 'day' | 'correct' | 'responseMs'> }): DayRow {
	const base = row ?? emptyDay(attempt.day);
	return judged(
		{
			...base,
			questions: base.questions + 1,
			correct: base.correct + (attempt.correct ? 1 : 0),
			activeMs: base.activeMs + activeMsOf(attempt.responseMs)
		},
		goal
	);
}

/** The day after a finished session (its answers were already counted one by one). */
export function addSessionToDay({
	row,
	session,
	goal
}: DayUpdate & { session: Pick<SessionRow, 'day'> }): DayRow {
	const base = row ?? emptyDay(session.day);
	return judged({ ...base, sessions: base.sessions + 1 }, goal);
}

/** The day after a completed lesson. */
export function addLessonToDay({ row, day, goal }: DayUpdate & { day: string }): DayRow {
	const base = row ?? emptyDay(day);
	return judged({ ...base, lessons: base.lessons + 1 }, goal);
}

/**
 * The day after one more Mix Lab check (what a check counts for: MIX_CHECK_CREDIT in streak.ts).
 * `mixChecks` appears on a day with its first check, so other days keep their shape.
 */
export function addMixCheckToDay({ row, day, goal }: DayUpdate & { day: string }): DayRow {
	const base = row ?? emptyDay(day);
	return judged({ ...base, mixChecks: (base.mixChecks ?? 0) + 1 }, goal);
}

/** Re-judges a day under a new goal; a day already met stays met. */
export function rejudgeDay({ row, day, goal }: DayUpdate & { day: string }): DayRow {
	return judged(row ?? emptyDay(day), goal);
}

/** A kind's day after one more answer. */
export function addAttemptToKindDay(
	row: KindDayRow | undefined,
	attempt: Pick<AttemptRow, 'kind' | 'day' | 'correct' | 'level' | 'levelValue' | 'params'>
): KindDayRow {
	const base: KindDayRow = row ?? {
		kind: attempt.kind,
		day: attempt.day,
		attempts: 0,
		correct: 0,
		level: 0,
		levelValue: 0,
		bands: {}
	};
	const band = octaveBandOf(attempt.params?.frequencyHz);
	const bands = { ...base.bands };
	if (band !== null) {
		const [n, c] = bands[band] ?? [0, 0];
		bands[band] = [n + 1, c + (attempt.correct ? 1 : 0)];
	}
	return {
		...base,
		attempts: base.attempts + 1,
		correct: base.correct + (attempt.correct ? 1 : 0),
		level: attempt.level,
		levelValue: attempt.levelValue,
		bands
	};
}

function byTime(a: AttemptRow, b: AttemptRow): number {
	return a.timestamp - b.timestamp || (a.id ?? 0) - (b.id ?? 0);
}

/**
 * Sessions inferred from attempts stored before sessions were (schema v2): each session id with at
 * least MIGRATED_SESSION_MIN_QUESTIONS answers is a finished session, dated by its last answer.
 */
export function sessionsFromAttempts(attempts: AttemptRow[]): SessionRow[] {
	const groups = new Map<string, AttemptRow[]>();
	for (const attempt of attempts) {
		const group = groups.get(attempt.sessionId);
		if (group) group.push(attempt);
		else groups.set(attempt.sessionId, [attempt]);
	}
	const sessions: SessionRow[] = [];
	for (const [sessionId, group] of groups) {
		if (group.length < MIGRATED_SESSION_MIN_QUESTIONS) continue;
		group.sort(byTime);
		const first = group[0];
		const last = group[group.length - 1];
		const kinds = [...new Set(group.map((a) => a.kind))] as DrillKindId[];
		sessions.push({
			sessionId,
			mode: kinds.length > 1 ? 'daily' : 'drill',
			kinds,
			startedAt: first.timestamp - activeMsOf(first.responseMs),
			endedAt: last.timestamp,
			day: last.day,
			timeZone: last.timeZone,
			utcOffsetMinutes: last.utcOffsetMinutes,
			questions: group.length,
			correct: group.filter((a) => a.correct).length,
			activeMs: group.reduce((sum, a) => sum + activeMsOf(a.responseMs), 0)
		});
	}
	return sessions;
}

/**
 * Day and kind-day totals from the primary records (each check in `mixSessions`' histories counts
 * on its own day). `metDays` are days already judged met (kept: history is judged by the goal in
 * force at the time); other days are judged by `goal`.
 */
export function rebuildAggregates({
	attempts,
	sessions,
	lessons,
	mixSessions = [],
	goal,
	metDays = new Set()
}: {
	attempts: AttemptRow[];
	sessions: SessionRow[];
	lessons: LessonRow[];
	/** Mix Lab sessions (none before the Mix Lab existed). */
	mixSessions?: readonly Pick<MixSessionRow, 'checks'>[];
	goal: DailyGoal;
	metDays?: ReadonlySet<string>;
}): { days: DayRow[]; kindDays: KindDayRow[] } {
	const days = new Map<string, DayRow>();
	const kindDays = new Map<string, KindDayRow>();
	const day = (d: string) => days.get(d) ?? { ...emptyDay(d), goalMet: metDays.has(d) };
	for (const attempt of [...attempts].sort(byTime)) {
		days.set(attempt.day, addAttemptToDay({ row: day(attempt.day), attempt, goal }));
		const key = `${attempt.kind}|${attempt.day}`;
		kindDays.set(key, addAttemptToKindDay(kindDays.get(key), attempt));
	}
	for (const session of sessions)
		days.set(session.day, addSessionToDay({ row: day(session.day), session, goal }));
	for (const lesson of lessons) {
		if (lesson.completedDay) {
			days.set(
				lesson.completedDay,
				addLessonToDay({ row: day(lesson.completedDay), day: lesson.completedDay, goal })
			);
		}
	}
	for (const mixSession of mixSessions) {
		for (const check of countedChecks(mixSession.checks)) {
			const d = mixCheckDay(check);
			days.set(d, addMixCheckToDay({ row: day(d), day: d, goal }));
		}
	}
	for (const d of metDays) if (!days.has(d)) days.set(d, day(d));
	return { days: [...days.values()], kindDays: [...kindDays.values()] };
}

/** Everything schema v3 adds, derived from v2's attempts (the upgrade). */
export function deriveFromAttempts(
	attempts: AttemptRow[],
	goal: DailyGoal
): { sessions: SessionRow[]; days: DayRow[]; kindDays: KindDayRow[] } {
	const sessions = sessionsFromAttempts(attempts);
	return { sessions, ...rebuildAggregates({ attempts, sessions, lessons: [], goal }) };
}
