/** Typed, validated access to the `settings` table. A corrupt or unknown value reads as the default. */
import { defaultSettings, validators, type Settings } from '../settings/settings';
import type { MixDatabase, SettingRow } from './database';
import { peek } from './peek';

/** A stored row's value when it is valid for `key`, else the default. */
export function settingFrom<K extends keyof Settings>(
	key: K,
	row: SettingRow | undefined
): Settings[K] {
	return row && validators[key](row.value) ? row.value : defaultSettings[key];
}

/** Reads one setting; missing or invalid stored values give the default. */
export async function readSetting<K extends keyof Settings>(
	db: MixDatabase,
	key: K
): Promise<Settings[K]> {
	return settingFrom(key, await db.settings.get(key));
}

/**
 * Reads every setting without Dexie (peek.ts), for the root layout of every page; missing or invalid
 * stored values give the default.
 */
export function peekSettings(): Promise<Settings> {
	return peek({
		stores: ['settings'],
		read: async (snapshot) => {
			const rows = new Map((await snapshot.getAll('settings')).map((row) => [row.key, row]));
			const keys = Object.keys(defaultSettings) as (keyof Settings)[];
			return Object.fromEntries(
				keys.map((key) => [key, settingFrom(key, rows.get(key))])
			) as unknown as Settings;
		}
	});
}

/** Stores one setting after checking its value. */
export async function writeSetting<K extends keyof Settings>(
	db: MixDatabase,
	{ key, value }: { key: K; value: Settings[K] }
): Promise<void> {
	if (!validators[key](value)) throw new TypeError(`Invalid value for setting "${key}"`);
	await db.settings.put({ key, value });
}
