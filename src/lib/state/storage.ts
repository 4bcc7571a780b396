/** The browser's storage for this site: ask it to keep our data, and report usage. */

export interface StorageState {
	/** True when the browser promised not to evict our data; null when it cannot say. */
	persisted: boolean | null;
	/** Bytes used and available to this site, when the browser reports them. */
	usage: number | null;
	quota: number | null;
}

/**
 * Asks the browser to keep this site's storage even when the device runs low (called after the
 * first finished session, when there is something worth keeping). Returns whether it agreed.
 */
export async function requestPersistence(): Promise<boolean | null> {
	try {
		if (!navigator.storage?.persist) return null;
		if (await navigator.storage.persisted()) return true;
		return await navigator.storage.persist();
	} catch {
		return null;
	}
}

/** Whether storage is persistent, and how much is used. */
export async function readStorageState(): Promise<StorageState> {
	const state: StorageState = { persisted: null, usage: null, quota: null };
	try {
		if (navigator.storage?.persisted) state.persisted = await navigator.storage.persisted();
		if (navigator.storage?.estimate) {
			const estimate = await navigator.storage.estimate();
			state.usage = estimate.usage ?? null;
			state.quota = estimate.quota ?? null;
		}
	} catch {
		// Some browsers (or private modes) refuse: the state stays unknown.
	}
	return state;
}
