/** A day row's totals as the goal judges them. */
import type { DayRow } from './records';
import type { DayTotals } from './streak';

/** The totals a goal is judged on. */
export function totalsOf(row: DayRow | undefined): DayTotals {
	return {
		sessions: row?.sessions ?? 0,
		questions: row?.questions ?? 0,
		activeMs: row?.activeMs ?? 0,
		lessons: row?.lessons ?? 0,
		mixChecks: row?.mixChecks ?? 0
	};
}
