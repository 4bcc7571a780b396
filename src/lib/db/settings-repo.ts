/** Typed, validated access to the `settings` table. A corrupt or unknown value reads as the default. */
import { DEFAULT_GOAL, parseGoal, type DailyGoal } from '../progress/streak';
import type { MixDatabase } from './database';

export type ThemePreference = 'system' | 'dark' | 'light';

export interface Settings {
	theme: ThemePreference;
	/** Questions per drill session. */
	sessionLength: number;
	/** Loudness-match drill versions (on unless a lesson demonstrates loudness bias). */
	loudnessMatch: boolean;
	/** Playback volume, 0–100. */
	volume: number;
	/** The arrangement style for drills, or 'any' for a random style per question. */
	drillSource: string;
	/** What makes a day count toward the streak. */
	dailyGoal: DailyGoal;
}

export const SESSION_LENGTHS = [5, 10, 20] as const;
export const DRILL_SOURCES = [
	'any',
	'pop-rock',
	'electronic',
	'hip-hop',
	'ballad',
	'pink-noise'
] as const;

export const defaultSettings: Settings = {
	theme: 'system',
	sessionLength: 10,
	loudnessMatch: true,
	volume: 80,
	drillSource: 'any',
	dailyGoal: DEFAULT_GOAL
};

const validators: { [K in keyof Settings]: (value: unknown) => value is Settings[K] } = {
	theme: (value): value is ThemePreference =>
		value === 'system' || value === 'dark' || value === 'light',
	sessionLength: (value): value is number => SESSION_LENGTHS.includes(value as 10),
	loudnessMatch: (value): value is boolean => typeof value === 'boolean',
	volume: (value): value is number =>
		typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100,
	drillSource: (value): value is string => DRILL_SOURCES.includes(value as 'any'),
	dailyGoal: (value): value is DailyGoal => parseGoal(value) !== null
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
