/**
 * The tracks the learner saved for the drills, read live (the Bench lists them, Settings offers them
 * as drill music), and the writes on them: use one in the drills, delete one.
 */
import { getDatabase } from '../db/database';
import {
	deleteTrack,
	hasTrack,
	listTracks,
	MAX_SAVED_TRACKS,
	type TrackSummary
} from '../db/tracks-repo';
import { trackSource } from '../settings/settings';
import { Live } from './live.svelte';
import { settings } from './settings.svelte';

export type { TrackSummary };

/** Every saved track without its audio, newest first, updated when any tab saves or deletes one. */
export class SavedTracksState extends Live<TrackSummary[]> {
	/** The most tracks the app keeps. */
	readonly max = MAX_SAVED_TRACKS;
	/** Bytes stored for all saved tracks. */
	readonly totalBytes = $derived(this.value?.reduce((sum, t) => sum + t.bytes, 0) ?? 0);

	protected read(): Promise<TrackSummary[]> {
		return listTracks(getDatabase());
	}

	protected override describeError(): string {
		return 'Your saved tracks could not be read from this device’s storage.';
	}

	/** Whether the drills play this track now. */
	inDrills(track: TrackSummary): boolean {
		return settings.drillSource === trackSource(track.id);
	}

	/** Makes the drills play `track` (or any style again); resolves with the storage error, if any. */
	async useInDrills(track: TrackSummary, on: boolean): Promise<string | null> {
		await settings.set('drillSource', on ? trackSource(track.id) : 'any');
		return settings.storageError;
	}

	/**
	 * Deletes a track; when the drills used it they go back to any style (in the same transaction).
	 * Resolves true in that case; rejects when storage fails.
	 */
	async delete(track: TrackSummary): Promise<boolean> {
		const wasInUse = await deleteTrack(getDatabase(), track.id);
		// The stored setting was reset with the track; keep this page's copy in step.
		if (wasInUse) settings.drillSource = 'any';
		return wasInUse;
	}

	/** Whether a track is still on the device, asked of the database itself (the list may lag). */
	async isSaved(id: string): Promise<boolean> {
		return hasTrack(getDatabase(), id);
	}
}
