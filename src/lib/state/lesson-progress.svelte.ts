/** One lesson's stored progress as live runes state, and the writes a lesson page makes. */
import { getDatabase } from '../db/database';
import { markReadToEnd, readLesson, recordQuiz, saveReadingPosition } from '../db/lessons-repo';
import { deviceTimeZone } from '../progress/days';
import type { LessonRow } from '../progress/records';
import { Live } from './live.svelte';
import { requestPersistence } from './storage';

/** How often the reading position is stored while scrolling. */
const POSITION_EVERY_MS = 1000;

/** A lesson's reading position, read-to-the-end and quiz, read live; `value` is its stored row. */
export class LessonProgressState extends Live<LessonRow> {
	readonly slug: string;
	#lastSaved = 0;
	#pending: ReturnType<typeof setTimeout> | undefined;

	constructor(slug: string) {
		super();
		this.slug = slug;
	}

	protected read(): Promise<LessonRow> {
		return readLesson(getDatabase(), this.slug);
	}

	override stop(): void {
		super.stop();
		if (this.#pending) clearTimeout(this.#pending);
	}

	/** Stores the reading position (0…1), at most once a second. */
	savePosition(position: number) {
		const write = () => {
			this.#lastSaved = Date.now();
			this.#pending = undefined;
			saveReadingPosition(getDatabase(), { slug: this.slug, position }).catch(this.#fail);
		};
		if (this.#pending) clearTimeout(this.#pending);
		const wait = POSITION_EVERY_MS - (Date.now() - this.#lastSaved);
		if (wait <= 0) write();
		else this.#pending = setTimeout(write, wait);
	}

	/** Marks the lesson read to the end (it completes if the quiz was passed already). */
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

	/** Stores a finished quiz (right or wrong per question); missed questions become review cards. */
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
		this.error = this.describeError(error);
	};
}
