/** Per-drill level and recent accuracy for the drill list, read live from Dexie. */
import { liveQuery } from 'dexie';
import { getDatabase } from '../db/database';
import { drillKinds } from '../drills/registry';
import type { DrillKindId } from '../drills/types';

export interface DrillStat {
	level: number;
	accuracy: number | null;
	attempts: number;
}

const RECENT = 30;

/** Live stats for every drill kind; `stats` updates when attempts are stored (in any tab). */
export class DrillStats {
	stats = $state.raw<Partial<Record<DrillKindId, DrillStat>>>({});
	error = $state('');
	#subscription: { unsubscribe(): void } | undefined;

	start() {
		const db = getDatabase();
		this.#subscription = liveQuery(async () => {
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
		}).subscribe({
			next: (value) => (this.stats = value),
			error: () => (this.error = 'Your progress could not be read from this device’s storage.')
		});
	}

	stop() {
		this.#subscription?.unsubscribe();
	}
}
