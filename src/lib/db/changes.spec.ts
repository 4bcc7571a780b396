import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onStoredChange } from './changes';
import { MixDatabase } from './database';
import { emptyDay } from '../progress/aggregate';

const stops: (() => void)[] = [];
const databases: Dexie[] = [];

afterEach(async () => {
	for (const stop of stops.splice(0)) stop();
	for (const db of databases.splice(0)) await db.delete();
});

/** Lets a BroadcastChannel message arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('onStoredChange', () => {
	it('hears each write Dexie commits to the app’s database (the channel the installed Dexie posts on)', async () => {
		const app = new MixDatabase();
		databases.push(app);
		await app.open();
		const heard = vi.fn();
		stops.push(onStoredChange(heard));
		await app.days.put(emptyDay('2026-03-01'));
		await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(1));
		await app.transaction('rw', app.lessons, app.settings, async () => {
			await app.settings.put({ key: 'volume', value: 40 });
			await app.lessons.delete('translation');
		});
		await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(2));
	});

	it('ignores other databases, and stops when told', async () => {
		const app = new MixDatabase();
		const other = new Dexie('another-app');
		other.version(1).stores({ notes: 'id' });
		databases.push(app, other);
		await Promise.all([app.open(), other.open()]);
		const heard = vi.fn();
		const stop = onStoredChange(heard);
		await other.table('notes').put({ id: 1 });
		await settle();
		expect(heard).not.toHaveBeenCalled();
		stop();
		await app.days.put(emptyDay('2026-03-01'));
		await settle();
		expect(heard).not.toHaveBeenCalled();
	});
});
