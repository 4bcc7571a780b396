import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../db/database';
import { drillKinds } from '../drills/registry';
import type { DrillKindId } from '../drills/types';
import { UNTRIED_WEIGHT } from '../drills/weakness';
import { currentDay } from '../progress/days';
import type { AttemptRow } from '../progress/records';
import { newReview } from '../progress/review';
import { DailyMixState } from './daily-mix.svelte';
import { breakDatabase, installBrowser, removeBrowser, resetDatabase } from './test-browser';

/** What each drill session was made with; sessions render audio, so they are stand-ins here. */
const sessions = vi.hoisted(() => [] as { options: unknown; started: number }[]);
vi.mock('./drill-session.svelte', () => ({
	DrillSessionState: class {
		record: { options: unknown; started: number };
		constructor(options: unknown) {
			this.record = { options, started: 0 };
			sessions.push(this.record);
		}
		start() {
			this.record.started++;
		}
	}
}));

// The course's lessons are mdsvex modules behind import.meta.glob; one fake lesson stands in.
vi.mock('../course/course', () => ({
	loadLesson: async (slug: string) =>
		slug === 'the-low-end'
			? {
					meta: {
						title: 'The low end',
						quiz: [0, 1, 2].map((i) => ({
							question: `Question ${i}?`,
							choices: ['yes', 'no'],
							answer: 0,
							explanation: 'Because.'
						}))
					},
					body: null
				}
			: null
}));

type SessionOptions = {
	kinds: { id: DrillKindId }[];
	weights: number[];
	bandWeights: Record<string, number>;
};
const lastSession = () => sessions.at(-1)!.options as SessionOptions;
const weightOf = (kind: DrillKindId) => {
	const { kinds, weights } = lastSession();
	return weights[kinds.findIndex((k) => k.id === kind)];
};

const DAY_MS = 86_400_000;

const attempt = (kind: DrillKindId, i: number, correct: boolean): Omit<AttemptRow, 'id'> => ({
	kind,
	family: 'eq',
	sessionId: 's',
	level: 0,
	levelValue: 0,
	seed: i,
	source: { kind: 'pink-noise' },
	params: {},
	answer: 'a',
	correctAnswer: 'a',
	correct,
	score: correct ? 1 : 0,
	responseMs: 1_000,
	timestamp: 1_000 + i,
	day: '2026-01-01',
	timeZone: 'UTC',
	utcOffsetMinutes: 0
});

let mix: DailyMixState;

beforeEach(() => {
	installBrowser();
	sessions.length = 0;
	mix = new DailyMixState();
});

afterEach(async () => {
	removeBrowser();
	await resetDatabase();
});

describe('DailyMixState: the review', () => {
	it('puts the missed lesson questions that are due first, with their lesson and question', async () => {
		const now = Date.now();
		await getDatabase().reviews.bulkPut([
			newReview({ slug: 'the-low-end', index: 2, now: now - 3 * DAY_MS }),
			// Missed just now: not due until a later day.
			newReview({ slug: 'the-low-end', index: 0, now }),
			// A lesson the course no longer has, and a question its quiz no longer has.
			newReview({ slug: 'a-removed-lesson', index: 0, now: now - 3 * DAY_MS }),
			newReview({ slug: 'the-low-end', index: 9, now: now - 3 * DAY_MS })
		]);
		await mix.start();
		expect(mix.reviews.map((r) => [r.card.id, r.title, r.question.question])).toEqual([
			['the-low-end#2', 'The low end', 'Question 2?']
		]);
		expect(mix.reviewing).toBe(true);
		// The drills are ready behind the review.
		expect(sessions).toHaveLength(1);
		expect(sessions[0].started).toBe(1);
		expect(mix.session).not.toBeNull();

		mix.finishReview();
		expect(mix.reviewing).toBe(false);
	});

	it('goes straight to the drills when nothing is due', async () => {
		await mix.start();
		expect(mix.reviews).toEqual([]);
		expect(mix.reviewing).toBe(false);
		expect(sessions[0].started).toBe(1);
	});

	it('reschedules a card when it is answered: its next review moves later', async () => {
		const now = Date.now();
		const card = newReview({ slug: 'the-low-end', index: 1, now: now - 3 * DAY_MS });
		await getDatabase().reviews.put(card);
		await mix.start();
		const [item] = mix.reviews;
		await mix.answerReview(item, true);
		const after = await getDatabase().reviews.get(card.id);
		expect(after!.due).toBeGreaterThan(now);
		expect(after!.card.reps).toBe(card.card.reps + 1);
		// Answered right, it is not due again in the next daily mix.
		const next = new DailyMixState();
		await next.start();
		expect(next.reviews).toEqual([]);
	});

	it('throws when the answer cannot be stored', async () => {
		const now = Date.now();
		await getDatabase().reviews.put(
			newReview({ slug: 'the-low-end', index: 1, now: now - 3 * DAY_MS })
		);
		await mix.start();
		const broken = breakDatabase();
		try {
			await expect(mix.answerReview(mix.reviews[0], false)).rejects.toThrow();
		} finally {
			await broken.restore();
		}
	});
});

describe('DailyMixState: the drill session', () => {
	it('weights the kinds and octave bands the learner finds hardest', async () => {
		const db = getDatabase();
		await db.attempts.bulkAdd([
			...Array.from({ length: 10 }, (_, i) => attempt('eq-cut', i, i < 2)),
			...Array.from({ length: 10 }, (_, i) => attempt('limiter', 100 + i, true))
		]);
		await db.kindDays.bulkPut([
			{
				kind: 'eq-boost',
				day: currentDay(),
				attempts: 20,
				correct: 12,
				level: 0,
				levelValue: 0,
				bands: { '125': [10, 2], '4000': [10, 10] }
			}
		]);
		await mix.start();
		const { kinds, weights, bandWeights } = lastSession();
		expect(kinds.map((k) => k.id)).toEqual(drillKinds.map((k) => k.id));
		expect(weights).toHaveLength(drillKinds.length);
		// 20 % right weighs most, untried next, always right least (but never nothing).
		expect(weightOf('eq-cut')).toBeGreaterThan(UNTRIED_WEIGHT);
		expect(weightOf('mono')).toBe(UNTRIED_WEIGHT);
		expect(weightOf('limiter')).toBeLessThan(UNTRIED_WEIGHT);
		expect(weightOf('limiter')).toBeGreaterThan(0);
		expect(bandWeights['125']).toBeGreaterThan(bandWeights['4000']);
	});

	it('leaves out band practice older than four weeks', async () => {
		const db = getDatabase();
		const old = { attempts: 10, correct: 0, level: 0, levelValue: 0 };
		await db.kindDays.put({
			kind: 'eq-boost',
			day: '2020-01-01',
			...old,
			bands: { '250': [10, 0] }
		});
		await mix.start();
		expect(lastSession().bandWeights).toEqual({});
	});

	it('runs an even session when storage cannot be read', async () => {
		await getDatabase().attempts.bulkAdd(
			Array.from({ length: 10 }, (_, i) => attempt('eq-cut', i, false))
		);
		const broken = breakDatabase();
		try {
			await mix.start();
		} finally {
			await broken.restore();
		}
		expect(mix.reviews).toEqual([]);
		expect(lastSession().weights).toEqual(drillKinds.map(() => UNTRIED_WEIGHT));
		expect(lastSession().bandWeights).toEqual({});
		expect(sessions[0].started).toBe(1);
	});

	it('starts a new session for "Practise again"', async () => {
		await mix.start();
		const first = mix.session;
		await mix.startSession();
		expect(sessions).toHaveLength(2);
		expect(mix.session).not.toBe(first);
		expect(sessions[1].started).toBe(1);
	});
});
