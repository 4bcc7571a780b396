/**
 * The records of a learner's practice, as stored on the device (the Dexie tables in db/database.ts
 * hold exactly these shapes). Plain data, so the pure progress code, the repositories and backups
 * share one definition without importing Dexie.
 */
import type { DrillKindId, DrillSource } from '../drills/types';
import type { StaircaseState } from '../drills/staircase';

/** One answered drill question. Designed for progress views: by kind, by local day, by session. */
export interface AttemptRow {
	id?: number;
	kind: DrillKindId;
	family: string;
	sessionId: string;
	level: number;
	/** The level's value in the drill's unit (e.g. 6 for a 6 dB boost). */
	levelValue: number;
	seed: number;
	source: DrillSource;
	/** The hidden processing in named units (band, gainDb, q, …). */
	params: Record<string, number | string | boolean>;
	answer: string;
	correctAnswer: string;
	correct: boolean;
	score: number;
	responseMs: number;
	/** When it was answered, ms since the epoch (UTC). */
	timestamp: number;
	/** The learner's local calendar day where they practised, YYYY-MM-DD. */
	day: string;
	/** The IANA zone and UTC offset in force then, so days can be re-judged after travel. */
	timeZone: string;
	utcOffsetMinutes: number;
}

/** The adaptive staircase of one drill kind. */
export interface DrillStateRow {
	kind: DrillKindId;
	staircase: StaircaseState;
	updatedAt: number;
}

/** One finished drill session (every question answered): counts toward "sessions" goals. */
export interface SessionRow {
	sessionId: string;
	/** 'drill' for one kind, 'daily' for the daily mix. */
	mode: 'drill' | 'daily';
	kinds: DrillKindId[];
	startedAt: number;
	endedAt: number;
	/** The local day it was finished on, in the zone where it was finished. */
	day: string;
	timeZone: string;
	utcOffsetMinutes: number;
	questions: number;
	correct: number;
	/** Time spent answering, each question capped (see progress/aggregate.ts). */
	activeMs: number;
}

/** One local day's practice totals, kept up to date with every write (derived, but `goalMet` is history). */
export interface DayRow {
	day: string;
	sessions: number;
	questions: number;
	correct: number;
	activeMs: number;
	lessons: number;
	/**
	 * Mix Lab checks run that day (progress/mix-checks.ts). Absent from days stored before checks
	 * counted, and from days without one, so those rows read as they always did.
	 */
	mixChecks?: number;
	/** The goal in force that day was met (stays true if the goal changes later). */
	goalMet: boolean;
}

/** One drill kind's practice on one day: accuracy, the level reached and accuracy per octave band. */
export interface KindDayRow {
	kind: DrillKindId;
	day: string;
	attempts: number;
	correct: number;
	/** The staircase level and its value (drill unit) of the day's last question. */
	level: number;
	levelValue: number;
	/** Octave band centre (Hz, as a string) → [questions, correct], for the EQ drills. */
	bands: Record<string, [number, number]>;
}

/** The learner's progress through one lesson. */
export interface LessonRow {
	slug: string;
	/** How far they read, 0…1. */
	position: number;
	readToEnd: boolean;
	/** Best quiz score, 0…1, or null before the first try. */
	quizBest: number | null;
	completedAt: number | null;
	/** The local day it was completed, or null. */
	completedDay: string | null;
}

/** A quiz score that passes (80 %): with the lesson read to the end, it completes the lesson. */
export const PASS_SCORE = 0.8;
