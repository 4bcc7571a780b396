/**
 * Tells a reader that does not load Dexie (peek.ts) when Dexie stored a change to this app's
 * database, in this tab or any other. Dexie 4 posts the parts of the database each committed write
 * touched on a BroadcastChannel named 'x-storagemutated-1' (src/live-query/enable-broadcast.ts);
 * every other channel of that name in the origin hears it, this tab's own included. Where there is
 * no BroadcastChannel, Dexie fires the same parts as a window event of that name, in this tab only.
 * changes.spec.ts checks the name against the installed Dexie.
 */
import { DB_NAME } from './schema-version';

const DEXIE_MUTATIONS = 'x-storagemutated-1';

/** Calls `callback` after each write Dexie commits to this app's database; returns the stop. */
export function onStoredChange(callback: () => void): () => void {
	const prefix = `idb://${DB_NAME}/`;
	const touchesOurs = (parts: unknown) =>
		typeof parts === 'object' &&
		parts !== null &&
		Object.keys(parts).some((part) => part.startsWith(prefix));
	if (typeof BroadcastChannel !== 'undefined') {
		const channel = new BroadcastChannel(DEXIE_MUTATIONS);
		channel.onmessage = (event: MessageEvent) => {
			if (touchesOurs(event.data)) callback();
		};
		return () => channel.close();
	}
	if (typeof addEventListener === 'undefined') return () => {};
	const onEvent = (event: Event) => {
		if (touchesOurs((event as CustomEvent).detail)) callback();
	};
	addEventListener(DEXIE_MUTATIONS, onEvent);
	return () => removeEventListener(DEXIE_MUTATIONS, onEvent);
}
