import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../db/database';
import { peek } from '../db/peek';
import { emptyDay } from '../progress/aggregate';
import { PeekLive } from './peek-live.svelte';
import { installBrowser, removeBrowser, resetDatabase, type FakeBrowser } from './test-browser';

/** Counts the stored days without Dexie; remembers each day it was asked for, and fails on demand. */
class DayCount extends PeekLive<number> {
	readonly days: string[] = [];
	failWith: Error | null = null;
	/** Held reads wait here until released, to finish out of order. */
	hold: Promise<void> | null = null;

	protected async read(today: string): Promise<number> {
		this.days.push(today);
		const hold = this.hold;
		const rows = await peek({ stores: ['days'], read: (snapshot) => snapshot.getAll('days') });
		await hold;
		if (this.failWith) throw this.failWith;
		return rows.length;
	}
}

let browser: FakeBrowser;
const started: PeekLive<unknown>[] = [];

function start<L extends PeekLive<unknown>>(live: L): L {
	started.push(live);
	live.start();
	return live;
}

const addDay = (day: string) => getDatabase().days.put(emptyDay(day));
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

beforeEach(() => {
	browser = installBrowser();
});

afterEach(async () => {
	for (const live of started.splice(0)) live.stop();
	vi.useRealTimers();
	removeBrowser();
	await resetDatabase();
});

describe('PeekLive', () => {
	it('holds null before the first read, then reads again after each write (Dexie’s, in any tab)', async () => {
		const live = start(new DayCount());
		expect(live.value).toBeNull();
		await vi.waitFor(() => expect(live.value).toBe(0));
		await addDay('2026-03-01');
		await vi.waitFor(() => expect(live.value).toBe(1));
		await addDay('2026-03-02');
		await vi.waitFor(() => expect(live.value).toBe(2));
		expect(live.error).toBe('');
	});

	it('never lets an earlier read that finishes late replace a newer result', async () => {
		const live = start(new DayCount());
		await vi.waitFor(() => expect(live.value).toBe(0));
		let release = () => {};
		live.hold = new Promise((resolve) => (release = resolve));
		browser.setVisibility('visible'); // a read of 0 days, held
		await settle();
		live.hold = null;
		await addDay('2026-03-01'); // a read of 1 day, not held
		await vi.waitFor(() => expect(live.value).toBe(1));
		release();
		await settle();
		expect(live.value).toBe(1);
	});

	it('reports a failed read as a storage failure, keeps the last value, and clears it after a good read', async () => {
		const live = start(new DayCount());
		await vi.waitFor(() => expect(live.value).toBe(0));
		live.failWith = new DOMException('full', 'QuotaExceededError');
		await addDay('2026-03-01');
		await vi.waitFor(() => expect(live.error).toMatch(/out of storage space/));
		expect(live.value).toBe(0);
		live.failWith = null;
		await addDay('2026-03-02');
		await vi.waitFor(() => expect(live.value).toBe(2));
		expect(live.error).toBe('');
	});

	it('stops reading after stop(), and drops a read under way', async () => {
		const live = start(new DayCount());
		await vi.waitFor(() => expect(live.value).toBe(0));
		let release = () => {};
		live.hold = new Promise((resolve) => (release = resolve));
		browser.setVisibility('visible');
		await settle();
		live.stop();
		release();
		live.hold = null;
		const reads = live.days.length;
		await addDay('2026-03-01');
		browser.setVisibility('visible');
		await settle();
		expect(live.value).toBe(0);
		expect(live.days.length).toBe(reads);
	});

	it('reads again for the new day when the page becomes visible', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date(2026, 2, 1, 23, 58));
		const live = start(new DayCount());
		await vi.waitFor(() => expect(live.value).toBe(0));
		expect(live.days).toEqual(['2026-03-01']);
		vi.setSystemTime(new Date(2026, 2, 2, 0, 4));
		browser.setVisibility('hidden');
		await settle();
		expect(live.days).toEqual(['2026-03-01']);
		browser.setVisibility('visible');
		await vi.waitFor(() => expect(live.days.at(-1)).toBe('2026-03-02'));
	});
});
