/**
 * Live's twin for what a first visit to `/` reads (Today), without Dexie, which is most of that
 * visit's download: `read` goes through db/peek.ts and runs again whenever Dexie stores a change in
 * any tab (db/changes.ts) or the page becomes visible (live-read.svelte.ts). Every other live read is
 * a Live (live.svelte.ts).
 */
import { onStoredChange } from '../db/changes';
import { currentDay } from '../progress/days';
import { LiveRead } from './live-read.svelte';

export abstract class PeekLive<T> extends LiveRead<T> {
	#stopListening: (() => void) | undefined;
	/** Numbers the reads, so one that finishes late never replaces a newer result. */
	#latest = 0;

	protected follow(): void {
		if (!this.#stopListening) this.#stopListening = onStoredChange(() => void this.#refresh());
		void this.#refresh();
	}

	async #refresh() {
		const id = ++this.#latest;
		try {
			const value = await this.read(currentDay());
			if (id === this.#latest) this.accept(value);
		} catch (error) {
			if (id === this.#latest) this.fail(error);
		}
	}

	protected unfollow(): void {
		this.#stopListening?.();
		this.#stopListening = undefined;
		this.#latest++;
	}
}
