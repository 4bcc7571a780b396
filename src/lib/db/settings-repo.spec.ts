import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, MixDatabase } from './database';
import { readSetting, writeSetting } from './settings-repo';
import { defaultSettings, trackIdOfSource, trackSource } from '../settings/settings';

let db: MixDatabase | undefined;

afterEach(async () => {
	await db?.delete();
	db = undefined;
});

describe('settings repository', () => {
	it('opens the database the app names, with its tables', async () => {
		db = new MixDatabase();
		await db.open();
		expect(db.name).toBe(DB_NAME);
		expect(db.tables.map((t) => t.name).sort()).toEqual([
			'attempts',
			'days',
			'drillStates',
			'kindDays',
			'lessons',
			'mixSessions',
			'reviews',
			'sessions',
			'settings',
			'tracks'
		]);
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
			await writeSetting(db, { key: 'theme', value: theme });
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
		await expect(writeSetting(db, { key: 'theme', value: 'purple' as never })).rejects.toThrow(
			/theme/
		);
		expect(await db.settings.count()).toBe(0);
	});
});

describe('drill settings', () => {
	it('default to 10 questions, matched loudness, volume 80 and any style', async () => {
		db = new MixDatabase('t-drill-defaults');
		expect(await readSetting(db, 'sessionLength')).toBe(10);
		expect(await readSetting(db, 'loudnessMatch')).toBe(true);
		expect(await readSetting(db, 'volume')).toBe(80);
		expect(await readSetting(db, 'drillSource')).toBe('any');
	});

	it.each([
		['sessionLength', 7],
		['loudnessMatch', 'yes'],
		['volume', 101],
		['drillSource', 'polka'],
		['drillSource', 'track:'],
		['drillSource', 'track:../../etc'],
		['drillSource', `track:${'a'.repeat(65)}`]
	] as const)('refuses %s = %j', async (key, value) => {
		db = new MixDatabase(`t-bad-${key}`);
		await expect(writeSetting(db, { key, value: value as never })).rejects.toThrow(key);
	});
});

describe('a saved track as the drill music', () => {
	const id = '3f2a9c1e-0b7d-4e5f-8a6b-1c2d3e4f5a6b';

	it('stores and reads back track:<id>', async () => {
		db = new MixDatabase('t-track-source');
		await writeSetting(db, { key: 'drillSource', value: trackSource(id) });
		expect(await readSetting(db, 'drillSource')).toBe(`track:${id}`);
	});

	it('reads a malformed stored track choice as the default', async () => {
		db = new MixDatabase('t-track-corrupt');
		await db.settings.put({ key: 'drillSource', value: 'track:<script>' });
		expect(await readSetting(db, 'drillSource')).toBe('any');
	});

	it.each([
		[`track:${id}`, id],
		['track:abc', 'abc'],
		['track:', null],
		['track:a b', null],
		['pop-rock', null],
		['any', null],
		['tracks:abc', null]
	])('trackIdOfSource(%j) is %j', (value, expected) => {
		expect(trackIdOfSource(value)).toBe(expected);
	});
});
