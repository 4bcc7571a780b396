/**
 * Spaced review of lesson quiz questions answered wrongly (FSRS, via ts-fsrs): a missed question
 * comes back in a later daily session, then at growing intervals while it is answered right, and
 * sooner again when it is missed. Staircases suit perceptual skills; FSRS suits facts (DOMAIN.md).
 * Cards are stored as plain data with epoch-millisecond dates, so they go into IndexedDB and
 * backups as they are.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card } from 'ts-fsrs';

/** A stored review card: one quiz question of one lesson. */
export interface ReviewRow {
	/** `${slug}#${index}` */
	id: string;
	slug: string;
	/** The question's index in the lesson's quiz. */
	index: number;
	/** When it is next due, ms since the epoch. */
	due: number;
	card: StoredCard;
	updatedAt: number;
}

/** ts-fsrs's Card with dates as epoch milliseconds. */
export interface StoredCard {
	stability: number;
	difficulty: number;
	elapsed_days: number;
	scheduled_days: number;
	learning_steps: number;
	reps: number;
	lapses: number;
	state: number;
	last_review: number | null;
}

// Whole days only: a question missed today comes back in a later session, not in ten minutes.
const scheduler = fsrs(generatorParameters({ enable_short_term: false, enable_fuzz: false }));

function toStored(card: Card): { due: number; card: StoredCard } {
	return {
		due: card.due.getTime(),
		card: {
			stability: card.stability,
			difficulty: card.difficulty,
			elapsed_days: card.elapsed_days,
			scheduled_days: card.scheduled_days,
			learning_steps: card.learning_steps,
			reps: card.reps,
			lapses: card.lapses,
			state: card.state,
			last_review: card.last_review ? card.last_review.getTime() : null
		}
	};
}

function fromStored(row: Pick<ReviewRow, 'due' | 'card'>): Card {
	return {
		...row.card,
		due: new Date(row.due),
		last_review: row.card.last_review === null ? undefined : new Date(row.card.last_review)
	} as Card;
}

/** The id of a lesson question's card. */
export function reviewId(slug: string, index: number): string {
	return `${slug}#${index}`;
}

/** A card for a question just answered wrongly at `now`. */
export function newReview({
	slug,
	index,
	now
}: {
	slug: string;
	/** The question's index in the lesson's quiz. */
	index: number;
	now: number;
}): ReviewRow {
	const { card } = scheduler.next(createEmptyCard(new Date(now)), new Date(now), Rating.Again);
	return { id: reviewId(slug, index), slug, index, ...toStored(card), updatedAt: now };
}

/** The card after reviewing it at `now`: Good when answered right, Again when missed. */
export function gradeReview({
	review,
	correct,
	now
}: {
	review: ReviewRow;
	correct: boolean;
	now: number;
}): ReviewRow {
	const { card } = scheduler.next(
		fromStored(review),
		new Date(now),
		correct ? Rating.Good : Rating.Again
	);
	return { ...review, ...toStored(card), updatedAt: now };
}

/** Whether a card should be asked at `now`. */
export function isDue(row: Pick<ReviewRow, 'due'>, now: number): boolean {
	return row.due <= now;
}
