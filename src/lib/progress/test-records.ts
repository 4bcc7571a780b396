/**
 * Test support: practice records with plain defaults (an EQ boost answered right at 1 kHz, in UTC on
 * 24 November 2026), so a spec names only the fields its test is about. Imported only by
 * `*.spec.ts` files; nothing in the app depends on it.
 */
import type { AttemptRow, LessonRow, SessionRow } from './records';

/** One answered question: an eq-boost at 1 kHz, 9 dB, answered right in 1.5 s. */
export function testAttempt(overrides: Partial<AttemptRow> = {}): Omit<AttemptRow, 'id'> {
	return {
		kind: 'eq-boost',
		family: 'eq',
		sessionId: 's1',
		level: 2,
		levelValue: 9,
		seed: 1,
		source: { kind: 'pink-noise' },
		params: { frequencyHz: 1000, gainDb: 9 },
		answer: '1000',
		correctAnswer: '1000',
		correct: true,
		score: 1,
		responseMs: 1500,
		timestamp: 1_000,
		day: '2026-11-24',
		timeZone: 'UTC',
		utcOffsetMinutes: 0,
		...overrides
	};
}

/** One finished eq-boost session of 5 questions, 4 right. */
export function testSession(overrides: Partial<SessionRow> = {}): SessionRow {
	return {
		sessionId: 's1',
		mode: 'drill',
		kinds: ['eq-boost'],
		startedAt: 0,
		endedAt: 1,
		day: '2026-11-24',
		timeZone: 'UTC',
		utcOffsetMinutes: 0,
		questions: 5,
		correct: 4,
		activeMs: 7500,
		...overrides
	};
}

/** A lesson read halfway, its quiz not tried yet. */
export function testLesson(overrides: Partial<LessonRow> = {}): LessonRow {
	return {
		slug: 'no-magic-in-mastering',
		position: 0.5,
		readToEnd: false,
		quizBest: null,
		completedAt: null,
		completedDay: null,
		...overrides
	};
}
