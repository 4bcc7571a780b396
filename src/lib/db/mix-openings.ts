/**
 * The last few Mix Lab projects as they open: the project's description and its rough mix (16-bit
 * WAV, about 3.5 MB), kept in Cache Storage so a project opened again plays its rough mix at once
 * while the worker renders its stems. Keyed by build, so a new version of the app (which may render
 * differently) never plays an old one's audio. Storage that is missing or full only costs speed:
 * every failure here reads as "not kept".
 */
/** What a project needs to be playable before its stems are rendered: a description and a WAV. */
export interface KeptOpening {
	/** JSON-safe; read back as stored (the caller checks its shape). */
	info: unknown;
	wav: ArrayBuffer;
}

/** Projects kept (the oldest goes first). */
export const KEPT_OPENINGS = 3;
const PREFIX = 'mftm-mix-openings-';

const keyOf = ({ style, seed, level }: { style: string; seed: number; level: number }) =>
	`/mix-openings/${encodeURIComponent(style)}/${seed}/${level}`;

function storage(): CacheStorage | null {
	return typeof caches === 'undefined' ? null : caches;
}

/** The kept opening of this project in build `build`, or null. */
export async function keptOpening({
	build,
	project
}: {
	build: string;
	project: { style: string; seed: number; level: number };
}): Promise<KeptOpening | null> {
	try {
		const cache = await storage()?.open(PREFIX + build);
		const key = keyOf(project);
		const [info, wav] = await Promise.all([
			cache?.match(`${key}/info`),
			cache?.match(`${key}/rough`)
		]);
		if (!info || !wav) return null;
		return { info: (await info.json()) as unknown, wav: await wav.arrayBuffer() };
	} catch {
		return null;
	}
}

/** Keeps this opening (a copy of its WAV), drops other builds' and all but the newest few. */
export async function keepOpening({
	build,
	project,
	opening
}: {
	build: string;
	project: { style: string; seed: number; level: number };
	opening: KeptOpening;
}): Promise<void> {
	const caches = storage();
	if (!caches) return;
	try {
		for (const name of await caches.keys())
			if (name.startsWith(PREFIX) && name !== PREFIX + build) await caches.delete(name);
		const cache = await caches.open(PREFIX + build);
		const key = keyOf(project);
		// Deleted first, so a project kept again moves to the end of the cache's order.
		await cache.delete(`${key}/info`);
		await cache.delete(`${key}/rough`);
		await cache.put(
			`${key}/rough`,
			new Response(opening.wav.slice(0), { headers: { 'content-type': 'audio/wav' } })
		);
		await cache.put(
			`${key}/info`,
			new Response(JSON.stringify(opening.info), {
				headers: { 'content-type': 'application/json' }
			})
		);
		const infos = (await cache.keys()).filter((request) => request.url.endsWith('/info'));
		for (const old of infos.slice(0, Math.max(0, infos.length - KEPT_OPENINGS))) {
			await cache.delete(old);
			await cache.delete(old.url.replace(/\/info$/, '/rough'));
		}
	} catch {
		// Full or missing storage: the next open renders again.
	}
}
