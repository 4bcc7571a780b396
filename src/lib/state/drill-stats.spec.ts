import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../db/database';
import { createStaircase } from '../drills/staircase';
import type { DrillKindId } from '../drills/types';
import type { AttemptRow } from '../progress/records';
import { DrillStatsState } from './drill-stats.svelte';
import { installBrowser, removeBrowser, resetDatabase } from './test-browser';

const attempt = (kind: DrillKindId, timestamp: number, correct: boolean): AttemptRow => ({
	kind,
	family: 'eq',
	sessionId: 's1',
	level: 0,
	levelValue: 9,
	seed: timestamp,
	source: { kind: 'pink-noise' },
	params: {},
	answer: 'a',
	correctAnswer: correct ? 'a' : 'b',
	correct,
	score: correct ? 1 : 0,
	responseMs: 1000,
	timestamp,
	day: '2026-03-10',
	timeZone: 'UTC',
	utcOffsetMinutes: 0
});

let stats: DrillStatsState;

// One read asks ten kinds under one liveQuery, each query listening to its abort signal: more than
// Node's default of ten listeners, which browsers do not limit.
setMaxListeners(20);

beforeEach(() => {
	installBrowser();
	stats = new DrillStatsState();
});

afterEach(async () => {
	stats.stop();
	vi.restoreAllMocks();
	removeBrowser();
	await resetDatabase();
});

describe('DrillStatsState', () => {
	it('gives each kind its staircase level and its accuracy over the last 30 answers', async () => {
		const db = getDatabase();
		await db.drillStates.bulkPut([
			{ kind: 'eq-boost', staircase: createStaircase(4), updatedAt: 1 },
			{ kind: 'mono', staircase: createStaircase(2), updatedAt: 1 }
		]);
		// eq-boost: ten old misses, then 30 answers of which the newest 6 are misses.
		const eqBoost = [
			...Array.from({ length: 10 }, (_, i) => attempt('eq-boost', 1_000 + i, false)),
			...Array.from({ length: 30 }, (_, i) => attempt('eq-boost', 2_000 + i, i < 24))
		];
		// Stored out of time order: the latest are found by time, not by insertion.
		await db.attempts.bulkAdd([...eqBoost].reverse());
		await db.attempts.bulkAdd([attempt('limiter', 3_000, true), attempt('limiter', 3_001, false)]);

		stats.start();
		await vi.waitFor(() => expect(stats.value).not.toBeNull());
		expect(stats.value?.['eq-boost']).toEqual({ level: 4, accuracy: 24 / 30, attempts: 30 });
		expect(stats.value?.limiter).toEqual({ level: 0, accuracy: 0.5, attempts: 2 });
		expect(stats.value?.mono).toEqual({ level: 2, accuracy: null, attempts: 0 });
		expect(stats.value?.translation).toEqual({ level: 0, accuracy: null, attempts: 0 });
	});

	it('updates when an answer is stored', async () => {
		stats.start();
		await vi.waitFor(() => expect(stats.value?.level?.attempts).toBe(0));
		await getDatabase().attempts.add(attempt('level', 5_000, true));
		await vi.waitFor(() =>
			expect(stats.value?.level).toEqual({ level: 0, accuracy: 1, attempts: 1 })
		);
	});

	it('says in its own words when progress cannot be read', async () => {
		vi.spyOn(getDatabase().drillStates, 'toArray').mockRejectedValue(new Error('broken'));
		stats.start();
		await vi.waitFor(() =>
			expect(stats.error).toBe('Your progress could not be read from this device’s storage.')
		);
		expect(stats.value).toBeNull();
	});
});
