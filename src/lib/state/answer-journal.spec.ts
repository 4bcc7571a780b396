import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hasAttempt, recordAttempt } from '../db/attempts-repo';
import { getDatabase } from '../db/database';
import { createStaircase } from '../drills/staircase';
import { testAttempt } from '../progress/test-records';
import {
	describeLostAnswers,
	findLostAnswers,
	settleNotes,
	writeNoted,
	type NotedAnswer
} from './answer-journal';
import { NOTE_PREFIX, noteKeys } from './answer-notes';
import { installBrowser, removeBrowser, resetDatabase, type FakeBrowser } from './test-browser';

let browser: FakeBrowser;
beforeEach(() => {
	browser = installBrowser();
});
afterEach(async () => {
	removeBrowser();
	await resetDatabase();
});

const answer = (sessionId: string, timestamp = Date.now()): NotedAnswer => ({
	sessionId,
	timestamp,
	drill: 'Which is louder?'
});
/** Leaves a note as a page that closed mid-write does. */
const leaveNote = (note: NotedAnswer) =>
	browser.local.set(NOTE_PREFIX + note.sessionId, JSON.stringify(note));

/** Web Locks as the browser has them: one holder per name; `held` names locks of other tabs. */
function fakeLocks(held: string[] = []) {
	const locks = {
		request: async (
			name: string,
			...args:
				[(lock: unknown) => unknown] | [{ ifAvailable?: boolean }, (lock: unknown) => unknown]
		) => {
			const callback = args.length === 1 ? args[0] : args[1];
			const ifAvailable = args.length === 2 && args[0].ifAvailable;
			if (held.includes(name)) {
				if (ifAvailable) return callback(null);
				throw new Error('the fake holds this lock for ever');
			}
			return callback({ name });
		}
	};
	vi.stubGlobal('navigator', { ...navigator, locks });
}

describe('writeNoted', () => {
	it('notes the answer while it is stored, and removes the note once it is', async () => {
		let seen: string[] = [];
		const id = await writeNoted(answer('s1'), async () => {
			seen = noteKeys();
			return 7;
		});
		expect(id).toBe(7);
		expect(seen).toEqual([`${NOTE_PREFIX}s1`]);
		expect(noteKeys()).toEqual([]);
	});

	it('removes the note when the write fails (the page reports that failure itself)', async () => {
		fakeLocks();
		await expect(writeNoted(answer('s1'), () => Promise.reject(new Error('full')))).rejects.toThrow(
			'full'
		);
		expect(noteKeys()).toEqual([]);
	});

	it('still stores when the browser refuses the lock', async () => {
		vi.stubGlobal('navigator', {
			...navigator,
			locks: { request: () => Promise.reject(new DOMException('no', 'SecurityError')) }
		});
		await expect(writeNoted(answer('s1'), async () => 'stored')).resolves.toBe('stored');
		expect(noteKeys()).toEqual([]);
	});

	it('still stores when localStorage is refused', async () => {
		browser.refuseLocalStorage = true;
		await expect(writeNoted(answer('s1'), async () => 'stored')).resolves.toBe('stored');
	});
});

describe('settleNotes', () => {
	const past = Date.now() - 60_000;

	it.each([
		['stored after all: forgotten quietly', true, []],
		['not stored: named', false, ['s1']]
	])('a note left by a closed page, its answer %s', async (_, stored, expected) => {
		fakeLocks();
		leaveNote(answer('s1', past));
		const lost = await settleNotes(async () => stored);
		expect(lost.map((a) => a.sessionId)).toEqual(expected);
		expect(noteKeys()).toEqual([]);
	});

	it('leaves a note alone while its tab still holds the lock (the write is running)', async () => {
		fakeLocks([`${NOTE_PREFIX}live`]);
		leaveNote(answer('live', past));
		leaveNote(answer('gone', past + 1));
		const isStored = vi.fn(async () => false);
		expect((await settleNotes(isStored)).map((a) => a.sessionId)).toEqual(['gone']);
		expect(isStored).toHaveBeenCalledTimes(1);
		expect(noteKeys()).toEqual([`${NOTE_PREFIX}live`]);
	});

	it('without Web Locks, waits until a note is too old to be a write still running', async () => {
		leaveNote(answer('recent'));
		leaveNote(answer('old', past));
		expect((await settleNotes(async () => false)).map((a) => a.sessionId)).toEqual(['old']);
		expect(noteKeys()).toEqual([`${NOTE_PREFIX}recent`]);
	});

	it('drops a note it cannot read', async () => {
		fakeLocks();
		browser.local.set(`${NOTE_PREFIX}bad`, '{not json');
		expect(await settleNotes(async () => false)).toEqual([]);
		expect(noteKeys()).toEqual([]);
	});
});

describe('findLostAnswers', () => {
	it('reads the notes against the stored attempts', async () => {
		fakeLocks();
		const db = getDatabase();
		const stored = testAttempt({ sessionId: 'a', timestamp: 1_000 });
		await recordAttempt(db, { attempt: stored, staircase: createStaircase() });
		expect(await hasAttempt(db, { sessionId: 'a', timestamp: 1_000 })).toBe(true);
		expect(await hasAttempt(db, { sessionId: 'a', timestamp: 2_000 })).toBe(false);
		// Session a's write committed before its page closed; session b's never did.
		leaveNote(answer('a', 1_000));
		leaveNote(answer('b', 2_000));
		expect(await findLostAnswers()).toEqual([answer('b', 2_000)]);
		expect(noteKeys()).toEqual([]);
	});
});

describe('describeLostAnswers', () => {
	it('names one lost answer by drill and time, and says what is safe', () => {
		const at = new Date(2026, 11, 9, 14, 5).getTime();
		expect(describeLostAnswers([answer('s1', at)])).toMatch(
			/^Your answer in “Which is louder\?” at \S+.* was not saved: the app closed while it was being stored\. Everything saved before it is safe, and your progress does not count it\.$/
		);
	});

	it('counts several', () => {
		expect(describeLostAnswers([answer('a', 1), answer('b', 2)])).toMatch(
			/^2 answers were not saved: .* Everything saved before them is safe/
		);
	});
});
