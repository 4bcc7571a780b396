/**
 * The bridge from IndexedDB (through Dexie) to runes. A `Live` runs its `read` inside Dexie's
 * liveQuery, so the read runs again whenever any tab writes to a table it touched (what it shares
 * with every live read is in live-read.svelte.ts). Every live read of the app is a subclass, except
 * Today's, which a first visit makes and which reads without Dexie (peek-live.svelte.ts).
 */
import { liveQuery } from 'dexie';
import { currentDay } from '../progress/days';
import { LiveRead } from './live-read.svelte';

export abstract class Live<T> extends LiveRead<T> {
	#subscription: { unsubscribe(): void } | undefined;

	protected follow(): void {
		this.#subscription?.unsubscribe();
		const today = currentDay();
		this.#subscription = liveQuery(() => this.read(today)).subscribe({
			next: (value) => this.accept(value),
			error: (error) => this.fail(error)
		});
	}

	protected unfollow(): void {
		this.#subscription?.unsubscribe();
		this.#subscription = undefined;
	}
}
