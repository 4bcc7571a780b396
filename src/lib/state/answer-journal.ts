/**
 * A note on the device of each answer while it is being stored, so that an answer lost when the page
 * closed in the middle of its write (the tab closed, the app swiped away, a crash) is named the next
 * time the app opens. The write itself is one transaction (db/attempts-repo.ts): the attempt and the
 * day's totals are both stored or both absent; the note lets the app tell the learner which.
 *
 * The note is a localStorage key per drill session, written (synchronously) just before the write
 * starts and removed when it settles (a write that fails is reported on the spot). While the write runs its tab
 * holds a Web Lock of the same name, released by the browser when the page goes, so another tab
 * never mistakes a write still running for a lost one.
 */
import { getDatabase } from '../db/database';
import { NOTE_PREFIX, noteKeys } from './answer-notes';

/** An answer being stored. */
export interface NotedAnswer {
	sessionId: string;
	/** The attempt's timestamp, ms since the epoch (with the session, it finds the stored attempt). */
	timestamp: number;
	/** The drill's name, as the learner knows it. */
	drill: string;
}

/** Without Web Locks (older browsers), a note this old is taken as no write still running, ms. */
const STALE_MS = 30_000;

const lockManager = (): LockManager | undefined =>
	typeof navigator === 'undefined' ? undefined : navigator.locks;

function readNote(key: string): NotedAnswer | null {
	try {
		const note = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<NotedAnswer> | null;
		if (typeof note?.sessionId !== 'string' || typeof note.timestamp !== 'number') return null;
		return {
			sessionId: note.sessionId,
			timestamp: note.timestamp,
			drill: String(note.drill ?? '')
		};
	} catch {
		return null;
	}
}

function setNote(key: string, value: NotedAnswer | null) {
	try {
		if (value) localStorage.setItem(key, JSON.stringify(value));
		else localStorage.removeItem(key);
	} catch {
		// No localStorage (some private modes): the answer is stored all the same, just not noted.
	}
}

/** Runs `write`, which stores `answer`, with the answer noted on the device until it settles. */
export async function writeNoted<T>(answer: NotedAnswer, write: () => Promise<T>): Promise<T> {
	const key = NOTE_PREFIX + answer.sessionId;
	const run = async () => {
		setNote(key, answer);
		try {
			return await write();
		} finally {
			setNote(key, null);
		}
	};
	const locks = lockManager();
	if (!locks) return run();
	let ran = false;
	try {
		return await locks.request(key, () => {
			ran = true;
			return run();
		});
	} catch (error) {
		// A lock refused (never seen, but the answer matters more than its note): store it anyway.
		if (ran) throw error;
		return run();
	}
}

/**
 * Settles the notes left by pages that closed mid-write: an answer that was stored after all is
 * forgotten quietly; one that was not is returned, oldest first, to tell the learner. A note whose
 * write is still running in another tab is left alone.
 */
export async function settleNotes(
	isStored: (answer: NotedAnswer) => Promise<boolean>
): Promise<NotedAnswer[]> {
	const lost: NotedAnswer[] = [];
	const settle = async (key: string) => {
		const note = readNote(key);
		if (note && !(await isStored(note))) lost.push(note);
		setNote(key, null);
	};
	const locks = lockManager();
	for (const key of noteKeys()) {
		if (locks) {
			// Held: that tab is still writing (and removes its note itself).
			await locks.request(key, { ifAvailable: true }, (lock) => (lock ? settle(key) : undefined));
		} else if (Date.now() - (readNote(key)?.timestamp ?? 0) > STALE_MS) {
			await settle(key);
		}
	}
	return lost.sort((a, b) => a.timestamp - b.timestamp);
}

/** The answers lost when a page closed mid-write, read against the database (see `settleNotes`). */
export async function findLostAnswers(): Promise<NotedAnswer[]> {
	// Loaded only now: any page may load this module, when it finds a note on the device.
	const { hasAttempt } = await import('../db/attempts-repo');
	return settleNotes((answer) => hasAttempt(getDatabase(), answer));
}

/** What the learner is told of answers lost as the app closed: one sentence and what is safe. */
export function describeLostAnswers(lost: NotedAnswer[]): string {
	if (lost.length !== 1) {
		return `${lost.length} answers were not saved: the app closed while they were being stored. Everything saved before them is safe, and your progress does not count them.`;
	}
	const at = new Date(lost[0].timestamp).toLocaleTimeString(undefined, {
		hour: 'numeric',
		minute: '2-digit'
	});
	return `Your answer in “${lost[0].drill}” at ${at} was not saved: the app closed while it was being stored. Everything saved before it is safe, and your progress does not count it.`;
}
