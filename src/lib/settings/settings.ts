/**
 * The learner's settings: what each may hold, its default, and the `drillSource` values that name a
 * saved track. Pure, so the repository (db/settings-repo.ts), backups, state and pages share one
 * definition; a stored value that fails its validator reads as the default.
 */
import { DEFAULT_GOAL, parseGoal, type DailyGoal } from '../progress/streak';

export type ThemePreference = 'system' | 'dark' | 'light';

export interface Settings {
	theme: ThemePreference;
	/** Questions per drill session. */
	sessionLength: number;
	/** Loudness-match drill versions (on unless a lesson demonstrates loudness bias). */
	loudnessMatch: boolean;
	/** Playback volume, 0–100. */
	volume: number;
	/**
	 * The music for drills: a style, 'pink-noise', 'any' for a random style per question, or
	 * `track:<id>` for a track the learner saved (see db/tracks-repo.ts).
	 */
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

/** The prefix of a `drillSource` that names a saved track. */
export const TRACK_SOURCE_PREFIX = 'track:';
/** Saved-track ids are UUIDs; anything else after the prefix is not ours. */
const TRACK_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The `drillSource` value that picks a saved track.
 * @example trackSource('3f2a…') // 'track:3f2a…'
 */
export function trackSource(id: string): string {
	return `${TRACK_SOURCE_PREFIX}${id}`;
}

/**
 * The saved track's id a `drillSource` value names, or null when it names something else.
 * @example trackIdOfSource('track:3f2a…') // '3f2a…'; trackIdOfSource('pop-rock') // null
 */
export function trackIdOfSource(value: string): string | null {
	if (!value.startsWith(TRACK_SOURCE_PREFIX)) return null;
	const id = value.slice(TRACK_SOURCE_PREFIX.length);
	return TRACK_ID.test(id) ? id : null;
}

export const defaultSettings: Settings = {
	theme: 'system',
	sessionLength: 10,
	loudnessMatch: true,
	volume: 80,
	drillSource: 'any',
	dailyGoal: DEFAULT_GOAL
};

export const validators: { [K in keyof Settings]: (value: unknown) => value is Settings[K] } = {
	theme: (value): value is ThemePreference =>
		value === 'system' || value === 'dark' || value === 'light',
	sessionLength: (value): value is number => SESSION_LENGTHS.includes(value as 10),
	loudnessMatch: (value): value is boolean => typeof value === 'boolean',
	volume: (value): value is number =>
		typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100,
	drillSource: (value): value is string =>
		DRILL_SOURCES.includes(value as 'any') ||
		(typeof value === 'string' && trackIdOfSource(value) !== null),
	dailyGoal: (value): value is DailyGoal => parseGoal(value) !== null
};
