/**
 * Lesson progress: reading position, read-to-the-end, quiz scores, completion (which counts toward
 * the daily goal like a session) and review cards for missed quiz questions. Each change is one
 * transaction.
 */
import { addLessonToDay } from '../progress/aggregate';
import { gradeReview, newReview, reviewId, type ReviewRow } from '../progress/review';
import type { MixDatabase } from './database';
import { PASS_SCORE, type LessonRow } from '../progress/records';
import { localDay } from '../progress/days';
import { readSetting } from './settings-repo';

function emptyLesson(slug: string): LessonRow {
	return {
		slug,
		position: 0,
		readToEnd: false,
		quizBest: null,
		completedAt: null,
		completedDay: null
	};
}

/** A lesson's stored progress, or a fresh row. */
export async function readLesson(db: MixDatabase, slug: string): Promise<LessonRow> {
	return (await db.lessons.get(slug)) ?? emptyLesson(slug);
}

/** Completes the lesson (once) when it was read to the end and its quiz passed. */
async function completeIfDone(
	db: MixDatabase,
	row: LessonRow,
	now: number,
	timeZone: string
): Promise<LessonRow> {
	if (row.completedAt !== null || !row.readToEnd || (row.quizBest ?? 0) < PASS_SCORE) return row;
	const day = localDay(new Date(now), timeZone);
	const goal = await readSetting(db, 'dailyGoal');
	await db.days.put(addLessonToDay({ row: await db.days.get(day), day, goal }));
	return { ...row, completedAt: now, completedDay: day };
}

/** Remembers how far the learner has scrolled (0…1). */
export async function saveReadingPosition(
	db: MixDatabase,
	{ slug, position }: { slug: string; position: number }
): Promise<void> {
	const clamped = Math.min(1, Math.max(0, Number.isFinite(position) ? position : 0));
	await db.transaction('rw', db.lessons, async () => {
		await db.lessons.put({ ...(await readLesson(db, slug)), position: clamped });
	});
}

/** Marks the lesson read to the end; returns the row (completed if the quiz was passed already). */
export async function markReadToEnd(
	db: MixDatabase,
	{ slug, now, timeZone }: { slug: string; now: number; timeZone: string }
): Promise<LessonRow> {
	return db.transaction('rw', [db.lessons, db.days, db.settings], async () => {
		const row = await readLesson(db, slug);
		if (row.readToEnd) return row;
		const next = await completeIfDone(db, { ...row, readToEnd: true }, now, timeZone);
		await db.lessons.put(next);
		return next;
	});
}

/**
 * Stores a quiz try: the best score, completion when it passes (and the lesson was read), and a
 * review card for each question answered wrongly (kept if it already has one).
 */
export async function recordQuiz(
	db: MixDatabase,
	{
		slug,
		answers,
		now,
		timeZone
	}: { slug: string; answers: boolean[]; now: number; timeZone: string }
): Promise<LessonRow> {
	if (answers.length === 0) throw new RangeError('a quiz try needs at least one answer');
	const score = answers.filter(Boolean).length / answers.length;
	return db.transaction('rw', [db.lessons, db.days, db.settings, db.reviews], async () => {
		const row = await readLesson(db, slug);
		const next = await completeIfDone(
			db,
			{ ...row, quizBest: Math.max(row.quizBest ?? 0, score) },
			now,
			timeZone
		);
		await db.lessons.put(next);
		for (const [index, correct] of answers.entries()) {
			if (correct) continue;
			const existing = await db.reviews.get(reviewId(slug, index));
			if (!existing) await db.reviews.put(newReview({ slug, index, now }));
		}
		return next;
	});
}

/** Review cards due at `now`, earliest first. */
export async function dueReviews(
	db: MixDatabase,
	{ now, limit = 5 }: { now: number; limit?: number }
): Promise<ReviewRow[]> {
	return db.reviews.where('due').belowOrEqual(now).limit(limit).toArray();
}

/** Stores the answer to a review question and schedules the card's next review. */
export async function recordReview(
	db: MixDatabase,
	{ id, correct, now }: { id: string; correct: boolean; now: number }
): Promise<ReviewRow | undefined> {
	return db.transaction('rw', db.reviews, async () => {
		const row = await db.reviews.get(id);
		if (!row) return undefined;
		const next = gradeReview({ review: row, correct, now });
		await db.reviews.put(next);
		return next;
	});
}
