/** How today's goal progress reads on the ring: "1/1 session today", "7/10 minutes today". */
import { goalDone, type DailyGoal, type DayTotals } from './streak';

/**
 * The count toward the goal so far (minutes rounded down; lessons and mix checks counted as
 * goalDone says) and its unit: "7/10", "minutes today" while short of the goal; once it is met,
 * just the count ("2", "sessions today").
 */
export function goalCount(
	goal: DailyGoal,
	totals: DayTotals
): { value: string; label: string; done: number } {
	const sum = goalDone(goal.kind, totals);
	const done = goal.kind === 'minutes' ? Math.floor(sum / 60000) : sum;
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
