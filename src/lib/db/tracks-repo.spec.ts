// fake-indexeddb clones with Node's structuredClone, which keeps Blobs (Node 20+), so rows hold a
// real Blob here as they do in browsers.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBackup, importBackup, parseBackup, resetAll, serializeBackup } from './backup';
import { MixDatabase } from './database';
import { readSetting, writeSetting } from './settings-repo';
import { trackSource } from '../settings/settings';
import {
	MAX_SAVED_TRACKS,
	TRACK_MESSAGES,
	deleteTrack,
	hasTrack,
	listTracks,
	readTrackWav,
	saveTrack
} from './tracks-repo';

let db: MixDatabase | undefined;
let count = 0;
function open(): MixDatabase {
	db = new MixDatabase(`tracks-${++count}`);
	return db;
}
afterEach(async () => {
	vi.restoreAllMocks();
	await db?.delete();
	db = undefined;
});

const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);
const track = (overrides: Partial<Parameters<typeof saveTrack>[1]> = {}) => ({
	name: 'My mix.wav',
	wav: bytes(1000),
	durationS: 60,
	now: 1_700_000_000_000,
	...overrides
});

describe('saveTrack', () => {
	it('stores the WAV as a Blob with its size, and returns the summary', async () => {
		const db = open();
		const saved = await saveTrack(db, track());
		expect(saved).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			name: 'My mix.wav',
			addedAt: 1_700_000_000_000,
			durationS: 60,
			sampleRate: 44100,
			bytes: 1000
		});
		const row = await db.tracks.get(saved.id);
		expect(row?.wav).toBeInstanceOf(Blob);
		expect(row?.wav.size).toBe(1000);
		expect(row?.wav.type).toBe('audio/wav');
	});

	it('keeps its own copy of the bytes', async () => {
		const db = open();
		const wav = bytes(16, 1);
		const saved = await saveTrack(db, track({ wav }));
		wav.fill(9);
		expect(await readTrackWav(db, saved.id)).toEqual(bytes(16, 1));
	});

	it.each([
		['  Night   drive\n(final).wav ', 'Night drive (final).wav'],
		['   ', 'Untitled track'],
		['x'.repeat(300), 'x'.repeat(120)]
	])('stores the name %j as %j', async (name, stored) => {
		const db = open();
		expect((await saveTrack(db, track({ name }))).name).toBe(stored);
	});

	it.each([
		['no bytes', { wav: bytes(0) }],
		['no duration', { durationS: 0 }],
		['a NaN duration', { durationS: Number.NaN }]
	])('refuses a track with %s', async (_, overrides) => {
		const db = open();
		await expect(saveTrack(db, track(overrides))).rejects.toThrow(TRACK_MESSAGES.empty);
		expect(await db.tracks.count()).toBe(0);
	});

	it(`keeps at most ${MAX_SAVED_TRACKS} tracks and says so`, async () => {
		const db = open();
		for (let i = 0; i < MAX_SAVED_TRACKS; i++) {
			await saveTrack(db, track({ name: `t${i}`, now: i }));
		}
		await expect(saveTrack(db, track({ name: 'one too many' }))).rejects.toThrow(
			TRACK_MESSAGES.limit
		);
		expect(await db.tracks.count()).toBe(MAX_SAVED_TRACKS);
		expect(TRACK_MESSAGES.limit).toMatch(/10 saved tracks.*Delete one/);
	});

	it('saves again once one is deleted', async () => {
		const db = open();
		const first = await saveTrack(db, track());
		for (let i = 1; i < MAX_SAVED_TRACKS; i++) await saveTrack(db, track());
		await deleteTrack(db, first.id);
		await expect(saveTrack(db, track())).resolves.toMatchObject({ name: 'My mix.wav' });
	});

	it.each([
		['a QuotaExceededError', () => new DOMException('full', 'QuotaExceededError')],
		[
			'an abort wrapping one (Dexie)',
			() =>
				Object.assign(new Error('aborted'), {
					name: 'AbortError',
					inner: new DOMException('full', 'QuotaExceededError')
				})
		]
	])('turns %s into a message, and keeps the tracks saved before', async (_, makeError) => {
		const db = open();
		const before = await saveTrack(db, track());
		vi.spyOn(db.tracks, 'add').mockImplementation(() => Promise.reject(makeError()) as never);
		const saving = saveTrack(db, track());
		await expect(saving).rejects.toThrow(TRACK_MESSAGES.quota);
		await expect(saving).rejects.toHaveProperty('cause');
		// What was not saved, that the rest is safe, and what to do.
		expect(TRACK_MESSAGES.quota).toBe(
			'This device is out of storage space, so the track was not saved. Your saved tracks and progress are safe. Delete a saved track or free some space on the device, then try again.'
		);
		vi.restoreAllMocks();
		expect((await listTracks(db)).map((t) => t.id)).toEqual([before.id]);
	});

	it('passes other storage errors on as they are', async () => {
		const db = open();
		const blocked = new DOMException('nope', 'InvalidStateError');
		vi.spyOn(db.tracks, 'add').mockImplementation(() => Promise.reject(blocked) as never);
		await expect(saveTrack(db, track())).rejects.toThrow('nope');
	});
});

describe('listTracks', () => {
	it('lists summaries without the audio, newest first', async () => {
		const db = open();
		expect(await listTracks(db)).toEqual([]);
		await saveTrack(db, track({ name: 'old', now: 1, wav: bytes(10) }));
		await saveTrack(db, track({ name: 'new', now: 3, wav: bytes(30), durationS: 42.5 }));
		await saveTrack(db, track({ name: 'middle', now: 2, wav: bytes(20) }));
		const list = await listTracks(db);
		expect(list.map((t) => [t.name, t.bytes, t.addedAt])).toEqual([
			['new', 30, 3],
			['middle', 20, 2],
			['old', 10, 1]
		]);
		expect(list[0].durationS).toBe(42.5);
		for (const item of list) expect(item).not.toHaveProperty('wav');
	});
});

describe('readTrackWav and hasTrack', () => {
	it('round-trip the stored bytes exactly', async () => {
		const db = open();
		const wav = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) & 0xff);
		const { id } = await saveTrack(db, track({ wav }));
		const read = await readTrackWav(db, id);
		expect(read).toBeInstanceOf(Uint8Array);
		expect(read).toEqual(wav);
		expect(await hasTrack(db, id)).toBe(true);
	});

	it('give undefined and false for a track that is not there', async () => {
		const db = open();
		expect(await readTrackWav(db, 'missing')).toBeUndefined();
		expect(await hasTrack(db, 'missing')).toBe(false);
	});

	it('survive closing and reopening the database', async () => {
		const name = `tracks-reopen-${++count}`;
		const first = new MixDatabase(name);
		const { id } = await saveTrack(first, track({ wav: bytes(64, 3) }));
		first.close();
		db = new MixDatabase(name);
		expect(await readTrackWav(db, id)).toEqual(bytes(64, 3));
	});
});

describe('deleteTrack', () => {
	it('deletes the track and leaves the others', async () => {
		const db = open();
		const a = await saveTrack(db, track({ name: 'a', now: 1 }));
		const b = await saveTrack(db, track({ name: 'b', now: 2 }));
		expect(await deleteTrack(db, a.id)).toBe(false);
		expect((await listTracks(db)).map((t) => t.id)).toEqual([b.id]);
		expect(await readTrackWav(db, a.id)).toBeUndefined();
	});

	it('sends the drills back to any style when they used the deleted track', async () => {
		const db = open();
		const a = await saveTrack(db, track());
		await writeSetting(db, { key: 'drillSource', value: trackSource(a.id) });
		expect(await deleteTrack(db, a.id)).toBe(true);
		expect(await readSetting(db, 'drillSource')).toBe('any');
		expect(await db.tracks.count()).toBe(0);
	});

	it('leaves the drill music alone when it names another track or a style', async () => {
		const db = open();
		const a = await saveTrack(db, track({ now: 1 }));
		const b = await saveTrack(db, track({ now: 2 }));
		await writeSetting(db, { key: 'drillSource', value: trackSource(b.id) });
		expect(await deleteTrack(db, a.id)).toBe(false);
		expect(await readSetting(db, 'drillSource')).toBe(trackSource(b.id));
		await writeSetting(db, { key: 'drillSource', value: 'ballad' });
		expect(await deleteTrack(db, b.id)).toBe(false);
		expect(await readSetting(db, 'drillSource')).toBe('ballad');
	});

	it('deletes nothing and changes no setting when the transaction fails', async () => {
		const db = open();
		const a = await saveTrack(db, track());
		await writeSetting(db, { key: 'drillSource', value: trackSource(a.id) });
		vi.spyOn(db.settings, 'put').mockImplementation(
			() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never
		);
		await expect(deleteTrack(db, a.id)).rejects.toThrow();
		vi.restoreAllMocks();
		expect(await hasTrack(db, a.id)).toBe(true);
		expect(await readSetting(db, 'drillSource')).toBe(trackSource(a.id));
	});

	it('is harmless for a track that is already gone', async () => {
		const db = open();
		expect(await deleteTrack(db, 'missing')).toBe(false);
	});
});

describe('saved tracks and the rest of the data', () => {
	it('are deleted by "Delete all progress" (resetAll)', async () => {
		const db = open();
		await saveTrack(db, track());
		await resetAll(db);
		expect(await db.tracks.count()).toBe(0);
	});

	it('are not included in backups', async () => {
		const db = open();
		const { id } = await saveTrack(db, track());
		const backup = await exportBackup(db);
		expect(Object.keys(backup.data)).not.toContain('tracks');
		expect(JSON.stringify(backup)).not.toContain(id);
	});

	it('do not follow a backup to another device: a restored track choice reads as any style', async () => {
		const db = open();
		const { id } = await saveTrack(db, track());
		await writeSetting(db, { key: 'drillSource', value: trackSource(id) });
		const parsed = parseBackup(serializeBackup(await exportBackup(db)));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const other = new MixDatabase(`tracks-other-${++count}`);
		try {
			await importBackup(other, { backup: parsed.backup, mode: 'replace' });
			expect(await readSetting(other, 'drillSource')).toBe('any');
		} finally {
			await other.delete();
		}
	});
});
