/**
 * The bridge from IndexedDB (through Dexie) to runes. A `Live` runs its `read` inside Dexie's
 * liveQuery, so the read runs again whenever any tab writes to a table it touched, and keeps the
 * latest result in `value` (a `$state.raw`: replaced whole, never mutated). Every live read of the
 * app is a subclass, except Today's, which a first visit makes and which reads without Dexie
 * (peek-live.svelte.ts). `start` in onMount, `stop` on destroy.
 */
import { liveQuery } from 'dexie';
import { currentDay } from '../progress/days';
import { describeStorageError } from './settings.svelte';

export abstract class Live<T> {
	/** The latest result, or null before the first read finishes. */
	value = $state.raw<T | null>(null);
	/** One sentence when the read failed; empty otherwise. */
	error = $state('');
	#subscription: { unsubscribe(): void } | undefined;
	#onVisible = () => {
		// A new day may have begun while the app was in the background: read again for it.
		if (document.visibilityState === 'visible') this.#subscribe();
	};

	/** Reads the database for `today` (this device's local day, 'YYYY-MM-DD'). */
	protected abstract read(today: string): Promise<T>;

	/** What the learner is told when the read fails (a storage failure by default). */
	protected describeError(error: unknown): string {
		return describeStorageError(error);
	}

	/** Starts reading, and reads again whenever the data changes or the page becomes visible. */
	start(): void {
		this.#subscribe();
		document.addEventListener('visibilitychange', this.#onVisible);
	}

	#subscribe() {
		this.#subscription?.unsubscribe();
		const today = currentDay();
		this.#subscription = liveQuery(() => this.read(today)).subscribe({
			next: (value) => {
				this.value = value;
				this.error = '';
			},
			error: (error) => (this.error = this.describeError(error))
		});
	}

	/** Stops reading. */
	stop(): void {
		this.#subscription?.unsubscribe();
		this.#subscription = undefined;
		document.removeEventListener('visibilitychange', this.#onVisible);
	}
}
