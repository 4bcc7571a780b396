/**
 * Live progress as runes state: Dexie's liveQuery re-runs the reads whenever any tab writes to the
 * tables they touch, so Today and Progress update while another tab (or this one) practises.
 */
import { liveQuery } from 'dexie';
import { getDatabase } from '../db/database';
import type { DayRow } from '../progress/records';
import { deviceTimeZone, localDay } from '../progress/days';
import { readSetting } from '../db/settings-repo';
import {
	computeStreak,
	DEFAULT_GOAL,
	goalProgress,
	type DailyGoal,
	type StreakSummary
} from '../progress/streak';
import { totalsOf } from '../progress/totals';
import { describeStorageError } from './settings.svelte';

/** Today's local calendar day on this device. */
export function currentDay(): string {
	// A moment in time, not UI state.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	return localDay(new Date(), deviceTimeZone());
}

/** A liveQuery bridged into a `$state.raw` field; `start` in onMount, `stop` on destroy. */
export abstract class Live<T> {
	value = $state.raw<T | null>(null);
	error = $state('');
	#subscription: { unsubscribe(): void } | undefined;
	#onVisible = () => {
		// A new day may have begun while the app was in the background.
		if (document.visibilityState === 'visible') this.#subscribe();
	};

	protected abstract read(today: string): Promise<T>;

	start() {
		this.#subscribe();
		document.addEventListener('visibilitychange', this.#onVisible);
	}

	#subscribe() {
		this.#subscription?.unsubscribe();
		const today = currentDay();
		this.#subscription = liveQuery(() => this.read(today)).subscribe({
			next: (value) => {
				this.value = value;
				this.error = '';
			},
			error: (error) => (this.error = describeStorageError(error))
		});
	}

	stop() {
		this.#subscription?.unsubscribe();
		document.removeEventListener('visibilitychange', this.#onVisible);
	}
}

export interface TodaySnapshot {
	today: string;
	goal: DailyGoal;
	row: DayRow | null;
	/** 0…1 toward today's goal. */
	progress: number;
	streak: StreakSummary;
	/** Slugs of completed lessons. */
	completedLessons: string[];
}

/** The Today page: streak, today's goal progress, lessons done. */
export class LiveToday extends Live<TodaySnapshot> {
	protected async read(today: string): Promise<TodaySnapshot> {
		const db = getDatabase();
		const [goal, days, lessons] = await Promise.all([
			readSetting(db, 'dailyGoal').catch(() => DEFAULT_GOAL),
			db.days.toArray(),
			db.lessons.toArray()
		]);
		const row = days.find((d) => d.day === today) ?? null;
		return {
			today,
			goal,
			row,
			progress: row?.goalMet ? 1 : goalProgress(goal, totalsOf(row ?? undefined)),
			streak: computeStreak(
				days.filter((d) => d.goalMet).map((d) => d.day),
				today
			),
			completedLessons: lessons.filter((l) => l.completedAt !== null).map((l) => l.slug)
		};
	}
}
