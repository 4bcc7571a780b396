/**
 * Bundled by benchmark-progress.ts and run inside the app's page in Chromium: times the repository's
 * recordAttempt on the app's own database, away from any rendering, so the number is the write alone.
 */
import { recordAttempt } from '../lib/db/attempts-repo';
import { MixDatabase } from '../lib/db/database';

async function timeRecords(count: number): Promise<number[]> {
	const db = new MixDatabase();
	const times: number[] = [];
	const day = new Date().toISOString().slice(0, 10);
	for (let i = 0; i < count; i++) {
		const start = performance.now();
		await recordAttempt(db, {
			attempt: {
				kind: 'eq-boost',
				family: 'eq',
				sessionId: 'bench',
				level: 3,
				levelValue: 9,
				seed: i,
				source: { kind: 'pink-noise' },
				params: { frequencyHz: 1000, gainDb: 9 },
				answer: '1000',
				correctAnswer: '1000',
				correct: i % 4 !== 0,
				score: 1,
				responseMs: 4000,
				timestamp: Date.now(),
				day,
				timeZone: 'UTC',
				utcOffsetMinutes: 0
			},
			staircase: { level: 3, correctRun: 0, reversals: [], lastDirection: null, trials: i }
		});
		times.push(performance.now() - start);
	}
	db.close();
	return times;
}

(globalThis as unknown as { benchRecords: typeof timeRecords }).benchRecords = timeRecords;
