/**
 * A seeded, realistic practice history as a backup file: for the progress benchmark (50,000 answers
 * over two years) and for screenshots. Days are judged in the learner's zone; most days have a few
 * ten-question sessions, some days none, and accuracy improves as levels rise.
 */
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from '../lib/db/backup';
import type { AttemptRow, DayRow, DrillStateRow, SessionRow } from '../lib/progress/records';
import { drillKinds } from '../lib/drills/registry';
import { createStaircase, recordAnswer, type StaircaseState } from '../lib/drills/staircase';
import { OCTAVE_BANDS_HZ } from '../lib/drills/octave-bands';
import { createRng } from '../lib/dsp/synth/rng';
import { addDays, toEpochDay } from '../lib/progress/calendar';

/** Builds the history ending `today`: `attempts` answers over `days` days. */
export function syntheticBackup({
	attempts,
	days,
	today,
	seed = 1,
	skipRate = 0.12
}: {
	attempts: number;
	days: number;
	today: string;
	seed?: number;
	skipRate?: number;
}): Backup {
	const rng = createRng(seed);
	const firstDay = addDays(today, -(days - 1));
	const practiceDays: string[] = [];
	for (let i = 0; i < days; i++) {
		const day = addDays(firstDay, i);
		// Keep the last two weeks unbroken so the streak shows.
		if (i >= days - 14 || rng.next() >= skipRate) practiceDays.push(day);
	}
	const perDay = attempts / practiceDays.length;
	const staircases = new Map<string, StaircaseState>();
	const rows: Omit<AttemptRow, 'id'>[] = [];
	const sessions: SessionRow[] = [];
	const dayRows: DayRow[] = [];
	let carry = 0;
	for (const day of practiceDays) {
		carry += perDay;
		let questions = Math.floor(carry);
		if (rows.length + questions > attempts) questions = attempts - rows.length;
		carry -= questions;
		const midnight = toEpochDay(day) * 86_400_000;
		let time = midnight + (7 + rng.next() * 12) * 3_600_000;
		let sessionIndex = 0;
		for (let q = 0; q < questions; q += 10) {
			const kind = drillKinds[rng.int(0, drillKinds.length - 1)];
			const sessionId = `${day}-${sessionIndex++}`;
			const startedAt = time;
			const n = Math.min(10, questions - q);
			let correctCount = 0;
			let activeMs = 0;
			for (let k = 0; k < n; k++) {
				const state = staircases.get(kind.id) ?? createStaircase(0);
				const level = state.level;
				const pCorrect = Math.max(0.35, 0.97 - level * 0.06);
				const correct = rng.next() < pCorrect;
				const responseMs = Math.round(3000 + rng.next() * 9000);
				time += responseMs + 4000;
				activeMs += responseMs;
				correctCount += correct ? 1 : 0;
				const params: Record<string, number> =
					kind.family === 'eq'
						? { frequencyHz: OCTAVE_BANDS_HZ[rng.int(0, 9)], gainDb: kind.levels[level].value }
						: { value: kind.levels[level].value };
				rows.push({
					kind: kind.id,
					family: kind.family,
					sessionId,
					level,
					levelValue: kind.levels[level].value,
					seed: rng.int(0, 2 ** 31 - 2),
					source: { kind: 'arrangement', style: 'pop-rock' },
					params,
					answer: correct ? 'a' : 'b',
					correctAnswer: 'a',
					correct,
					score: correct ? 1 : 0,
					responseMs,
					timestamp: Math.round(time),
					day,
					timeZone: 'UTC',
					utcOffsetMinutes: 0
				});
				staircases.set(kind.id, recordAnswer({ state, correct, maxLevel: kind.levels.length - 1 }));
			}
			if (n === 10) {
				sessions.push({
					sessionId,
					mode: 'drill',
					kinds: [kind.id],
					startedAt: Math.round(startedAt),
					endedAt: Math.round(time),
					day,
					timeZone: 'UTC',
					utcOffsetMinutes: 0,
					questions: n,
					correct: correctCount,
					activeMs
				});
			}
		}
		dayRows.push({
			day,
			sessions: 0,
			questions: 0,
			correct: 0,
			activeMs: 0,
			lessons: 0,
			goalMet: true
		});
	}
	const drillStates: DrillStateRow[] = [...staircases].map(([kind, staircase]) => ({
		kind: kind as DrillStateRow['kind'],
		staircase,
		updatedAt: rows[rows.length - 1]?.timestamp ?? 0
	}));
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: new Date(toEpochDay(today) * 86_400_000).toISOString(),
		data: {
			settings: [],
			attempts: rows,
			drillStates,
			sessions,
			days: dayRows,
			lessons: [],
			reviews: [],
			mixSessions: []
		}
	};
}
