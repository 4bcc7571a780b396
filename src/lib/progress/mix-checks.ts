/**
 * The Mix Lab's checks as progress: the day each check counts on (toward the goal and the streak,
 * see MIX_CHECK_CREDIT in streak.ts), the checks a save adds, and the Progress page's "Mix checks":
 * how often each kind of planted problem passed its check, week by week. Pure: no Dexie, no DOM.
 */
import type { MixCheckSummary, MixSessionRow } from '../mix/session-record';
import { problemNames } from '../mix/hints';
import { problemKinds, type ProblemKind } from '../mix/types';
import { addDays, daysBetween, type Day } from './calendar';
import { localDay } from './days';

/** Weeks of the by-kind history, the current one last. */
export const MIX_CHECK_WEEKS = 8;

/**
 * The local day a check counts on: the day stored with it, or, for a check stored before days were
 * (the Mix Lab's first release), the day its time falls on in `timeZone` (default: this device's).
 */
export function mixCheckDay(check: Pick<MixCheckSummary, 'at' | 'day'>, timeZone?: string): Day {
	return check.day ?? localDay(new Date(check.at), timeZone);
}

/**
 * The checks in `next` that `stored` (the same session as stored before) does not have yet and
 * that count (`countedChecks`): the ones a save is about to add to their days, so each counts
 * exactly once. A check is known by its time; a session's history only grows.
 */
export function addedChecks({
	stored,
	next
}: {
	stored: Pick<MixSessionRow, 'checks'> | undefined;
	next: Pick<MixSessionRow, 'checks'>;
}): MixCheckSummary[] {
	const known = new Set(stored?.checks.map((check) => check.at));
	return countedChecks(next.checks).filter((check) => !known.has(check.at));
}

/**
 * The checks of one session's history (oldest first) that count, toward the goal and on Progress:
 * all but a check of the same settings as the check before it (the same mix and master checked
 * again, which measures nothing new). Checks stored without a settings key all count.
 */
export function countedChecks<C extends Pick<MixCheckSummary, 'settingsKey'>>(
	checks: readonly C[]
): C[] {
	return checks.filter((check, i) => !repeatsPrevious({ check, previous: checks[i - 1] }));
}

/** Whether `check` checked the same settings as `previous`, the session's check before it. */
export function repeatsPrevious({
	check,
	previous
}: {
	check: Pick<MixCheckSummary, 'settingsKey'>;
	previous: Pick<MixCheckSummary, 'settingsKey'> | undefined;
}): boolean {
	return Boolean(check.settingsKey) && check.settingsKey === previous?.settingsKey;
}

/** One week of one kind: how many times a problem of that kind was checked, and passed. */
export interface MixKindWeek {
	/** First and last day of the week (7 days ending on `to`). */
	from: Day;
	to: Day;
	checked: number;
	passed: number;
}

/** One kind of planted problem across every check. */
export interface MixKindProgress {
	kind: ProblemKind;
	/** In plain words ("Rumble under 40 Hz"). */
	name: string;
	/** Times a problem of this kind was checked (a project with two counts twice per check), all time. */
	checked: number;
	passed: number;
	/** Whether it passed in the latest check that had it. */
	latestPass: boolean;
	/** The last MIX_CHECK_WEEKS weeks, oldest first, the current week (ending today) last. */
	weeks: MixKindWeek[];
}

/** The Progress page's "Mix checks". */
export interface MixCheckReport {
	/** Checks run, all time (a repeat of the same settings not again: see `countedChecks`). */
	checks: number;
	/** Mix sessions with at least one check. */
	sessions: number;
	/** Checks in which every planted problem passed. */
	cleanChecks: number;
	/** The kinds ever checked, in the Mix Lab's order of kinds; empty before the first check. */
	kinds: MixKindProgress[];
}

/**
 * Checks passed by problem kind, all time and per week over the last MIX_CHECK_WEEKS weeks (weeks
 * end on `today`, so the current week is always whole). A check dated after `today` (the clock went
 * back) counts in the current week.
 */
export function buildMixCheckReport({
	mixSessions,
	today
}: {
	mixSessions: readonly Pick<MixSessionRow, 'checks'>[];
	today: Day;
}): MixCheckReport {
	const weekBounds = Array.from({ length: MIX_CHECK_WEEKS }, (_, i) => {
		const to = addDays(today, -7 * (MIX_CHECK_WEEKS - 1 - i));
		return { from: addDays(to, -6), to };
	});
	const byKind = new Map<ProblemKind, MixKindProgress>();
	const latestAt = new Map<ProblemKind, number>();
	let checks = 0;
	let sessions = 0;
	let cleanChecks = 0;
	for (const session of mixSessions) {
		if (session.checks.length > 0) sessions++;
		for (const check of countedChecks(session.checks)) {
			checks++;
			if (check.problems.every((p) => p.pass)) cleanChecks++;
			const age = Math.max(0, daysBetween(mixCheckDay(check), today));
			const week = MIX_CHECK_WEEKS - 1 - Math.floor(age / 7);
			for (const problem of check.problems) {
				let kind = byKind.get(problem.kind);
				if (!kind) {
					kind = {
						kind: problem.kind,
						name: problemNames[problem.kind],
						checked: 0,
						passed: 0,
						latestPass: problem.pass,
						weeks: weekBounds.map((bounds) => ({ ...bounds, checked: 0, passed: 0 }))
					};
					byKind.set(problem.kind, kind);
				}
				const pass = problem.pass ? 1 : 0;
				kind.checked++;
				kind.passed += pass;
				// The latest check decides; of two problems of a kind in one check, a failure does.
				const latest = latestAt.get(problem.kind) ?? -Infinity;
				if (check.at > latest || (check.at === latest && !problem.pass)) {
					latestAt.set(problem.kind, check.at);
					kind.latestPass = problem.pass;
				}
				if (week >= 0) {
					kind.weeks[week].checked++;
					kind.weeks[week].passed += pass;
				}
			}
		}
	}
	const kinds = problemKinds.flatMap((id) => byKind.get(id) ?? []);
	return { checks, sessions, cleanChecks, kinds };
}
