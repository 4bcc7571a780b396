/** How today's goal progress reads on the ring: "1/1 session today", "7/10 minutes today". */
import type { DailyGoal, DayTotals } from './streak';

/**
 * The count toward the goal so far (minutes rounded down) and its unit: "7/10", "minutes today"
 * while short of the goal; once it is met, just the count ("2", "sessions today").
 */
export function goalCount(
	goal: DailyGoal,
	totals: DayTotals
): { value: string; label: string; done: number } {
	const done =
		goal.kind === 'sessions'
			? totals.sessions + totals.lessons
			: goal.kind === 'minutes'
				? Math.floor(totals.activeMs / 60000)
				: totals.questions;
	const unit =
		goal.kind === 'sessions' ? 'session' : goal.kind === 'minutes' ? 'minute' : 'question';
	const met = done >= goal.target;
	const shown = met ? done : goal.target;
	return {
		value: met ? String(Math.min(done, 999)) : `${done}/${goal.target}`,
		label: `${shown === 1 ? unit : `${unit}s`} today`,
		done
	};
}

/** "5-day streak", "1-day streak", "No streak yet". */
export function streakText(days: number): string {
	return days === 0 ? 'No streak yet' : `${days}-day streak`;
}
