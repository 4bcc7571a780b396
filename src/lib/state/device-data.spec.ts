import Dexie, { type Table } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupFileName, parseBackup } from '../db/backup';
import { getDatabase } from '../db/database';
import type { AttemptRow, SessionRow } from '../progress/records';
import { testAttempt, testSession } from '../progress/test-records';
import { DeviceDataState } from './device-data.svelte';
import { settings } from './settings.svelte';
import {
	breakDatabase,
	installBrowser,
	removeBrowser,
	resetDatabase,
	type FakeBrowser
} from './test-browser';

const DAY = '2026-03-10';

const attempt = (sessionId: string, i: number): Omit<AttemptRow, 'id'> =>
	testAttempt({ sessionId, seed: i, timestamp: Date.UTC(2026, 2, 10, 9, 0, i), day: DAY });
const session = (sessionId: string, questions: number): SessionRow =>
	testSession({
		sessionId,
		startedAt: Date.UTC(2026, 2, 10, 9),
		endedAt: Date.UTC(2026, 2, 10, 9, 5),
		day: DAY,
		questions,
		correct: questions,
		activeMs: questions * 2_000
	});

/** Stores one finished session of `questions` answers. */
async function practise(sessionId: string, questions: number) {
	const db = getDatabase();
	await db.attempts.bulkAdd(Array.from({ length: questions }, (_, i) => attempt(sessionId, i)));
	await db.sessions.put(session(sessionId, questions));
}

const counts = async () => {
	const db = getDatabase();
	return { attempts: await db.attempts.count(), sessions: await db.sessions.count() };
};

let browser: FakeBrowser;
let data: DeviceDataState;

/** Exports what the device holds now and returns the file the learner would get. */
async function exportedFile(): Promise<File> {
	await data.exportNow();
	const download = browser.downloads.at(-1)!;
	return new File([await download.blob.text()], download.name, { type: 'application/json' });
}

beforeEach(async () => {
	browser = installBrowser();
	await settings.reload();
	data = new DeviceDataState();
});

afterEach(async () => {
	vi.restoreAllMocks();
	removeBrowser();
	await resetDatabase();
});

describe('DeviceDataState: export', () => {
	it('offers a dated backup file holding every answer and session, and says what it saved', async () => {
		await practise('a', 3);
		await practise('b', 2);
		await data.exportNow();
		expect(browser.downloads).toHaveLength(1);
		const [{ name, blob }] = browser.downloads;
		expect(name).toBe(backupFileName(new Date()));
		expect(blob.type).toBe('application/json');
		const parsed = parseBackup(await blob.text());
		expect(parsed.ok && parsed.counts).toEqual({ attempts: 5, sessions: 2, lessons: 0 });
		expect(data.status).toMatch(new RegExp(`^Saved ${name}: 5 answers, 2 sessions, .+\\.$`));
		expect(data.error).toBe('');
		expect(data.busy).toBe(false);
	});

	it('says why when the backup cannot be made', async () => {
		const broken = breakDatabase();
		try {
			await data.exportNow();
		} finally {
			await broken.restore();
		}
		expect(browser.downloads).toEqual([]);
		expect(data.error).toMatch(/^The backup could not be made: This browser blocked/);
		expect(data.status).toBe('');
	});
});

describe('DeviceDataState: import', () => {
	it.each([
		['notes.txt', 'these are not my answers'],
		['empty.json', ''],
		['other-app.json', JSON.stringify({ format: 'someone-else', version: 1 })]
	])('refuses %s, says so and changes nothing', async (name, text) => {
		await practise('a', 3);
		await data.choose(new File([text], name));
		expect(data.pending).toBeNull();
		expect(data.error).toMatch(
			new RegExp(`^${name.replace('.', '\\.')}: .+ Nothing was changed\\.$`)
		);
		await data.importNow();
		expect(await counts()).toEqual({ attempts: 3, sessions: 1 });
	});

	it('says so when the file cannot be read at all', async () => {
		const file = new File(['{}'], 'locked.json');
		vi.spyOn(file, 'text').mockRejectedValue(new DOMException('gone', 'NotReadableError'));
		await data.choose(file);
		expect(data.error).toBe('locked.json could not be read. Nothing was changed.');
		expect(data.pending).toBeNull();
	});

	it('replaces the device’s progress with a backup, and says so', async () => {
		await practise('backed-up', 4);
		await settings.set('sessionLength', 20);
		const file = await exportedFile();
		await resetDatabase();
		await practise('newer', 2);

		await data.choose(file);
		expect(data.pending?.counts).toBe('4 answers, 1 sessions and 0 lessons');
		expect(data.error).toBe('');
		data.mode = 'replace';
		await data.importNow();
		expect(await counts()).toEqual({ attempts: 4, sessions: 1 });
		expect(await getDatabase().sessions.get('newer')).toBeUndefined();
		expect(data.status).toBe(`Restored 4 answers, 1 sessions and 0 lessons from ${file.name}.`);
		expect(data.pending).toBeNull();
		// The page's settings are read again from what was imported.
		expect(settings.sessionLength).toBe(20);
		// The day's totals are rebuilt from the imported answers.
		expect((await getDatabase().days.get(DAY))?.questions).toBe(4);
		expect(data.storage).not.toBeNull();
	});

	it('merges a backup with the device’s progress, and says so', async () => {
		await practise('backed-up', 4);
		const file = await exportedFile();
		await resetDatabase();
		await practise('newer', 2);

		await data.choose(file);
		expect(data.mode).toBe('merge');
		await data.importNow();
		expect(await counts()).toEqual({ attempts: 6, sessions: 2 });
		expect(data.status).toBe(
			`Merged 4 answers, 1 sessions and 0 lessons from ${file.name} with this device’s progress.`
		);
	});

	it('changes nothing and says why when the import fails part way', async () => {
		await practise('backed-up', 4);
		const file = await exportedFile();
		await resetDatabase();
		await practise('newer', 2);
		await data.choose(file);
		data.mode = 'replace';
		// The last step of the import (rebuilding the totals) hits a full disk.
		vi.spyOn(getDatabase().kindDays, 'bulkAdd').mockRejectedValue(
			new DOMException('full', 'QuotaExceededError')
		);
		await data.importNow();
		expect(data.error).toBe(
			'The backup could not be imported, so nothing was changed. This device is out of storage space, so your progress could not be saved. Everything saved before is safe. Free some space on the device, and export a backup in Settings to keep a copy.'
		);
		expect(data.status).toBe('');
		expect(await counts()).toEqual({ attempts: 2, sessions: 1 });
		expect(await getDatabase().sessions.get('newer')).toBeDefined();
		// The checked file still waits, so the learner can try again.
		expect(data.pending?.name).toBe(file.name);
	});

	it('forgets a checked backup on cancel, and imports nothing', async () => {
		await practise('backed-up', 1);
		const file = await exportedFile();
		await resetDatabase();
		await data.choose(file);
		data.cancelImport();
		await data.importNow();
		expect(await counts()).toEqual({ attempts: 0, sessions: 0 });
	});
});

describe('DeviceDataState: reset and storage', () => {
	it('deletes all progress and settings, and says so', async () => {
		await practise('a', 3);
		await settings.set('volume', 20);
		expect(await data.resetAll()).toBe(true);
		expect(await counts()).toEqual({ attempts: 0, sessions: 0 });
		expect(await getDatabase().settings.count()).toBe(0);
		expect(settings.volume).toBe(80);
		expect(data.status).toBe('All progress and settings on this device were deleted.');
	});

	it('deletes nothing and says why when storage fails', async () => {
		await practise('a', 3);
		// Every table is cleared in one transaction; when one refuses, the others are rolled back.
		const table = Object.getPrototypeOf(getDatabase().sessions) as Table;
		const clear = table.clear;
		vi.spyOn(table, 'clear').mockImplementation(function (this: Table) {
			return this.name === 'sessions'
				? Dexie.Promise.reject(new Error('locked'))
				: clear.call(this);
		});
		expect(await data.resetAll()).toBe(false);
		expect(data.error).toMatch(/^Nothing was deleted: /);
		expect(await counts()).toEqual({ attempts: 3, sessions: 1 });
	});

	it('reads whether the browser keeps the data, and how much is used', async () => {
		browser.storage.usage = 2_048;
		browser.storage.quota = 4_096;
		await data.refreshStorage();
		expect(data.storage).toEqual({ persisted: false, usage: 2_048, quota: 4_096 });
	});

	it('asks the browser to keep the data, and says what it answered', async () => {
		await data.keepData();
		expect(data.status).toBe('Your browser will keep this app’s data.');
		expect(data.storage?.persisted).toBe(true);

		const refused = new DeviceDataState();
		browser.storage.persisted = false;
		browser.storage.grants = false;
		await refused.keepData();
		expect(refused.error).toMatch(/^Your browser did not agree/);
		expect(refused.storage?.persisted).toBe(false);
	});
});
