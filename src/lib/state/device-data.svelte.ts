/**
 * What Settings does with the data on this device, as runes state: whether the browser keeps it
 * (storage persistence), backups (export to a file, import by merge or replace) and deleting
 * everything. Each action says what happened in `status`, or why nothing changed in `error`.
 */
import {
	backupFileName,
	exportBackup,
	importBackup,
	parseBackup,
	resetAll,
	serializeBackup,
	type Backup,
	type ImportMode
} from '../db/backup';
import { getDatabase } from '../db/database';
import { noteBackupExported } from './backup-reminder';
import { downloadFile } from './download';
import { describeStorageError, settings } from './settings.svelte';
import { formatBytes } from '../format/format';
import { readStorageState, requestPersistence, type StorageState } from './storage';

export type { ImportMode };

/** A backup file read and checked, waiting for the learner to choose how to import it. */
export interface PendingImport {
	backup: Backup;
	name: string;
	/** What it holds, in words ("1,234 answers, 56 sessions and 3 lessons"). */
	counts: string;
}

export class DeviceDataState {
	/** Persistence and usage, once read. */
	storage = $state<StorageState | null>(null);
	/** An action is running: the buttons wait. */
	busy = $state(false);
	/** What the last action did. */
	status = $state('');
	/** Why the last action changed nothing. */
	error = $state('');
	/** A checked backup waiting for "Import". */
	pending = $state.raw<PendingImport | null>(null);
	/** How `pending` will be imported. */
	mode = $state<ImportMode>('merge');

	/** Reads persistence and usage again. */
	async refreshStorage(): Promise<void> {
		this.storage = await readStorageState();
	}

	/** Asks the browser to keep this app's data. */
	async keepData(): Promise<void> {
		const granted = await requestPersistence();
		await this.refreshStorage();
		if (granted) this.#say('Your browser will keep this app’s data.');
		else
			this.#fail(
				'Your browser did not agree to keep the data for now. Installing the app usually helps.'
			);
	}

	/** Writes everything to a backup file and offers it as a download. */
	async exportNow(): Promise<void> {
		await this.#run(async () => {
			const started = performance.now();
			try {
				// A moment in time for the file's name and contents, not UI state.
				// eslint-disable-next-line svelte/prefer-svelte-reactivity
				const now = new Date();
				const backup = await exportBackup(getDatabase(), now);
				const text = serializeBackup(backup);
				const name = backupFileName(now);
				downloadFile(new Blob([text], { type: 'application/json' }), name);
				noteBackupExported(now);
				performance.measure('mftm:export', { start: started });
				this.#say(
					`Saved ${name}: ${backup.data.attempts.length.toLocaleString('en')} answers, ${backup.data.sessions.length.toLocaleString('en')} sessions, ${formatBytes(text.length)}.`
				);
			} catch (e) {
				this.#fail(`The backup could not be made: ${describeStorageError(e)}`);
			}
		});
	}

	/** Reads and checks a backup file; a good one waits in `pending`, a bad one changes nothing. */
	async choose(file: File): Promise<void> {
		this.pending = null;
		await this.#run(async () => {
			try {
				const result = parseBackup(await file.text());
				if (!result.ok) {
					this.#fail(`${file.name}: ${result.message} Nothing was changed.`);
					return;
				}
				const { attempts, sessions, lessons } = result.counts;
				this.pending = {
					backup: result.backup,
					name: file.name,
					counts: `${attempts.toLocaleString('en')} answers, ${sessions.toLocaleString('en')} sessions and ${lessons} lessons`
				};
				this.#say('');
			} catch {
				this.#fail(`${file.name} could not be read. Nothing was changed.`);
			}
		});
	}

	/** Imports the pending backup in the chosen mode (one transaction: all or nothing). */
	async importNow(): Promise<void> {
		const pending = this.pending;
		if (!pending) return;
		await this.#run(async () => {
			const started = performance.now();
			try {
				await importBackup(getDatabase(), { backup: pending.backup, mode: this.mode });
				performance.measure('mftm:import', { start: started });
				await settings.reload();
				this.#say(
					this.mode === 'replace'
						? `Restored ${pending.counts} from ${pending.name}.`
						: `Merged ${pending.counts} from ${pending.name} with this device’s progress.`
				);
				this.pending = null;
				await this.refreshStorage();
			} catch (e) {
				this.#fail(
					`The backup could not be imported, so nothing was changed. ${describeStorageError(e)}`
				);
			}
		});
	}

	/** Forgets the pending backup. */
	cancelImport(): void {
		this.pending = null;
	}

	/** Deletes all progress and settings on this device; resolves true when it did. */
	async resetAll(): Promise<boolean> {
		let done = false;
		await this.#run(async () => {
			try {
				await resetAll(getDatabase());
				await settings.reload();
				done = true;
				this.#say('All progress and settings on this device were deleted.');
				await this.refreshStorage();
			} catch (e) {
				this.#fail(`Nothing was deleted: ${describeStorageError(e)}`);
			}
		});
		return done;
	}

	async #run(action: () => Promise<void>): Promise<void> {
		this.busy = true;
		try {
			await action();
		} finally {
			this.busy = false;
		}
	}

	#say(message: string) {
		this.error = '';
		this.status = message;
	}

	#fail(message: string) {
		this.status = '';
		this.error = message;
	}
}
