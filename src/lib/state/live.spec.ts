import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../db/database';
import { Live } from './live.svelte';
import { installBrowser, removeBrowser, resetDatabase, type FakeBrowser } from './test-browser';

/** Counts the settings rows; remembers each day it was asked for, and fails on demand. */
class SettingsCount extends Live<number> {
	readonly days: string[] = [];
	failWith: Error | null = null;

	protected async read(today: string): Promise<number> {
		this.days.push(today);
		const count = await getDatabase().settings.count();
		if (this.failWith) throw this.failWith;
		return count;
	}
}

/** The same read, telling the learner in its own words what failed. */
class ExplainedCount extends SettingsCount {
	protected override describeError(error: unknown): string {
		return `The count failed: ${(error as Error).message}`;
	}
}

let browser: FakeBrowser;
const started: Live<unknown>[] = [];

function start<L extends Live<unknown>>(live: L): L {
	started.push(live);
	live.start();
	return live;
}

/** Lets pending reads run (liveQuery starts each one on a zero-delay timeout). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const addSetting = (key: string) => getDatabase().settings.put({ key, value: 1 });

beforeEach(() => {
	browser = installBrowser();
});

afterEach(async () => {
	for (const live of started.splice(0)) live.stop();
	vi.useRealTimers();
	removeBrowser();
	await resetDatabase();
});

describe('Live', () => {
	it('holds null before the first read, then what the read returned', async () => {
		await addSetting('volume');
		await addSetting('theme');
		const live = start(new SettingsCount());
		expect(live.value).toBeNull();
		await vi.waitFor(() => expect(live.value).toBe(2));
		expect(live.error).toBe('');
	});

	it('reads again when a table the read touched is written', async () => {
		const live = start(new SettingsCount());
		await vi.waitFor(() => expect(live.value).toBe(0));
		await addSetting('volume');
		await vi.waitFor(() => expect(live.value).toBe(1));
		await addSetting('theme');
		await vi.waitFor(() => expect(live.value).toBe(2));
	});

	it('reports a failed read through describeError, and a later good read clears it', async () => {
		const live = start(new ExplainedCount());
		await vi.waitFor(() => expect(live.value).toBe(0));
		live.failWith = new Error('disk on fire');
		await addSetting('volume');
		await vi.waitFor(() => expect(live.error).toBe('The count failed: disk on fire'));
		// The last good value stays on screen beside the error.
		expect(live.value).toBe(0);
		live.failWith = null;
		await addSetting('theme');
		await vi.waitFor(() => expect(live.value).toBe(2));
		expect(live.error).toBe('');
	});

	it('describes a failed read as a storage failure unless the subclass says otherwise', async () => {
		const live = start(new SettingsCount());
		await vi.waitFor(() => expect(live.value).toBe(0));
		live.failWith = new DOMException('full', 'QuotaExceededError');
		await addSetting('volume');
		await vi.waitFor(() => expect(live.error).toMatch(/out of storage space/));
	});

	it('stops reading after stop()', async () => {
		const stopped = start(new SettingsCount());
		const watcher = start(new SettingsCount());
		await vi.waitFor(() => expect(stopped.value).toBe(0));
		stopped.stop();
		const reads = stopped.days.length;
		await addSetting('volume');
		// The watcher sees the write, so the stopped one had its chance to read it too.
		await vi.waitFor(() => expect(watcher.value).toBe(1));
		browser.setVisibility('hidden');
		browser.setVisibility('visible');
		await vi.waitFor(() => expect(watcher.days.length).toBeGreaterThan(2));
		expect(stopped.value).toBe(0);
		expect(stopped.days.length).toBe(reads);
	});

	it('reads again for the new day when the page becomes visible', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date(2026, 2, 1, 23, 58));
		const live = start(new SettingsCount());
		await vi.waitFor(() => expect(live.value).toBe(0));
		expect(new Set(live.days)).toEqual(new Set(['2026-03-01']));

		// Past midnight while the app sat in the background.
		vi.setSystemTime(new Date(2026, 2, 2, 0, 4));
		browser.setVisibility('hidden');
		await settle();
		expect(live.days).not.toContain('2026-03-02');
		browser.setVisibility('visible');
		await vi.waitFor(() => expect(live.days.at(-1)).toBe('2026-03-02'));
		expect(live.value).toBe(0);
	});
});
