/** Typed, validated access to the `settings` table. A corrupt or unknown value reads as the default. */
import { defaultSettings, validators, type Settings } from '../settings/settings';
import type { MixDatabase } from './database';

/** Reads one setting; missing or invalid stored values give the default. */
export async function readSetting<K extends keyof Settings>(
	db: MixDatabase,
	key: K
): Promise<Settings[K]> {
	const row = await db.settings.get(key);
	return row && validators[key](row.value) ? row.value : defaultSettings[key];
}

/** Stores one setting after checking its value. */
export async function writeSetting<K extends keyof Settings>(
	db: MixDatabase,
	{ key, value }: { key: K; value: Settings[K] }
): Promise<void> {
	if (!validators[key](value)) throw new TypeError(`Invalid value for setting "${key}"`);
	await db.settings.put({ key, value });
}
