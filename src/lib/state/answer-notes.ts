/**
 * The device's notes of answers being stored (see answer-journal.ts), as much as every page needs:
 * whether any is there. Kept apart so the first load carries only this check.
 */

/** One localStorage key per drill session with an answer being stored. */
export const NOTE_PREFIX = 'mftm-answer-being-saved:';

/** The keys of the notes on this device (none when localStorage is refused). */
export function noteKeys(): string[] {
	try {
		return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter(
			(key): key is string => key?.startsWith(NOTE_PREFIX) ?? false
		);
	} catch {
		return [];
	}
}
