/**
 * What every live read of the app shares (Live with Dexie's liveQuery, PeekLive without Dexie): the
 * latest result in `value` (a `$state.raw`: replaced whole, never mutated), one sentence in `error`
 * when a read fails, and a fresh read for a new day when the page becomes visible again. A subclass
 * says how it follows the data (`follow`, `unfollow`) and reports through `accept` and `fail`.
 * Dexie-free, so Today's PeekLive stays off Dexie. `start` in onMount, `stop` on destroy.
 */
import { describeStorageError } from './settings.svelte';

export abstract class LiveRead<T> {
	/** The latest result, or null before the first read finishes. */
	value = $state.raw<T | null>(null);
	/** One sentence when the read failed; empty otherwise. */
	error = $state('');
	#onVisible = () => {
		// A new day may have begun while the app was in the background: read again for it.
		if (document.visibilityState === 'visible') this.follow();
	};

	/** Reads the database for `today` (this device's local day, 'YYYY-MM-DD'). */
	protected abstract read(today: string): Promise<T>;

	/** Reads now, and again whenever the data changes (again when called again). */
	protected abstract follow(): void;

	/** Stops following the data; a read still under way is dropped. */
	protected abstract unfollow(): void;

	/** What the learner is told when the read fails (a storage failure by default). */
	protected describeError(error: unknown): string {
		return describeStorageError(error);
	}

	/** A read's result. */
	protected accept(value: T): void {
		this.value = value;
		this.error = '';
	}

	/** A read failed. */
	protected fail(error: unknown): void {
		this.error = this.describeError(error);
	}

	/** Starts reading, and reads again whenever the data changes or the page becomes visible. */
	start(): void {
		this.follow();
		document.addEventListener('visibilitychange', this.#onVisible);
	}

	/** Stops reading. */
	stop(): void {
		this.unfollow();
		document.removeEventListener('visibilitychange', this.#onVisible);
	}
}
