import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MixDatabase } from './database';
import {
	dueReviews,
	markReadToEnd,
	readLesson,
	recordQuiz,
	recordReview,
	saveReadingPosition
} from './lessons-repo';

let db: MixDatabase;
afterEach(() => db?.delete());
const now = Date.UTC(2026, 10, 24, 12);
const DAY = 86_400_000;
const where = { now, timeZone: 'Europe/Paris' };

describe('lesson progress', () => {
	it('keeps the reading position, clamped to 0…1', async () => {
		db = new MixDatabase('lessons-1');
		await saveReadingPosition(db, { slug: 'headroom', position: 0.42 });
		expect((await readLesson(db, 'headroom')).position).toBe(0.42);
		await saveReadingPosition(db, { slug: 'headroom', position: 7 });
		expect((await readLesson(db, 'headroom')).position).toBe(1);
	});

	it('completes a lesson only when it was read to the end and the quiz passed (80 %), once', async () => {
		db = new MixDatabase('lessons-2');
		let row = await recordQuiz(db, { slug: 'a', answers: [true, true, true, false], ...where });
		expect(row).toMatchObject({ quizBest: 0.75, completedAt: null });
		row = await recordQuiz(db, { slug: 'a', answers: [true, true, true, true, false], ...where });
		// Passed, but not read to the end yet.
		expect(row).toMatchObject({ quizBest: 0.8, completedAt: null });
		expect(await db.days.count()).toBe(0);
		row = await markReadToEnd(db, { slug: 'a', ...where });
		expect(row).toMatchObject({ readToEnd: true, completedAt: now, completedDay: '2026-11-24' });
		// A completed lesson meets the default goal (1 session) and counts once.
		expect(await db.days.get('2026-11-24')).toMatchObject({ lessons: 1, goalMet: true });
		await recordQuiz(db, { slug: 'a', answers: [true, true, true], ...where });
		await markReadToEnd(db, { slug: 'a', ...where });
		expect((await db.days.get('2026-11-24'))?.lessons).toBe(1);
		expect((await readLesson(db, 'a')).quizBest).toBe(1);
	});

	it('dates completion in the zone where it happened', async () => {
		db = new MixDatabase('lessons-3');
		const lateInTokyo = Date.UTC(2026, 10, 24, 16); // 01:00 on the 25th in Tokyo
		await markReadToEnd(db, { slug: 'b', now: lateInTokyo, timeZone: 'Asia/Tokyo' });
		const row = await recordQuiz(db, {
			slug: 'b',
			answers: [true, true, true],
			now: lateInTokyo,
			timeZone: 'Asia/Tokyo'
		});
		expect(row.completedDay).toBe('2026-11-25');
	});

	it('turns missed questions into review cards that come due on a later day', async () => {
		db = new MixDatabase('lessons-4');
		await recordQuiz(db, { slug: 'c', answers: [true, false, false], ...where });
		expect(await dueReviews(db, { now: now + 60_000 })).toEqual([]);
		const due = await dueReviews(db, { now: now + 3 * DAY });
		expect(due.map((r) => r.id).sort()).toEqual(['c#1', 'c#2']);
		// Missing it again in a later quiz keeps the card's schedule.
		await recordQuiz(db, { slug: 'c', answers: [true, false, true], ...where });
		expect(await db.reviews.count()).toBe(2);
		const after = await recordReview(db, { id: 'c#1', correct: true, now: now + 3 * DAY });
		expect(after!.due).toBeGreaterThan(now + 4 * DAY);
		expect((await dueReviews(db, { now: now + 3 * DAY })).map((r) => r.id)).toEqual(['c#2']);
	});
});
