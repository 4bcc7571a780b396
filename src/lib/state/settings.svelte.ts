/**
 * The learner's settings as runes state. Dexie is the source of truth; a localStorage mirror of the
 * theme lets app.html paint the right theme before Dexie has opened.
 */
import { getDatabase } from '$lib/db/database';
import { readSetting, writeSetting, type ThemePreference } from '$lib/db/settings-repo';
import { themeColors } from '$lib/app-manifest';

const MIRROR_KEY = 'mftm-theme';

class SettingsState {
	theme = $state<ThemePreference>('system');
	/** Set when on-device storage failed; Settings shows it so nobody believes a choice was saved. */
	storageError = $state<string | null>(null);
	#loading: Promise<void> | undefined;

	/** Loads stored settings once per page; safe to call from every component that needs them. */
	load(): Promise<void> {
		this.#loading ??= this.#load();
		return this.#loading;
	}

	async #load() {
		this.theme = readMirror() ?? 'system';
		try {
			this.theme = await readSetting(getDatabase(), 'theme');
			this.storageError = null;
		} catch (error) {
			this.storageError = describeStorageError(error);
		}
		applyTheme(this.theme);
	}

	/** Applies a theme now and stores it on the device. */
	async setTheme(theme: ThemePreference): Promise<void> {
		this.theme = theme;
		applyTheme(theme);
		try {
			await writeSetting(getDatabase(), 'theme', theme);
			this.storageError = null;
		} catch (error) {
			this.storageError = describeStorageError(error);
		}
	}
}

function readMirror(): ThemePreference | null {
	try {
		const value = localStorage.getItem(MIRROR_KEY);
		return value === 'dark' || value === 'light' ? value : null;
	} catch {
		return null;
	}
}

function applyTheme(theme: ThemePreference) {
	const root = document.documentElement;
	if (theme === 'system') delete root.dataset.theme;
	else root.dataset.theme = theme;
	try {
		if (theme === 'system') localStorage.removeItem(MIRROR_KEY);
		else localStorage.setItem(MIRROR_KEY, theme);
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

function describeStorageError(error: unknown): string {
	const name = error instanceof Error ? error.name : '';
	if (name === 'QuotaExceededError')
		return 'This device is out of storage space, so settings could not be saved.';
	return 'This browser blocked on-device storage (private mode?), so settings will not be kept after you close the app.';
}

export const settings = new SettingsState();
