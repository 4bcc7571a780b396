/**
 * The weekly backup reminder's memory on this device (localStorage: it is about this browser's
 * storage, so it is not part of a backup) and whether it is due now (../progress/backup-reminder).
 */
import { backupReminderDue } from '../progress/backup-reminder';
import { readStorageState } from './storage';

const REMINDED = 'mftm-backup-reminded-at';
const EXPORTED = 'mftm-backup-exported-at';

function read(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null;
	}
}

function write(key: string, now: Date): void {
	try {
		localStorage.setItem(key, now.toISOString());
	} catch {
		// Storage refused (private mode, full): the reminder may come back sooner, nothing is lost.
	}
}

/** Whether Today should remind this learner (`started`: they have progress) to export a backup. */
export async function backupReminderIsDue(started: boolean, now = new Date()): Promise<boolean> {
	if (!started) return false;
	const { persisted } = await readStorageState();
	return backupReminderDue({
		persisted,
		started,
		remindedAt: read(REMINDED),
		exportedAt: read(EXPORTED),
		now
	});
}

/** The learner saw the reminder and chose "next week". */
export function remindNextWeek(now = new Date()): void {
	write(REMINDED, now);
}

/** A backup was exported (from Settings or the reminder): no reminder for a week. */
export function noteBackupExported(now = new Date()): void {
	write(EXPORTED, now);
}
