import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../db/database';
import type { LessonRow } from '../progress/records';
import { LessonListState } from './lesson-list.svelte';
import { installBrowser, removeBrowser, resetDatabase } from './test-browser';

const lesson = (slug: string, fields: Partial<LessonRow> = {}): LessonRow => ({
	slug,
	position: 0,
	readToEnd: false,
	quizBest: null,
	completedAt: null,
	completedDay: null,
	...fields
});

let list: LessonListState;

beforeEach(() => {
	installBrowser();
	list = new LessonListState();
});

afterEach(async () => {
	list.stop();
	removeBrowser();
	await resetDatabase();
});

describe('LessonListState', () => {
	it('maps every stored lesson by its slug', async () => {
		const done = lesson('translation', { readToEnd: true, quizBest: 1, completedAt: 5 });
		const started = lesson('dynamics', { position: 0.4 });
		await getDatabase().lessons.bulkPut([done, started]);
		list.start();
		await vi.waitFor(() => expect(list.value?.size).toBe(2));
		expect(list.value?.get('translation')).toEqual(done);
		expect(list.value?.get('dynamics')?.position).toBe(0.4);
		expect(list.value?.has('the-low-end')).toBe(false);
	});

	it('is empty on a new device, and takes in progress made later as a new map', async () => {
		list.start();
		await vi.waitFor(() => expect(list.value?.size).toBe(0));
		const before = list.value;
		await getDatabase().lessons.put(lesson('the-low-end', { position: 0.9 }));
		await vi.waitFor(() => expect(list.value?.get('the-low-end')?.position).toBe(0.9));
		// Replaced whole, never mutated: the first snapshot still reads as it was.
		expect(before?.size).toBe(0);
	});
});
