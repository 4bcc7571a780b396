import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupReminderIsDue, noteBackupExported, remindNextWeek } from './backup-reminder';
import { installBrowser, removeBrowser, type FakeBrowser } from './test-browser';

let browser: FakeBrowser;
const now = new Date('2026-12-08T12:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

beforeEach(() => {
	browser = installBrowser();
});
afterEach(() => {
	removeBrowser();
});

describe('the backup reminder on this device', () => {
	it('is due for a learner with progress whose browser has not promised to keep the data', async () => {
		expect(await backupReminderIsDue(true, now)).toBe(true);
		expect(await backupReminderIsDue(false, now)).toBe(false);
		browser.storage.persisted = true;
		expect(await backupReminderIsDue(true, now)).toBe(false);
	});

	it('"Remind me next week" hides it for seven days', async () => {
		remindNextWeek(now);
		expect(await backupReminderIsDue(true, later(6.9))).toBe(false);
		expect(await backupReminderIsDue(true, later(7))).toBe(true);
	});

	it('an exported backup hides it for seven days', async () => {
		noteBackupExported(now);
		expect(browser.local.get('mftm-backup-exported-at')).toBe(now.toISOString());
		expect(await backupReminderIsDue(true, later(3))).toBe(false);
		expect(await backupReminderIsDue(true, later(8))).toBe(true);
	});

	it('still answers when localStorage refuses (it reminds, and remembering fails quietly)', async () => {
		browser.refuseLocalStorage = true;
		expect(() => remindNextWeek(now)).not.toThrow();
		expect(await backupReminderIsDue(true, now)).toBe(true);
	});
});
