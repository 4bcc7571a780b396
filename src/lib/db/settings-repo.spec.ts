import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, MixDatabase } from './database';
import { defaultSettings, readSetting, writeSetting } from './settings-repo';

let db: MixDatabase | undefined;

afterEach(async () => {
	await db?.delete();
	db = undefined;
});

describe('settings repository', () => {
	it('opens the database the app names, at schema version 1, with a settings table', async () => {
		db = new MixDatabase();
		await db.open();
		expect(db.name).toBe(DB_NAME);
		expect(db.verno).toBe(1);
		expect(db.tables.map((t) => t.name)).toEqual(['settings']);
	});

	it('reads the default theme before anything is stored', async () => {
		db = new MixDatabase('t-default');
		expect(await readSetting(db, 'theme')).toBe(defaultSettings.theme);
		expect(defaultSettings.theme).toBe('system');
	});

	it.each(['dark', 'light', 'system'] as const)(
		'round-trips the theme %s across connections',
		async (theme) => {
			db = new MixDatabase(`t-${theme}`);
			await writeSetting(db, 'theme', theme);
			db.close();
			const reopened = new MixDatabase(`t-${theme}`);
			expect(await readSetting(reopened, 'theme')).toBe(theme);
			db = reopened;
		}
	);

	it('treats a corrupt stored value as the default instead of failing', async () => {
		db = new MixDatabase('t-corrupt');
		await db.settings.put({ key: 'theme', value: { evil: true } });
		expect(await readSetting(db, 'theme')).toBe('system');
	});

	it('refuses to store an invalid value', async () => {
		db = new MixDatabase('t-invalid');
		await expect(writeSetting(db, 'theme', 'purple' as never)).rejects.toThrow(/theme/);
		expect(await db.settings.count()).toBe(0);
	});
});
