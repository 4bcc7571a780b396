/**
 * The learner's settings as runes state, stored in Dexie. The theme is also mirrored in localStorage,
 * so app.html paints the right theme before Dexie has opened. The mirror is written synchronously
 * before each Dexie write of the theme, so when the two disagree the Dexie write was lost (the page
 * closed before it committed) and the mirror is the newer choice. Without a mirror (cleared, or a
 * private mode that refuses localStorage) Dexie decides.
 *
 * Every page's layout loads the settings, so they are read without Dexie (db/peek.ts), and Dexie
 * loads with the first write: a visit to `/` that changes nothing never downloads it.
 */
import { peekSettings, writeSetting } from '../db/settings-repo';
import { isQuotaError } from '../db/storage-errors';
import { defaultSettings, type Settings, type ThemePreference } from '../settings/settings';
import { themeColors } from '../app-manifest';
import { currentDay } from '../progress/days';
import type { DailyGoal } from '../progress/streak';

const MIRROR_KEY = 'mftm-theme';

class SettingsState {
	theme = $state<ThemePreference>('system');
	sessionLength = $state(defaultSettings.sessionLength);
	loudnessMatch = $state(defaultSettings.loudnessMatch);
	volume = $state(defaultSettings.volume);
	drillSource = $state(defaultSettings.drillSource);
	dailyGoal = $state.raw<DailyGoal>(defaultSettings.dailyGoal);
	/** Set when on-device storage failed; Settings shows it so nobody believes a choice was saved. */
	storageError = $state<string | null>(null);
	#loading: Promise<void> | undefined;
	/** Settings the learner changed on this page (a late first read must not undo them). */
	#changed = new Set<keyof Settings>();

	/** Loads stored settings once per page; safe to call from every component that needs them. */
	load(): Promise<void> {
		this.#loading ??= this.#load();
		return this.#loading;
	}

	/** Reads every setting again (after an import or a reset). */
	reload(): Promise<void> {
		this.#changed.clear();
		// The stored settings were just replaced (import, reset): they are newer than the mirror.
		this.#loading = this.#load(true);
		return this.#loading;
	}

	async #load(storedIsNewer = false) {
		const mirror = storedIsNewer ? null : readMirror();
		this.theme = mirror ?? 'system';
		Object.assign(this, { ...defaultSettings, theme: this.theme });
		try {
			const stored: Partial<Settings> = await peekSettings();
			// A choice made while the stored ones were being read is newer: keep it.
			for (const key of this.#changed) delete stored[key];
			const lostTheme = mirror !== null && 'theme' in stored && stored.theme !== mirror;
			if (lostTheme) delete stored.theme;
			Object.assign(this, stored);
			this.storageError = null;
			// The last theme write never reached Dexie: keep the choice and store it again, before
			// `load` resolves (Dexie loads for it), so it never lands after a newer write.
			if (lostTheme) await this.#store('theme', mirror);
		} catch (error) {
			this.storageError = describeStorageError(error);
		}
		applyTheme(this.theme);
	}

	/** Applies a theme now and stores it on the device. */
	async setTheme(theme: ThemePreference): Promise<void> {
		this.theme = theme;
		applyTheme(theme);
		await this.#store('theme', theme);
	}

	/** Changes the daily goal; today is judged again under it (earlier days keep their verdict). */
	async setGoal(goal: DailyGoal): Promise<void> {
		this.dailyGoal = goal;
		await this.#store('dailyGoal', goal);
		try {
			// Loaded on demand: the Today page, which loads this module, never changes the goal.
			const [{ rejudgeToday }, { getDatabase }] = await Promise.all([
				import('../db/attempts-repo'),
				import('../db/database')
			]);
			await rejudgeToday(getDatabase(), currentDay());
		} catch (error) {
			this.storageError = describeStorageError(error);
		}
	}

	/** Changes and stores one of the other settings. */
	async set<K extends Exclude<keyof Settings, 'theme' | 'dailyGoal'>>(
		key: K,
		value: Settings[K]
	): Promise<void> {
		(this as unknown as Settings)[key] = value;
		await this.#store(key, value);
	}

	async #store<K extends keyof Settings>(key: K, value: Settings[K]) {
		this.#changed.add(key);
		try {
			const { getDatabase } = await import('../db/database');
			await writeSetting(getDatabase(), { key, value });
			this.storageError = null;
		} catch (error) {
			this.storageError = describeStorageError(error);
		}
	}
}

function readMirror(): ThemePreference | null {
	try {
		const value = localStorage.getItem(MIRROR_KEY);
		return value === 'dark' || value === 'light' || value === 'system' ? value : null;
	} catch {
		return null;
	}
}

function applyTheme(theme: ThemePreference) {
	const root = document.documentElement;
	if (theme === 'system') delete root.dataset.theme;
	else root.dataset.theme = theme;
	try {
		// 'system' too, so a lost switch back to it is not undone by an older stored choice.
		localStorage.setItem(MIRROR_KEY, theme);
	} catch {
		// Private modes may refuse localStorage; Dexie still holds the choice.
	}
	const resolved =
		theme === 'system'
			? matchMedia('(prefers-color-scheme: light)').matches
				? 'light'
				: 'dark'
			: theme;
	document
		.querySelector('meta[name="theme-color"]')
		?.setAttribute('content', themeColors[resolved]);
}

/**
 * What the learner is told when storage fails: what was not saved (`unsaved`, 'your progress' unless
 * named), and, for a full disk (also when Dexie wraps it), that what was saved before is safe and
 * what to do.
 */
export function describeStorageError(error: unknown, unsaved = 'your progress'): string {
	if (isQuotaError(error)) {
		return `This device is out of storage space, so ${unsaved} could not be saved. Everything saved before is safe. Free some space on the device, and export a backup in Settings to keep a copy.`;
	}
	return 'This browser blocked on-device storage (private mode?), so progress will not be kept after you close the app.';
}

export const settings = new SettingsState();
