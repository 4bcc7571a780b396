import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDatabase } from '../db/database';
import { readSetting } from '../db/settings-repo';
import { saveTrack } from '../db/tracks-repo';
import { trackSource } from '../settings/settings';
import { SavedTracksState, type TrackSummary } from './saved-tracks.svelte';
import { settings } from './settings.svelte';
import { installBrowser, removeBrowser, resetDatabase } from './test-browser';

const save = (name: string, bytes: number, now: number) =>
	saveTrack(getDatabase(), { name, wav: new Uint8Array(bytes), durationS: 60, now });
const storedSource = () => readSetting(getDatabase(), 'drillSource');

let tracks: SavedTracksState;

beforeEach(async () => {
	installBrowser();
	await settings.reload();
	tracks = new SavedTracksState();
});

afterEach(async () => {
	tracks.stop();
	vi.restoreAllMocks();
	removeBrowser();
	await resetDatabase();
});

/** Starts the list and waits until it holds `count` tracks. */
async function listed(count: number): Promise<TrackSummary[]> {
	tracks.start();
	await vi.waitFor(() => expect(tracks.value).toHaveLength(count));
	return tracks.value!;
}

describe('SavedTracksState', () => {
	it('lists the saved tracks newest first, without their audio, and adds up their size', async () => {
		await save('First mix', 1_000, 1_000);
		await save('Latest mix', 3_000, 3_000);
		await save('Second mix', 2_000, 2_000);
		const list = await listed(3);
		expect(list.map((t) => t.name)).toEqual(['Latest mix', 'Second mix', 'First mix']);
		expect(list[0]).not.toHaveProperty('wav');
		expect(tracks.totalBytes).toBe(6_000);
		expect(tracks.max).toBe(10);
	});

	it('counts nothing before the list is read', () => {
		expect(tracks.value).toBeNull();
		expect(tracks.totalBytes).toBe(0);
	});

	it('makes a track the drills’ music, and any style again', async () => {
		await save('Mix', 100, 1);
		const [track] = await listed(1);
		expect(tracks.inDrills(track)).toBe(false);

		expect(await tracks.useInDrills(track, true)).toBeNull();
		expect(settings.drillSource).toBe(trackSource(track.id));
		expect(await storedSource()).toBe(trackSource(track.id));
		expect(tracks.inDrills(track)).toBe(true);

		expect(await tracks.useInDrills(track, false)).toBeNull();
		expect(settings.drillSource).toBe('any');
		expect(await storedSource()).toBe('any');
		expect(tracks.inDrills(track)).toBe(false);
	});

	it('resolves with the storage error when the choice cannot be stored', async () => {
		await save('Mix', 100, 1);
		const [track] = await listed(1);
		vi.spyOn(getDatabase().settings, 'put').mockRejectedValue(
			new DOMException('full', 'QuotaExceededError')
		);
		expect(await tracks.useInDrills(track, true)).toMatch(/out of storage space/);
	});

	it('deleting the track the drills use sends them back to any style, stored and on this page', async () => {
		await save('Kept', 100, 1);
		await save('In use', 200, 2);
		const [inUse, kept] = await listed(2);
		await tracks.useInDrills(inUse, true);

		expect(await tracks.delete(inUse)).toBe(true);
		expect(settings.drillSource).toBe('any');
		expect(await storedSource()).toBe('any');
		expect(await tracks.isSaved(inUse.id)).toBe(false);
		expect(await tracks.isSaved(kept.id)).toBe(true);
		await vi.waitFor(() => expect(tracks.value?.map((t) => t.name)).toEqual(['Kept']));
		expect(tracks.totalBytes).toBe(100);
	});

	it('deleting another track leaves the drills’ music alone', async () => {
		await save('Other', 100, 1);
		await save('In use', 200, 2);
		const [inUse, other] = await listed(2);
		await tracks.useInDrills(inUse, true);
		expect(await tracks.delete(other)).toBe(false);
		expect(settings.drillSource).toBe(trackSource(inUse.id));
		expect(await storedSource()).toBe(trackSource(inUse.id));
	});

	it('says in its own words when the list cannot be read', async () => {
		vi.spyOn(getDatabase().tracks, 'orderBy').mockImplementation(() => {
			throw new Error('broken index');
		});
		tracks.start();
		await vi.waitFor(() =>
			expect(tracks.error).toBe('Your saved tracks could not be read from this device’s storage.')
		);
	});
});
