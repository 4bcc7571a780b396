/**
 * The Progress page's report, read live. In a module of its own because it needs the drill registry,
 * which the Today page does not load.
 */
import { getDatabase } from '../db/database';
import { drillKinds } from '../drills/registry';
import { buildProgressReport, type ProgressReport } from '../progress/report';
import { Live } from './live.svelte';

/** Everything the Progress page shows, updated when any tab writes. */
export class ProgressReportState extends Live<ProgressReport> {
	protected async read(today: string): Promise<ProgressReport> {
		const db = getDatabase();
		const [days, kindDays, drillStates, lessons] = await Promise.all([
			db.days.toArray(),
			db.kindDays.toArray(),
			db.drillStates.toArray(),
			db.lessons.toArray()
		]);
		return buildProgressReport({ days, kindDays, drillStates, lessons, kinds: drillKinds, today });
	}
}
