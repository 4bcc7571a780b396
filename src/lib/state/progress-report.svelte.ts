/**
 * The Progress page's report, read live. In a module of its own because it needs the drill registry,
 * which the Today page does not load.
 */
import { getDatabase } from '../db/database';
import { drillKinds } from '../drills/registry';
import { buildMixCheckReport, type MixCheckReport } from '../progress/mix-checks';
import { buildProgressReport, type ProgressReport } from '../progress/report';
import { Live } from './live.svelte';

/** The drills' report and the Mix Lab's checks by problem kind. */
export type ProgressPageReport = ProgressReport & { mixChecks: MixCheckReport };

/** Everything the Progress page shows, updated when any tab writes. */
export class ProgressReportState extends Live<ProgressPageReport> {
	protected async read(today: string): Promise<ProgressPageReport> {
		const db = getDatabase();
		const [days, kindDays, drillStates, lessons, mixSessions] = await Promise.all([
			db.days.toArray(),
			db.kindDays.toArray(),
			db.drillStates.toArray(),
			db.lessons.toArray(),
			db.mixSessions.toArray()
		]);
		return {
			...buildProgressReport({ days, kindDays, drillStates, lessons, kinds: drillKinds, today }),
			mixChecks: buildMixCheckReport({ mixSessions, today })
		};
	}
}
