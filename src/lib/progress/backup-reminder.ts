/**
 * When to remind a learner to export a backup: their storage is not persisted (the browser may clear
 * it: Safari deletes a site's script-writable storage after seven days of use without a visit,
 * unless the app is on the home screen), they have progress worth keeping, and neither a reminder
 * nor a backup happened in the last week. Pure: the times come in as ISO strings or null.
 */

/** Days between two reminders, and how recent a backup makes one unneeded. */
export const BACKUP_REMINDER_DAYS = 7;
const DAY_MS = 86_400_000;

/** Whether at least `days` have passed since `then` (an ISO time), or it never happened. */
function weekPassed(then: string | null, now: Date, days: number): boolean {
	if (then === null) return true;
	const at = Date.parse(then);
	// A time that cannot be read, or one in the future (a clock changed), counts as long ago.
	if (!Number.isFinite(at) || at > now.getTime()) return true;
	return now.getTime() - at >= days * DAY_MS;
}

/**
 * Whether Today should show the backup reminder.
 * @param persisted the browser's answer to `navigator.storage.persisted()` (null: it cannot say).
 * @param started any progress on this device (a lesson, an answer, a mix check).
 */
export function backupReminderDue({
	persisted,
	started,
	remindedAt,
	exportedAt,
	now
}: {
	persisted: boolean | null;
	started: boolean;
	remindedAt: string | null;
	exportedAt: string | null;
	now: Date;
}): boolean {
	if (persisted === true || !started) return false;
	return (
		weekPassed(remindedAt, now, BACKUP_REMINDER_DAYS) &&
		weekPassed(exportedAt, now, BACKUP_REMINDER_DAYS)
	);
}
