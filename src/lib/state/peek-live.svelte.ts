/**
 * Live's twin for what a first visit to `/` reads (Today): the same `value`, `error`, `start` and
 * `stop`, without Dexie, which is most of that visit's download. `read` goes through db/peek.ts and
 * runs again whenever Dexie stores a change in any tab (db/changes.ts) or the page becomes visible.
 * Every other live read is a Live (live.svelte.ts).
 */
import { onStoredChange } from '../db/changes';
import { currentDay } from '../progress/days';
import { describeStorageError } from './settings.svelte';

export abstract class PeekLive<T> {
	/** The latest result, or null before the first read finishes. */
	value = $state.raw<T | null>(null);
	/** One sentence when the read failed; empty otherwise. */
	error = $state('');
	#stopListening: (() => void) | undefined;
	/** Numbers the reads, so one that finishes late never replaces a newer result. */
	#latest = 0;
	#onVisible = () => {
		// A new day may have begun while the app was in the background: read again for it.
		if (document.visibilityState === 'visible') void this.#refresh();
	};

	/** Reads the database for `today` (this device's local day, 'YYYY-MM-DD') through db/peek.ts. */
	protected abstract read(today: string): Promise<T>;

	/** What the learner is told when the read fails (a storage failure by default). */
	protected describeError(error: unknown): string {
		return describeStorageError(error);
	}

	/** Starts reading, and reads again whenever the data changes or the page becomes visible. */
	start(): void {
		this.#stopListening?.();
		this.#stopListening = onStoredChange(() => void this.#refresh());
		document.addEventListener('visibilitychange', this.#onVisible);
		void this.#refresh();
	}

	async #refresh() {
		const id = ++this.#latest;
		try {
			const value = await this.read(currentDay());
			if (id !== this.#latest) return;
			this.value = value;
			this.error = '';
		} catch (error) {
			if (id === this.#latest) this.error = this.describeError(error);
		}
	}

	/** Stops reading; a read still under way is dropped. */
	stop(): void {
		this.#stopListening?.();
		this.#stopListening = undefined;
		this.#latest++;
		document.removeEventListener('visibilitychange', this.#onVisible);
	}
}
