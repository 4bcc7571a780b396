/** Typed, validated access to the `settings` table. A corrupt or unknown value reads as the default. */
import type { MixDatabase } from './database';

export type ThemePreference = 'system' | 'dark' | 'light';

export interface Settings {
	theme: ThemePreference;
}

export const defaultSettings: Settings = { theme: 'system' };

const validators: { [K in keyof Settings]: (value: unknown) => value is Settings[K] } = {
	theme: (value): value is ThemePreference =>
		value === 'system' || value === 'dark' || value === 'light'
};

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
	key: K,
	value: Settings[K]
): Promise<void> {
	if (!validators[key](value)) throw new TypeError(`Invalid value for setting "${key}"`);
	await db.settings.put({ key, value });
}
