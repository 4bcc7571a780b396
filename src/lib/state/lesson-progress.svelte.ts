/** One lesson's stored progress as live runes state, and the writes a lesson page makes. */
import { liveQuery } from 'dexie';
import { getDatabase } from '../db/database';
import type { LessonRow } from '../progress/records';
import { deviceTimeZone } from '../progress/days';
import { markReadToEnd, readLesson, recordQuiz, saveReadingPosition } from '../db/lessons-repo';
import { requestPersistence } from './storage';
import { describeStorageError } from './settings.svelte';

/** How often the reading position is stored while scrolling. */
const POSITION_EVERY_MS = 1000;

export class LessonProgress {
	row = $state.raw<LessonRow | null>(null);
	error = $state('');
	readonly slug: string;
	#subscription: { unsubscribe(): void } | undefined;
	#lastSaved = 0;
	#pending: ReturnType<typeof setTimeout> | undefined;

	constructor(slug: string) {
		this.slug = slug;
	}

	start() {
		this.#subscription = liveQuery(() => readLesson(getDatabase(), this.slug)).subscribe({
			next: (row) => (this.row = row),
			error: (error) => (this.error = describeStorageError(error))
		});
	}

	stop() {
		this.#subscription?.unsubscribe();
		if (this.#pending) clearTimeout(this.#pending);
	}

	/** Stores the reading position (0…1), at most once a second. */
	savePosition(position: number) {
		const write = () => {
			this.#lastSaved = Date.now();
			this.#pending = undefined;
			saveReadingPosition(getDatabase(), this.slug, position).catch(this.#fail);
		};
		if (this.#pending) clearTimeout(this.#pending);
		const wait = POSITION_EVERY_MS - (Date.now() - this.#lastSaved);
		if (wait <= 0) write();
		else this.#pending = setTimeout(write, wait);
	}

	async markRead() {
		try {
			await markReadToEnd(getDatabase(), {
				slug: this.slug,
				now: Date.now(),
				timeZone: deviceTimeZone()
			});
		} catch (error) {
			this.#fail(error);
		}
	}

	async recordQuiz(answers: boolean[]) {
		try {
			const row = await recordQuiz(getDatabase(), {
				slug: this.slug,
				answers,
				now: Date.now(),
				timeZone: deviceTimeZone()
			});
			// Asking the browser to keep our data must not hold up the score.
			if (row.completedAt !== null) void requestPersistence();
		} catch (error) {
			this.#fail(error);
		}
	}

	#fail = (error: unknown) => {
		this.error = describeStorageError(error);
	};
}
