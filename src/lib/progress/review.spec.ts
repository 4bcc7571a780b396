import { describe, expect, it } from 'vitest';
import { gradeReview, isDue, newReview, reviewId } from './review';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 24, 9);

describe('spaced review of missed quiz questions', () => {
	it('brings a missed question back on a later day, not in the same session', () => {
		const card = newReview({ slug: 'headroom', index: 2, now: t0 });
		expect(card.id).toBe(reviewId('headroom', 2));
		expect(isDue(card, t0 + 60_000)).toBe(false);
		expect(card.due - t0).toBeGreaterThanOrEqual(DAY);
		expect(card.due - t0).toBeLessThanOrEqual(3 * DAY);
	});

	it('spaces it out further each time it is answered right, and sooner when missed again', () => {
		let card = newReview({ slug: 'eq', index: 0, now: t0 });
		const intervals: number[] = [];
		let now = card.due;
		for (let i = 0; i < 4; i++) {
			card = gradeReview({ review: card, correct: true, now });
			intervals.push(card.due - now);
			now = card.due;
		}
		for (let i = 1; i < intervals.length; i++)
			expect(intervals[i]).toBeGreaterThan(intervals[i - 1]);
		const missed = gradeReview({ review: card, correct: false, now });
		expect(missed.due - now).toBeLessThan(intervals[intervals.length - 1]);
		expect(missed.card.lapses).toBe(card.card.lapses + 1);
	});

	it('stores plain, JSON-safe data', () => {
		const card = gradeReview({
			review: newReview({ slug: 'x', index: 1, now: t0 }),
			correct: true,
			now: t0 + 2 * DAY
		});
		expect(JSON.parse(JSON.stringify(card))).toEqual(card);
		expect(typeof card.card.last_review).toBe('number');
	});
});
