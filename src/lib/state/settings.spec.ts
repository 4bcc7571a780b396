import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { themeColors } from '../app-manifest';
import { getDatabase } from '../db/database';
import { readSetting } from '../db/settings-repo';
import { emptyDay } from '../progress/aggregate';
import { addDays } from '../progress/calendar';
import { currentDay } from '../progress/days';
import { defaultSettings, type Settings } from '../settings/settings';
import { describeStorageError, settings } from './settings.svelte';
import {
	breakDatabase,
	installBrowser,
	removeBrowser,
	resetDatabase,
	type FakeBrowser
} from './test-browser';

type SettingsState = typeof settings;

/** A page's settings as a newly opened page has them (the module keeps one per page). */
const newPage = (): SettingsState => new (settings.constructor as new () => SettingsState)();

const MIRROR = 'mftm-theme';
const store = <K extends keyof Settings>(key: K, value: unknown) =>
	getDatabase().settings.put({ key, value });
const stored = <K extends keyof Settings>(key: K) => readSetting(getDatabase(), key);
const quotaError = () => new DOMException('full', 'QuotaExceededError');

let browser: FakeBrowser;

beforeEach(() => {
	browser = installBrowser();
});

afterEach(async () => {
	vi.restoreAllMocks();
	removeBrowser();
	await resetDatabase();
});

describe('settings: loading', () => {
	it('loads the defaults on a new device and follows the system theme', async () => {
		const page = newPage();
		await page.load();
		expect(page).toMatchObject({ ...defaultSettings, storageError: null });
		expect(browser.dataset.theme).toBeUndefined();
		expect(browser.local.get(MIRROR)).toBe('system');
		expect(browser.themeColor()).toBe(themeColors.dark);

		browser.prefersLight = true;
		await newPage().load();
		expect(browser.themeColor()).toBe(themeColors.light);
	});

	it('takes the stored values, and the default for one that is corrupt', async () => {
		await store('theme', 'light');
		await store('sessionLength', 20);
		await store('loudnessMatch', false);
		await store('drillSource', 'pink-noise');
		await store('dailyGoal', { kind: 'minutes', target: 10 });
		await store('volume', 250);
		const page = newPage();
		await page.load();
		expect(page).toMatchObject({
			theme: 'light',
			sessionLength: 20,
			loudnessMatch: false,
			drillSource: 'pink-noise',
			dailyGoal: { kind: 'minutes', target: 10 },
			volume: defaultSettings.volume
		});
		expect(browser.dataset.theme).toBe('light');
		expect(browser.local.get(MIRROR)).toBe('light');
		expect(browser.themeColor()).toBe(themeColors.light);
	});

	it('reads once per page; reload reads again', async () => {
		const page = newPage();
		const first = page.load();
		expect(page.load()).toBe(first);
		await first;
		await store('volume', 40);
		await page.load();
		expect(page.volume).toBe(defaultSettings.volume);
		await page.reload();
		expect(page.volume).toBe(40);
	});

	it('keeps a choice made while the stored settings were being read', async () => {
		await store('volume', 60);
		await store('theme', 'dark');
		await store('sessionLength', 20);
		const page = newPage();
		const loading = page.load();
		const choices = Promise.all([page.set('volume', 30), page.setTheme('light')]);
		await Promise.all([loading, choices]);
		expect(page.volume).toBe(30);
		expect(page.theme).toBe('light');
		// Settings nobody touched still come from storage.
		expect(page.sessionLength).toBe(20);
		expect(await stored('volume')).toBe(30);
		expect(await stored('theme')).toBe('light');
	});
});

describe('settings: the theme mirror', () => {
	it('wins over Dexie when they disagree (the last Dexie write was lost), and is stored again', async () => {
		await store('theme', 'light');
		browser.local.set(MIRROR, 'dark');
		const page = newPage();
		await page.load();
		expect(page.theme).toBe('dark');
		expect(browser.dataset.theme).toBe('dark');
		await vi.waitFor(async () => expect(await stored('theme')).toBe('dark'));
	});

	it('counts for nothing after an import or reset: reload takes what is stored', async () => {
		browser.local.set(MIRROR, 'dark');
		const page = newPage();
		await page.load();
		await store('theme', 'light');
		await page.reload();
		expect(page.theme).toBe('light');
		expect(browser.local.get(MIRROR)).toBe('light');
	});

	it('is skipped when localStorage refuses, leaving Dexie to decide', async () => {
		await store('theme', 'light');
		browser.refuseLocalStorage = true;
		const page = newPage();
		await page.load();
		expect(page.theme).toBe('light');
		expect(browser.dataset.theme).toBe('light');
		expect(page.storageError).toBeNull();
	});

	it('is written before the theme reaches Dexie', async () => {
		const page = newPage();
		await page.load();
		const setting = page.setTheme('dark');
		expect(browser.local.get(MIRROR)).toBe('dark');
		expect(browser.dataset.theme).toBe('dark');
		await setting;
		expect(await stored('theme')).toBe('dark');
	});
});

describe('settings: the daily goal', () => {
	it('judges today again under a new goal, and leaves earlier days alone', async () => {
		const today = currentDay();
		const yesterday = addDays(today, -1);
		const db = getDatabase();
		await db.days.bulkPut([
			{ ...emptyDay(yesterday), questions: 25 },
			{ ...emptyDay(today), questions: 25 }
		]);
		const page = newPage();
		await page.load();
		await page.setGoal({ kind: 'questions', target: 20 });
		expect(page.dailyGoal).toEqual({ kind: 'questions', target: 20 });
		expect(await stored('dailyGoal')).toEqual({ kind: 'questions', target: 20 });
		expect((await db.days.get(today))?.goalMet).toBe(true);
		expect((await db.days.get(yesterday))?.goalMet).toBe(false);
		expect(page.storageError).toBeNull();
	});
});

describe('settings: storage failures', () => {
	it('says the device is full for a QuotaExceededError, and clears it after a good write', async () => {
		const page = newPage();
		await page.load();
		const put = vi.spyOn(getDatabase().settings, 'put').mockRejectedValue(quotaError());
		await page.set('volume', 10);
		expect(page.storageError).toBe(
			'This device is out of storage space, so your progress could not be saved. Everything saved before is safe. Free some space on the device, and export a backup in Settings to keep a copy.'
		);
		// The page still plays at the chosen volume.
		expect(page.volume).toBe(10);
		put.mockRestore();
		await page.set('volume', 20);
		expect(page.storageError).toBeNull();
	});

	it('says storage is blocked for any other failure, when loading as when storing', async () => {
		const broken = breakDatabase();
		try {
			const page = newPage();
			await page.load();
			expect(page.storageError).toMatch(/blocked on-device storage/);
			expect(page).toMatchObject({ volume: defaultSettings.volume, theme: 'system' });
			expect(browser.local.get(MIRROR)).toBe('system');
			page.storageError = null;
			await page.setTheme('dark');
			expect(page.storageError).toMatch(/blocked on-device storage/);
		} finally {
			await broken.restore();
		}
	});

	it('reports a goal that was stored but could not re-judge today', async () => {
		const page = newPage();
		await page.load();
		vi.spyOn(getDatabase().days, 'get').mockRejectedValue(quotaError());
		await page.setGoal({ kind: 'minutes', target: 10 });
		expect(await stored('dailyGoal')).toEqual({ kind: 'minutes', target: 10 });
		expect(page.storageError).toMatch(/out of storage space/);
	});

	it.each([
		[quotaError(), /out of storage space/],
		// A full disk aborts the transaction; Dexie reports the abort with the quota error inside.
		[new Dexie.AbortError('aborted', quotaError()), /out of storage space/],
		[new Error('SecurityError'), /blocked on-device storage/],
		['not even an Error', /blocked on-device storage/]
	])('describes %s in one sentence', (error, sentence) => {
		expect(describeStorageError(error)).toMatch(sentence);
	});
});
