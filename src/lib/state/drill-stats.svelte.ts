/** Per-drill level and recent accuracy for the drill list, read live. */
import { getDatabase } from '../db/database';
import { drillKinds } from '../drills/registry';
import type { DrillKindId } from '../drills/types';
import { Live } from './live.svelte';

export interface DrillStat {
	level: number;
	accuracy: number | null;
	attempts: number;
}

/** How many of a drill's latest answers its accuracy is taken over. */
const RECENT = 30;

/** Every drill kind's level and recent accuracy, updated when attempts are stored (in any tab). */
export class DrillStatsState extends Live<Partial<Record<DrillKindId, DrillStat>>> {
	protected async read(): Promise<Partial<Record<DrillKindId, DrillStat>>> {
		const db = getDatabase();
		const states = await db.drillStates.toArray();
		const result: Partial<Record<DrillKindId, DrillStat>> = {};
		for (const kind of drillKinds) {
			const recent = await db.attempts
				.where('[kind+timestamp]')
				.between([kind.id, -Infinity], [kind.id, Infinity])
				.reverse()
				.limit(RECENT)
				.toArray();
			const state = states.find((s) => s.kind === kind.id);
			result[kind.id] = {
				level: state?.staircase.level ?? 0,
				accuracy: recent.length ? recent.filter((a) => a.correct).length / recent.length : null,
				attempts: recent.length
			};
		}
		return result;
	}

	protected override describeError(): string {
		return 'Your progress could not be read from this device’s storage.';
	}
}
