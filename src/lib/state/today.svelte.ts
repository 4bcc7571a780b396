/**
 * The Today page's live state: the streak, progress toward today's goal and the lessons done. Read
 * without Dexie (a PeekLive), so `/` paints and shows them without downloading it.
 */
import { peek } from '../db/peek';
import { settingFrom } from '../db/settings-repo';
import type { DayRow } from '../progress/records';
import {
	computeStreak,
	goalProgress,
	type DailyGoal,
	type StreakSummary
} from '../progress/streak';
import { totalsOf } from '../progress/totals';
import { PeekLive } from './peek-live.svelte';

export interface TodaySnapshot {
	today: string;
	goal: DailyGoal;
	row: DayRow | null;
	/** 0…1 toward today's goal. */
	progress: number;
	streak: StreakSummary;
	/** Slugs of completed lessons. */
	completedLessons: string[];
	/** Any lesson finished, question answered or mix checked, ever: a newcomer has none. */
	started: boolean;
}

/** Today's streak, goal progress and completed lessons, updated when any tab writes. */
export class TodayState extends PeekLive<TodaySnapshot> {
	protected async read(today: string): Promise<TodaySnapshot> {
		const [goalRow, days, lessons] = await peek({
			stores: ['settings', 'days', 'lessons'],
			read: (snapshot) =>
				Promise.all([
					// A goal that cannot be read at all counts as the default, as a corrupt one does.
					snapshot.get('settings', 'dailyGoal').catch(() => undefined),
					snapshot.getAll('days'),
					snapshot.getAll('lessons')
				])
		});
		const goal = settingFrom('dailyGoal', goalRow);
		const row = days.find((d) => d.day === today) ?? null;
		const completedLessons = lessons.filter((l) => l.completedAt !== null).map((l) => l.slug);
		return {
			today,
			goal,
			row,
			progress: row?.goalMet ? 1 : goalProgress(goal, totalsOf(row ?? undefined)),
			streak: computeStreak(
				days.filter((d) => d.goalMet).map((d) => d.day),
				today
			),
			completedLessons,
			started:
				completedLessons.length > 0 ||
				days.some((d) => d.questions > 0 || d.lessons > 0 || (d.mixChecks ?? 0) > 0)
		};
	}
}
