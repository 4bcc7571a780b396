/**
 * A 3-down/1-up adaptive staircase (H. Levitt, "Transformed up-down methods in psychoacoustics",
 * JASA 49(2B), 1971): three correct answers in a row make the next question harder, one wrong answer
 * makes it easier, so the learner settles where P(correct)³ = ½, about 79.4 % correct. Levels are
 * integer rungs of a drill's ladder, 0 = easiest. The state is a plain object so it can be stored
 * in IndexedDB as is.
 */

/** Which way the last level change went. */
export type StaircaseDirection = 'harder' | 'easier';

/** A staircase's whole state: plain, serializable data. */
export interface StaircaseState {
	/** Current rung, 0 (easiest) … maxLevel. */
	level: number;
	/** Correct answers in a row since the last level change. */
	correctRun: number;
	/** The levels at which the direction turned, oldest first. */
	reversals: number[];
	/** The direction of the last level change, or null before the first. */
	lastDirection: StaircaseDirection | null;
	/** Answers recorded so far. */
	trials: number;
}

/** Correct answers in a row that make the staircase step harder. */
export const CORRECT_TO_STEP_UP = 3;
/** How many of the latest reversals the threshold averages. */
export const THRESHOLD_REVERSALS = 6;

/** A new staircase at `level` (default 0, the easiest). */
export function createStaircase(level = 0): StaircaseState {
	return { level, correctRun: 0, reversals: [], lastDirection: null, trials: 0 };
}

/** The state after one answer; the input is not modified. Moves never leave 0…maxLevel. */
export function recordAnswer({
	state,
	correct,
	maxLevel
}: {
	state: StaircaseState;
	correct: boolean;
	maxLevel: number;
}): StaircaseState {
	const current = Math.min(Math.max(state.level, 0), maxLevel);
	const trials = state.trials + 1;
	const correctRun = correct ? state.correctRun + 1 : 0;
	let direction: StaircaseDirection | null = null;
	if (correct && correctRun >= CORRECT_TO_STEP_UP) direction = 'harder';
	else if (!correct) direction = 'easier';
	if (direction === null) return { ...state, level: current, correctRun, trials };

	const next = Math.min(Math.max(current + (direction === 'harder' ? 1 : -1), 0), maxLevel);
	if (next === current) {
		// Pinned at an end of the ladder: no move, so no direction and no reversal.
		return { ...state, level: current, correctRun: 0, trials };
	}
	const reversed = state.lastDirection !== null && state.lastDirection !== direction;
	return {
		level: next,
		correctRun: 0,
		// The turning point is the level the learner was on when the direction changed.
		reversals: reversed ? [...state.reversals, current] : [...state.reversals],
		lastDirection: direction,
		trials
	};
}

/**
 * The threshold estimate in levels (may be fractional): the mean of the last (up to) six reversal
 * levels, or the current level while there are fewer than two reversals.
 */
export function thresholdLevel(state: StaircaseState): number {
	if (state.reversals.length < 2) return state.level;
	const recent = state.reversals.slice(-THRESHOLD_REVERSALS);
	return recent.reduce((sum, level) => sum + level, 0) / recent.length;
}
