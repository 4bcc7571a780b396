/**
 * The daily mix as runes state: first the lesson questions the learner missed that are due for
 * review (FSRS), then a drill session over every kind, weighted toward the kinds and octave bands
 * the learner finds hardest (recent accuracy from the stored attempts).
 */
import type { QuizQuestion } from '../course/lessons';
import { loadLesson } from '../course/course';
import { recentAccuracy, recentBandCounts } from '../db/attempts-repo';
import { getDatabase } from '../db/database';
import { dueReviews, recordReview } from '../db/lessons-repo';
import { drillKinds } from '../drills/registry';
import { bandWeights, weaknessWeights } from '../drills/weakness';
import { addDays } from '../progress/calendar';
import { currentDay } from '../progress/days';
import type { ReviewRow } from '../progress/review';
import { DrillSessionState } from './drill-session.svelte';

/** A due review card with its lesson's title and the question itself. */
export interface ReviewItem {
	card: ReviewRow;
	title: string;
	question: QuizQuestion;
}

/** Days of EQ practice whose per-band accuracy weighs the bands EQ questions ask about. */
const BAND_WINDOW_DAYS = 28;

/** One daily mix: the review, then the weighted drill session (a new one on restart). */
export class DailyMixState {
	/** Missed lesson questions due now; they come first. */
	reviews = $state.raw<ReviewItem[]>([]);
	/** The review is showing (there were due cards and it is not finished or skipped). */
	reviewing = $state(false);
	/** The drill session, once its weights are read. */
	session = $state.raw<DrillSessionState | null>(null);

	/** Reads the due reviews, then prepares the drill session behind them. */
	async start(): Promise<void> {
		this.reviews = await this.#dueItems();
		this.reviewing = this.reviews.length > 0;
		await this.startSession();
	}

	/** Starts a new drill session (also "Practise again" after the results). */
	async startSession(): Promise<void> {
		let accuracies: (number | null)[] = drillKinds.map(() => null);
		let bands: Record<string, [number, number]> = {};
		try {
			const db = getDatabase();
			accuracies = await Promise.all(
				drillKinds.map(async (kind) => (await recentAccuracy(db, { kind: kind.id })).accuracy)
			);
			bands = await recentBandCounts(db, addDays(currentDay(), 1 - BAND_WINDOW_DAYS));
		} catch {
			// Without stored history every kind and band weighs the same; the session still runs.
		}
		const session = new DrillSessionState({
			kinds: [...drillKinds],
			weights: weaknessWeights(accuracies),
			bandWeights: bandWeights(bands)
		});
		this.session = session;
		session.start();
	}

	/** Stores the answer to a review question and reschedules its card; throws when storage fails. */
	async answerReview(item: ReviewItem, correct: boolean): Promise<void> {
		await recordReview(getDatabase(), { id: item.card.id, correct, now: Date.now() });
	}

	/** Ends the review (finished or skipped): the drills come next. */
	finishReview(): void {
		this.reviewing = false;
	}

	async #dueItems(): Promise<ReviewItem[]> {
		try {
			const due = await dueReviews(getDatabase(), { now: Date.now() });
			const items: ReviewItem[] = [];
			for (const card of due) {
				// Only questions the course still has (a lesson's quiz may have changed since).
				const lesson = await loadLesson(card.slug);
				const question = lesson?.meta.quiz[card.index];
				if (lesson && question) items.push({ card, title: lesson.meta.title, question });
			}
			return items;
		} catch {
			return [];
		}
	}
}
