/**
 * Tracks the learner saved from the bench to use as drill music. Each row holds the prepared WAV
 * (player/prepare-track.ts) as a Blob: IndexedDB stores Blobs natively (no base64 inflation) and a
 * listing reads only a handle to the bytes. Tracks stay on the device: backups leave them out.
 */
import type { MixDatabase, TrackRow } from './database';
import { readSetting, writeSetting } from './settings-repo';
import { isQuotaError } from './storage-errors';
import { trackSource } from '../settings/settings';

/** The most tracks the app keeps (each is about 10 MB). */
export const MAX_SAVED_TRACKS = 10;
/** Longest stored name, characters. */
const MAX_NAME = 120;

/** What the repository tells the learner, one sentence each. */
export const TRACK_MESSAGES = {
	quota:
		'This device is out of storage space, so the track was not saved. Your saved tracks and progress are safe. Delete a saved track or free some space on the device, then try again.',
	limit: `You already have ${MAX_SAVED_TRACKS} saved tracks, the most the app keeps. Delete one to save this track.`,
	empty: 'This track has no audio to save.'
} as const;

/** A saved track without its audio, for lists. */
export type TrackSummary = Omit<TrackRow, 'wav'>;

function summary({ wav: _wav, ...rest }: TrackRow): TrackSummary {
	return rest;
}

/** A name fit to show in a list: trimmed, on one line, not too long. */
function cleanName(name: string): string {
	const oneLine = name.replace(/\s+/g, ' ').trim();
	return oneLine.length === 0 ? 'Untitled track' : oneLine.slice(0, MAX_NAME);
}

/**
 * Stores a prepared track (16-bit stereo WAV at 44.1 kHz) and returns its summary. Rejects with a
 * sentence for the learner when the device is full or {@link MAX_SAVED_TRACKS} are saved already.
 */
export async function saveTrack(
	db: MixDatabase,
	{ name, wav, durationS, now }: { name: string; wav: Uint8Array; durationS: number; now: number }
): Promise<TrackSummary> {
	if (wav.byteLength === 0 || !(durationS > 0)) throw new Error(TRACK_MESSAGES.empty);
	const row: TrackRow = {
		id: crypto.randomUUID(),
		name: cleanName(name),
		addedAt: now,
		durationS,
		sampleRate: 44100,
		bytes: wav.byteLength,
		// The Blob copies the bytes, so the caller's buffer may be reused or transferred afterwards.
		wav: new Blob([wav as Uint8Array<ArrayBuffer>], { type: 'audio/wav' })
	};
	try {
		// Counting and adding in one transaction, so two tabs cannot both save the eleventh.
		await db.transaction('rw', db.tracks, async () => {
			if ((await db.tracks.count()) >= MAX_SAVED_TRACKS) throw new Error(TRACK_MESSAGES.limit);
			await db.tracks.add(row);
		});
	} catch (error) {
		if (isQuotaError(error)) throw new Error(TRACK_MESSAGES.quota, { cause: error });
		throw error;
	}
	return summary(row);
}

/** Every saved track without its audio, newest first. */
export async function listTracks(db: MixDatabase): Promise<TrackSummary[]> {
	const rows = await db.tracks.orderBy('addedAt').reverse().toArray();
	return rows.map(summary);
}

/** The stored WAV bytes of a track, or undefined when it is not (or no longer) on the device. */
export async function readTrackWav(db: MixDatabase, id: string): Promise<Uint8Array | undefined> {
	const row = await db.tracks.get(id);
	if (!row) return undefined;
	return new Uint8Array(await row.wav.arrayBuffer());
}

/** Whether a track is still saved (reads the key only, not the audio). */
export async function hasTrack(db: MixDatabase, id: string): Promise<boolean> {
	return (await db.tracks.where('id').equals(id).count()) > 0;
}

/**
 * Deletes a saved track. When the drills were using it, their music goes back to 'any' in the same
 * transaction (so no drill asks for a track that is gone); returns true in that case.
 */
export async function deleteTrack(db: MixDatabase, id: string): Promise<boolean> {
	return db.transaction('rw', [db.tracks, db.settings], async () => {
		await db.tracks.delete(id);
		if ((await readSetting(db, 'drillSource')) !== trackSource(id)) return false;
		await writeSetting(db, { key: 'drillSource', value: 'any' });
		return true;
	});
}
