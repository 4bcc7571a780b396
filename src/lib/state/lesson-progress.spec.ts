import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../db/database';
import { saveReadingPosition } from '../db/lessons-repo';
import { currentDay } from '../progress/days';
import { LessonProgressState } from './lesson-progress.svelte';
import {
	breakDatabase,
	installBrowser,
	removeBrowser,
	resetDatabase,
	type FakeBrowser
} from './test-browser';

// The real repository, with the position writes counted.
vi.mock('../db/lessons-repo', async (importOriginal) => {
	const actual = await importOriginal<typeof import('../db/lessons-repo')>();
	return { ...actual, saveReadingPosition: vi.fn(actual.saveReadingPosition) };
});

const SLUG = 'the-low-end';
const writes = () => vi.mocked(saveReadingPosition).mock.calls.map(([, { position }]) => position);
const stored = () => getDatabase().lessons.get(SLUG);

let browser: FakeBrowser;
let lesson: LessonProgressState;

beforeEach(() => {
	browser = installBrowser();
	vi.mocked(saveReadingPosition).mockClear();
	lesson = new LessonProgressState(SLUG);
});

afterEach(async () => {
	lesson.stop();
	vi.useRealTimers();
	removeBrowser();
	await resetDatabase();
});

describe('LessonProgressState', () => {
	it('reads a fresh row for a lesson never opened, then follows its stored progress', async () => {
		lesson.start();
		await vi.waitFor(() => expect(lesson.value?.slug).toBe(SLUG));
		expect(lesson.value).toMatchObject({ position: 0, readToEnd: false, completedAt: null });
		lesson.savePosition(0.5);
		await vi.waitFor(() => expect(lesson.value?.position).toBe(0.5));
	});

	it('stores the reading position at most once a second, keeping the latest', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
		vi.setSystemTime(new Date(2026, 2, 10, 12, 0, 0));
		lesson.savePosition(0.1);
		expect(writes()).toEqual([0.1]);
		vi.advanceTimersByTime(200);
		lesson.savePosition(0.2);
		vi.advanceTimersByTime(200);
		lesson.savePosition(0.3);
		vi.advanceTimersByTime(599);
		expect(writes()).toEqual([0.1]);
		vi.advanceTimersByTime(1);
		expect(writes()).toEqual([0.1, 0.3]);
		// Quiet for over a second: the next position is stored at once.
		vi.advanceTimersByTime(1_500);
		lesson.savePosition(0.6);
		expect(writes()).toEqual([0.1, 0.3, 0.6]);
		vi.useRealTimers();
		await vi.waitFor(async () => expect((await stored())?.position).toBe(0.6));
	});

	it('drops a waiting position write when the lesson page closes', () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
		lesson.savePosition(0.1);
		lesson.savePosition(0.2);
		lesson.stop();
		vi.advanceTimersByTime(5_000);
		expect(writes()).toEqual([0.1]);
	});

	it('completes the lesson once it is read to the end and the quiz reaches 80 %', async () => {
		lesson.start();
		await lesson.markRead();
		await lesson.recordQuiz([true, true, true, false, false]);
		expect(await stored()).toMatchObject({ readToEnd: true, quizBest: 0.6, completedAt: null });
		// Missed questions come back for review.
		expect((await getDatabase().reviews.toArray()).map((r) => r.index).sort()).toEqual([3, 4]);
		expect(browser.persistRequests()).toBe(0);

		await lesson.recordQuiz([true, true, true, true, false]);
		const row = await stored();
		expect(row?.quizBest).toBe(0.8);
		expect(row?.completedAt).not.toBeNull();
		expect(row?.completedDay).toBe(currentDay());
		expect((await getDatabase().days.get(currentDay()))?.lessons).toBe(1);
		await vi.waitFor(() => expect(lesson.value?.completedAt).toBe(row?.completedAt));
		// A finished lesson is worth keeping: the browser is asked not to evict it.
		await vi.waitFor(() => expect(browser.persistRequests()).toBe(1));
		expect(lesson.error).toBe('');
	});

	it('completes a lesson whose quiz was passed when it is then read to the end', async () => {
		await lesson.recordQuiz([true, true, true, true, true]);
		expect((await stored())?.completedAt).toBeNull();
		await lesson.markRead();
		expect((await stored())?.completedAt).not.toBeNull();
	});

	it('says so when a position cannot be stored', async () => {
		vi.mocked(saveReadingPosition).mockRejectedValueOnce(
			new DOMException('full', 'QuotaExceededError')
		);
		lesson.savePosition(0.4);
		await vi.waitFor(() => expect(lesson.error).toMatch(/out of storage space/));
	});

	it('says so when reading to the end or a quiz cannot be stored', async () => {
		const broken = breakDatabase();
		try {
			await lesson.markRead();
			expect(lesson.error).toMatch(/blocked on-device storage/);
			lesson.error = '';
			await lesson.recordQuiz([true]);
			expect(lesson.error).toMatch(/blocked on-device storage/);
		} finally {
			await broken.restore();
		}
		expect(await stored()).toBeUndefined();
	});
});
