import { describe, expect, it } from 'vitest';
import { backupReminderDue, BACKUP_REMINDER_DAYS } from './backup-reminder';

const now = new Date('2026-12-08T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const due = (over: Partial<Parameters<typeof backupReminderDue>[0]> = {}) =>
	backupReminderDue({
		persisted: false,
		started: true,
		remindedAt: null,
		exportedAt: null,
		now,
		...over
	});

describe('the weekly backup reminder', () => {
	it('is due for a learner with progress whose storage is not kept, or not known to be', () => {
		expect(due()).toBe(true);
		expect(due({ persisted: null })).toBe(true);
	});

	it('is never due when the browser keeps the data, or when there is nothing to keep', () => {
		expect(due({ persisted: true })).toBe(false);
		expect(due({ started: false })).toBe(false);
	});

	it.each([
		[0, false],
		[1, false],
		[BACKUP_REMINDER_DAYS - 0.01, false],
		[BACKUP_REMINDER_DAYS, true],
		[30, true]
	])('a reminder %f days ago: due is %s', (days, expected) => {
		expect(due({ remindedAt: daysAgo(days) })).toBe(expected);
	});

	it.each([
		[2, false],
		[BACKUP_REMINDER_DAYS, true]
	])('a backup exported %f days ago: due is %s', (days, expected) => {
		expect(due({ exportedAt: daysAgo(days) })).toBe(expected);
	});

	it('treats an unreadable time, or one in the future, as long ago', () => {
		expect(due({ remindedAt: 'yesterday' })).toBe(true);
		expect(due({ remindedAt: daysAgo(-3) })).toBe(true);
	});
});
