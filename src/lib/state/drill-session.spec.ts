import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderInWorker } from '../audio/render-client';
import { getDatabase } from '../db/database';
import { generateQuestion } from '../drills/question-rng';
import { getDrillKind } from '../drills/registry';
import { createStaircase } from '../drills/staircase';
import type { DrillKind, DrillKindId } from '../drills/types';
import { currentDay } from '../progress/days';
import { DrillSessionState, pickWeighted, sourceFor } from './drill-session.svelte';
import { settings } from './settings.svelte';
import { installBrowser, removeBrowser, resetDatabase, type FakeBrowser } from './test-browser';

// Questions are generated for real (pure) but not rendered: the "worker" returns empty clips.
vi.mock('../audio/render-client', async () => {
	const { generateQuestion } = await import('../drills/question-rng');
	return {
		renderInWorker: vi.fn(
			async (request: { drill: DrillKindId; level: number; seed: number; source: never }) => {
				const question = generateQuestion({
					kind: request.drill,
					level: request.level,
					seed: request.seed,
					source: request.source
				});
				return {
					kind: 'question',
					question,
					versions: question.versions.map((v) => ({ id: v.id, wav: new ArrayBuffer(8) })),
					matchedLufs: null,
					renderMs: 1
				};
			}
		)
	};
});

/** Players made for questions; Howler needs Web Audio, which Node has not. */
const players = vi.hoisted(() => [] as { versions: Uint8Array[]; unloaded: boolean }[]);
vi.mock('../player/ab-player', () => ({
	setMonoListening: vi.fn(),
	AbPlayer: class {
		versions: Uint8Array[];
		unloaded = false;
		state = 'ready';
		active = 0;
		ready = Promise.resolve();
		constructor({ versions }: { versions: Uint8Array[] }) {
			this.versions = versions;
			players.push(this);
		}
		get count() {
			return this.versions.length;
		}
		play() {
			this.state = 'playing';
		}
		pause() {
			this.state = 'paused';
		}
		toggle() {}
		select(index: number) {
			this.active = index;
		}
		unload() {
			this.unloaded = true;
		}
	}
}));

const kind = (id: DrillKindId): DrillKind => getDrillKind(id)!;

let browser: FakeBrowser;
let session: DrillSessionState | undefined;

beforeEach(async () => {
	browser = installBrowser();
	players.length = 0;
	vi.mocked(renderInWorker).mockClear();
	await settings.reload();
	await settings.set('sessionLength', 5);
});

afterEach(async () => {
	session?.dispose();
	session = undefined;
	vi.restoreAllMocks();
	removeBrowser();
	await resetDatabase();
});

/** The right answer to the question on screen, or a wrong one. */
function answerFor(state: DrillSessionState, correct: boolean): string {
	const question = state.current!.question;
	if (correct) return question.answer;
	return question.choices.find((c) => c.id !== question.answer)!.id;
}

/** Answers the questions on screen one by one, moving on after each. */
async function play(state: DrillSessionState, answers: boolean[]) {
	for (const correct of answers) {
		expect(state.phase).toBe('asking');
		await state.answer(answerFor(state, correct));
		expect(state.phase).toBe('revealed');
		await state.next();
	}
}

describe('DrillSessionState', () => {
	it('asks the session’s questions, storing each answer with the staircase it moves', async () => {
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		expect(session.phase).toBe('asking');
		expect(session.total).toBe(5);
		expect(session.startLevels).toEqual({ level: 0 });

		await play(session, [true, true, true, true, true]);
		expect(session.phase).toBe('results');
		expect(session.items.map((i) => [i.levelBefore, i.levelAfter])).toEqual([
			[0, 0],
			[0, 0],
			[0, 1],
			[1, 1],
			[1, 1]
		]);

		const db = getDatabase();
		const attempts = await db.attempts.where('sessionId').equals(session.sessionId).toArray();
		expect(attempts.map((a) => [a.level, a.correct])).toEqual([
			[0, true],
			[0, true],
			[0, true],
			[1, true],
			[1, true]
		]);
		expect(attempts[3].levelValue).toBe(kind('level').levels[1].value);
		const stored = await db.drillStates.get('level');
		expect(stored?.staircase).toMatchObject({ level: 1, trials: 5 });
		expect((await db.days.get(currentDay()))?.questions).toBe(5);
	});

	it('stores the finished session before the results, and asks the browser to keep the data', async () => {
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		await play(session, [true, false, true, true, true]);
		expect(session.phase).toBe('results');
		const row = await getDatabase().sessions.get(session.sessionId);
		expect(row).toMatchObject({ mode: 'drill', kinds: ['level'], questions: 5, correct: 4 });
		expect((await getDatabase().days.get(currentDay()))?.sessions).toBe(1);
		await vi.waitFor(() => expect(browser.persistRequests()).toBe(1));
	});

	it('starts from the stored staircase and steps down after a miss', async () => {
		await getDatabase().drillStates.put({
			kind: 'level',
			staircase: createStaircase(3),
			updatedAt: 1
		});
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		expect(session.startLevels).toEqual({ level: 3 });
		expect(session.current?.question.level).toBe(3);
		await session.answer(answerFor(session, false));
		expect(session.lastItem).toMatchObject({ levelBefore: 3, levelAfter: 2 });
		expect(session.lastItem?.grade.correct).toBe(false);
		expect((await getDatabase().drillStates.get('level'))?.staircase.level).toBe(2);
		await session.next();
		expect(session.current?.question.level).toBe(2);
	});

	it('ignores an answer once the question is revealed', async () => {
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		const answer = answerFor(session, true);
		await session.answer(answer);
		await session.answer(answer);
		expect(await getDatabase().attempts.count()).toBe(1);
		expect(session.items).toHaveLength(1);
	});

	// A double tap on "Answer": the second submit arrives while the first is being stored.
	it('takes one answer per question even when submitted twice at once', async () => {
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		const answer = answerFor(session, true);
		await Promise.all([session.answer(answer), session.answer(answer)]);
		expect(await getDatabase().attempts.count()).toBe(1);
		expect(session.items).toHaveLength(1);
		expect(session.staircases.level?.level).toBe(session.items[0].levelAfter);
	});

	it('prepares the next question while the learner answers', async () => {
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		// The question on screen, and the next one for either outcome (the staircase may move).
		const asked = vi.mocked(renderInWorker).mock.calls.length;
		expect(asked).toBeGreaterThan(1);
		await session.answer(answerFor(session, true));
		await session.next();
		expect(vi.mocked(renderInWorker).mock.calls.length).toBe(asked + 1);
	});

	it('mixes kinds by their weights and records a daily session with the kinds practised', async () => {
		session = new DrillSessionState({
			kinds: [kind('level'), kind('mono')],
			weights: [1, 0]
		});
		await session.start();
		await play(session, [true, true, true, true, true]);
		expect(session.items.every((i) => i.kind.id === 'level')).toBe(true);
		expect(session.startLevels).toEqual({ level: 0, mono: 0 });
		const row = await getDatabase().sessions.get(session.sessionId);
		expect(row).toMatchObject({ mode: 'daily', kinds: ['level'] });
	});

	it('shows an error when a question cannot be prepared', async () => {
		vi.mocked(renderInWorker).mockRejectedValueOnce(new Error('The audio engine stopped.'));
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		expect(session.phase).toBe('error');
		expect(session.error).toBe('The audio engine stopped.');
	});

	it('reveals the answer even when it cannot be stored, and says so', async () => {
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		vi.spyOn(getDatabase().attempts, 'add').mockRejectedValue(
			new DOMException('full', 'QuotaExceededError')
		);
		await session.answer(answerFor(session, true));
		expect(session.phase).toBe('revealed');
		expect(session.storageError).toMatch(/out of storage space/);
		expect(session.items).toHaveLength(1);
	});

	it('names the answer a full disk kept out (as Dexie reports it: an abort wrapping the quota error), and keeps what was stored before', async () => {
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		await play(session, [true]);
		const db = getDatabase();
		// The day's totals are the transaction's last write; the disk is full by then.
		vi.spyOn(db.kindDays, 'put').mockRejectedValueOnce(
			new Dexie.AbortError('aborted', new DOMException('', 'QuotaExceededError'))
		);
		await session.answer(answerFor(session, false));
		expect(session.storageError).toMatch(
			/^This device is out of storage space, so this answer could not be saved\. Everything saved before is safe\./
		);
		// Both or neither: the first answer and its totals, not the second.
		expect(await db.attempts.count()).toBe(1);
		expect((await db.days.get(currentDay()))?.questions).toBe(1);
		expect((await db.kindDays.get(['level', currentDay()]))?.attempts).toBe(1);
		// No note of an answer being stored is left behind (the failure was reported on the spot).
		expect([...browser.local.keys()].filter((k) => k.startsWith('mftm-answer'))).toEqual([]);
		// The next answer is stored, and the message about the lost one goes.
		await session.next();
		await session.answer(answerFor(session, true));
		expect(session.storageError).toBe('');
		expect(await db.attempts.count()).toBe(2);
	});

	it('frees the players it made', async () => {
		session = new DrillSessionState({ kinds: [kind('level')] });
		await session.start();
		await play(session, [true]);
		expect(players[0].unloaded).toBe(true);
		session.dispose();
		expect(players.filter((p) => !p.unloaded)).toHaveLength(0);
		session = undefined;
	});

	it('refuses a session without kinds', () => {
		expect(() => new DrillSessionState({ kinds: [] })).toThrow(RangeError);
	});
});

describe('pickWeighted', () => {
	it.each([
		[[1, 1], 0, 0],
		[[1, 1], 0.49, 0],
		[[1, 1], 0.5, 1],
		[[1, 3], 0.24, 0],
		[[1, 3], 0.26, 1],
		[[0, 1], 0, 1],
		[[1, 0], 0.99, 0]
	])('picks by weight: %j at %d gives %d', (weights, uniform, index) => {
		expect(pickWeighted(weights, uniform)).toBe(index);
	});
});

describe('sourceFor', () => {
	it('names a saved track, pink noise, a chosen style or a style drawn from the seed', () => {
		expect(sourceFor({ choice: 'track:abc-123', seed: 1 })).toEqual({
			kind: 'track',
			trackId: 'abc-123'
		});
		expect(sourceFor({ choice: 'pink-noise', seed: 1 })).toEqual({ kind: 'pink-noise' });
		expect(sourceFor({ choice: 'ballad', seed: 1 })).toEqual({
			kind: 'arrangement',
			style: 'ballad'
		});
		const drawn = sourceFor({ choice: 'any', seed: 7 });
		expect(drawn.kind).toBe('arrangement');
		expect(sourceFor({ choice: 'any', seed: 7 })).toEqual(drawn);
		// The same seed replays the same question, source included.
		expect(generateQuestion({ kind: 'level', level: 0, seed: 7, source: drawn }).source).toEqual(
			drawn
		);
	});
});

describe('sourceFor a drill made from stems', () => {
	it('gives the chosen style’s stems, or a style drawn from the seed for noise and tracks', () => {
		const stems = { stems: true };
		expect(sourceFor({ choice: 'ballad', seed: 1, kind: stems })).toEqual({
			kind: 'stems',
			style: 'ballad'
		});
		const drawn = sourceFor({ choice: 'any', seed: 7 });
		if (drawn.kind !== 'arrangement') throw new Error('expected an arrangement');
		for (const choice of ['any', 'pink-noise', 'track:abc-123'])
			expect(sourceFor({ choice, seed: 7, kind: stems })).toEqual({
				kind: 'stems',
				style: drawn.style
			});
		expect(sourceFor({ choice: 'ballad', seed: 1, kind: { stems: false } })).toEqual({
			kind: 'arrangement',
			style: 'ballad'
		});
	});
});
