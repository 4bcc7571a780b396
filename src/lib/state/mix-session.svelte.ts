/**
 * One Mix Lab session as runes state: a project rendered in the mix worker, the learner's settings,
 * the versions playing in sync through the A/B player (rough, your mix, the target), re-mixed on every
 * change (the newest settings win: a change made while a re-mix runs is sent when it returns), and
 * the checks run this session. The session is saved as the learner works; a save never overwrites
 * another tab's newer copy (each save names the revision it read: see saveMixSession), and a tab that
 * falls behind is told at once (a BroadcastChannel message) and offered the other tab's copy.
 */
import { MixClient } from '../audio/mix-client';
import type {
	ExportKind,
	Listening,
	MasterReadings,
	MixVersion,
	ProjectInfo
} from '../audio/mix-protocol';
import { downloadFile } from './download';
import { DEFAULT_MASTER } from '../mix/master-defaults';
import type { StyleId } from '../dsp/synth/styles';
import type { CheckResult, MasterFix } from '../mix/check';
import type { ListenThrough } from '../mix/listen';
import { projectHints, type ProjectHints } from '../mix/hints';
import { stemNamesOf } from '../mix/stem-names';
import type { MasterSettings, MixSettings, StemId, StemSettings } from '../mix/types';
import { AbPlayer, setMonoListening, warmUpAudio, type AbState } from '../player/ab-player';
import { getDatabase } from '../db/database';
import {
	latestMixSession,
	MixSessionConflictError,
	readMixSession,
	saveMixSession
} from '../db/mix-sessions-repo';
import { keepOpening, keptOpening, type KeptOpening } from '../db/mix-openings';
import { version } from '$app/environment';
import { summarizeCheck, type MixSessionRow } from '../mix/session-record';
import { currentDay } from '../progress/days';
import { repeatsPrevious } from '../progress/mix-checks';
import { describeStorageError } from './settings.svelte';

/** Changes are written this long after the last one (a drag writes once, not per step), ms. */
const SAVE_DELAY_MS = 400;
/** Where a tab announces each saved revision of a session to the app's other tabs. */
const SAVES_CHANNEL = 'mftm-mix-session-saves';

export type MixStatus = 'idle' | 'rendering' | 'ready' | 'error';

/** The versions, in the player's order. */
export const mixVersions = [
	{ id: 'rough', label: 'Rough', name: 'Rough mix' },
	{ id: 'yours', label: 'Mix', name: 'Your mix' },
	{ id: 'master', label: 'Master', name: 'Your master' },
	{ id: 'target', label: 'Target', name: 'Target mix' },
	{ id: 'fix', label: 'Fix', name: 'Fixed in the master' }
] as const;
export type MixVersionId = (typeof mixVersions)[number]['id'];
const YOURS = 1;
const MASTER = 2;
const TARGET = 3;
const FIX = 4;

/** What a project needs to be playable before its stems are rendered. */
interface Opening {
	project: ProjectInfo;
	rough: MixVersion;
}

/** A kept opening read back, when it has the shape this build stores. */
function openingOf(kept: KeptOpening | null): Opening | null {
	const info = kept?.info as Partial<{ project: ProjectInfo; rough: Omit<MixVersion, 'wav'> }>;
	if (!kept || !Array.isArray(info?.project?.stems) || !info.rough) return null;
	return { project: info.project, rough: { ...info.rough, wav: kept.wav } };
}

/** One check of this session: when, and what it found. */
export interface CheckEntry {
	at: number;
	result: CheckResult;
	/** The same mix and master as the check before it: it does not count toward the goal again. */
	repeat: boolean;
}

export class MixSessionState {
	status = $state<MixStatus>('idle');
	/** Render progress, 0 … 1. */
	progress = $state(0);
	error = $state<string | null>(null);
	project = $state<ProjectInfo | null>(null);
	/** The project being opened (shown while its stems render). */
	opening = $state<{ style: StyleId; seed: number; level: number } | null>(null);
	settings = $state<MixSettings | null>(null);
	selected = $state<StemId>('kick');
	/** The version the learner hears. */
	active = $state<MixVersionId>('yours');
	playerState = $state<AbState>('loading');
	/** Loudness-matched playback (the default). */
	matched = $state(true);
	mono = $state(false);
	/** Where every version is heard: as is, through a playback system or a streaming service. */
	through = $state<ListenThrough>('as-is');
	/** What the system or service did to each version, in a sentence (null as is). */
	notes = $state<Partial<Record<MixVersionId, string | null>>>({});
	/** The check's master move being heard as the "Fix" version, if any. */
	fixHeard = $state<MasterFix | null>(null);
	/** A master move is being rendered to hear. */
	fixing = $state(false);
	/** The target mix may be heard (after a check, or when asked for). */
	targetUnlocked = $state(false);
	/** Peak level of each stem in the mix heard last, dBFS (null: silent). */
	stemPeaks = $state<Partial<Record<StemId, number | null>>>({});
	/** A re-mix is on its way. */
	mixing = $state(false);
	/** Milliseconds from the last change to the new mix being swapped in. */
	lastMixMs = $state<number | null>(null);
	/** Of those, the worker's re-mix (mix, meters, WAV encode). */
	lastWorkerMs = $state<number | null>(null);
	checking = $state(false);
	checks = $state<CheckEntry[]>([]);
	/** The learner's master chain (the quick master's settings to start with). */
	masterSettings = $state<MasterSettings>(structuredClone(DEFAULT_MASTER));
	/** What the last master measured; null before the first. */
	masterReadings = $state<MasterReadings | null>(null);
	mastering = $state(false);
	/** The file being made for download, if any. */
	exporting = $state<ExportKind | null>(null);
	/** The master was made from an earlier mix or chain: master again to hear the current one. */
	masterStale = $state(false);

	readonly #client = new MixClient();
	#player: AbPlayer | undefined;
	/** Settings changed since the last re-mix was sent. */
	#dirty = false;
	#inFlight = false;
	#changedAt = 0;
	#disposed = false;
	/** The stored record of this session (written as the learner works). */
	#record: MixSessionRow | undefined;
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
	/** Saves run one after another, so each names the revision the one before it wrote. */
	#saving: Promise<void> = Promise.resolve();
	#channel: BroadcastChannel | undefined;
	/** Why the latest changes are not stored (a full disk, blocked storage); null once they are. */
	saveError = $state<string | null>(null);
	/**
	 * Another tab saved this session after this tab read it: this tab saves nothing more (it would
	 * overwrite that work) until the learner reloads the session.
	 */
	conflict = $state(false);
	/** Checks of this session stored before a reload (their full results are not kept). */
	earlierChecks = $state(0);
	/** This project was reopened from storage as the learner left it. */
	resumed = $state(false);

	get hints(): ProjectHints | null {
		const project = this.project;
		return project ? projectHints(project, stemNamesOf(project.style)) : null;
	}

	get latestCheck(): CheckResult | null {
		return this.checks.at(-1)?.result ?? null;
	}

	/**
	 * Starts the workers (the stems workers loading their bank) before a project is picked: as the
	 * page opens, and as the learner looks for another project.
	 */
	prepare() {
		this.#client.prestart();
	}

	/** Opens the session the learner changed last, as they left it; false when there is none. */
	async resume(): Promise<boolean> {
		let row: MixSessionRow | undefined;
		try {
			row = await latestMixSession(getDatabase());
		} catch {
			return false; // no storage (private mode): start fresh
		}
		if (!row || this.#disposed) return false;
		await this.open({ style: row.style, seed: row.seed, level: row.level, resume: row });
		return true;
	}

	/**
	 * Renders project `style`/`seed`/`level` and starts the learner on its rough mix, or, resuming a
	 * stored session, on the settings they left it with.
	 */
	async open({
		style,
		seed,
		level,
		resume
	}: {
		style: StyleId;
		seed: number;
		level: number;
		resume?: MixSessionRow;
	}) {
		this.#flush();
		this.#player?.unload();
		this.#player = undefined;
		this.status = 'rendering';
		this.opening = { style, seed, level };
		this.progress = 0;
		this.error = null;
		this.checks = [];
		this.targetUnlocked = false;
		this.masterReadings = null;
		this.masterStale = false;
		this.matched = true; // a project opens loudness-matched, as it is
		this.through = 'as-is';
		this.notes = {};
		this.fixHeard = null;
		this.active = 'yours';
		try {
			const opening = this.#client.open({ style, seed, level }, (fraction) => {
				this.progress = fraction;
			});
			// The audio context is made while the worker renders.
			warmUpAudio();
			// A project opened before plays its kept rough mix while its stems render (changes wait
			// in the client behind the open).
			const kept = openingOf(
				await keptOpening({ build: version, project: { style, seed, level } })
			);
			if (this.#disposed) return;
			const player = await this.#begin({ opened: kept ?? (await opening), resume });
			if (!player) return;
			const opened = await opening;
			if (this.#disposed || player !== this.#player) return;
			if (!kept) {
				const { wav, ...rough } = opened.rough;
				void keepOpening({
					build: version,
					project: { style, seed, level },
					opening: { info: { project: opened.project, rough }, wav }
				});
			}
			// The target next (its button is locked until a check, or until asked for).
			void this.#client
				.target(this.listening)
				.then(({ version }) => (player === this.#player ? this.#swap(TARGET, version) : undefined))
				.catch((error) => this.#fail(error));
		} catch (error) {
			if (this.#disposed) return;
			this.status = 'error';
			this.#fail(error);
		}
	}

	/** Starts the session on an opened project: its settings, its record and the player. */
	async #begin({
		opened,
		resume
	}: {
		opened: Opening;
		resume?: MixSessionRow;
	}): Promise<AbPlayer | undefined> {
		if (this.#disposed) return undefined;
		const { project } = opened;
		this.project = project;
		this.settings = structuredClone(resume?.settings ?? project.rough);
		this.masterSettings = structuredClone(resume?.master ?? DEFAULT_MASTER);
		this.earlierChecks = resume?.checks.length ?? 0;
		this.resumed = resume !== undefined;
		if (this.earlierChecks > 0) this.targetUnlocked = true;
		this.conflict = false;
		this.saveError = null;
		this.#listen();
		const now = Date.now();
		this.#record = resume ?? {
			id: crypto.randomUUID(),
			style: project.style,
			seed: project.seed,
			level: project.level,
			startedAt: now,
			updatedAt: now,
			day: currentDay(),
			settings: project.rough,
			master: DEFAULT_MASTER,
			checks: []
		};
		if (!resume) void this.#save();
		this.selected = project.stems[0].id;
		this.stemPeaks = opened.rough.stemPeaks;
		const rough = new Uint8Array(opened.rough.wav);
		const player = new AbPlayer({
			// Your mix starts as the rough mix.
			// Your master too, until the learner masters it (its button waits for that).
			// The target and the master fix too, until they arrive.
			versions: [rough, rough, rough, rough, rough],
			active: YOURS,
			onState: (state, message) => {
				if (player !== this.#player) return;
				this.playerState = state;
				if (state === 'error' && message) this.error = message;
			}
		});
		this.#player = player;
		await player.ready;
		this.progress = 1;
		this.status = 'ready';
		// A resumed mix is heard as it was left.
		if (resume) this.changed({ save: false });
		return player;
	}

	/** The selected stem's strip. */
	get strip(): StemSettings | null {
		return this.settings?.stems[this.selected] ?? null;
	}

	/** Changes one control of a stem's strip and re-mixes. */
	setStrip<K extends keyof StemSettings>({
		id,
		key,
		value
	}: {
		id: StemId;
		key: K;
		value: StemSettings[K];
	}) {
		if (!this.settings) return;
		this.settings.stems[id][key] = value;
		this.changed();
	}

	/** Changes the mix bus and re-mixes. */
	setBus(key: 'tiltDb' | 'squashDb', value: number) {
		if (!this.settings) return;
		this.settings.bus[key] = value;
		this.changed();
	}

	/** Sends the newest settings to the worker, or marks them to send when the re-mix in flight returns. */
	changed({ save = true }: { save?: boolean } = {}) {
		if (this.masterReadings) this.masterStale = true;
		if (save) this.#saveSoon();
		this.#changedAt = performance.now();
		this.#dirty = true;
		if (!this.#inFlight) void this.#remix();
	}

	async #remix() {
		if (!this.settings) return;
		this.#inFlight = true;
		this.mixing = true;
		try {
			while (this.#dirty && !this.#disposed) {
				this.#dirty = false;
				const changedAt = this.#changedAt;
				const { version, ms } = await this.#client.mix(this.settings, this.listening);
				this.lastWorkerMs = ms;
				await this.#swap(YOURS, version);
				this.stemPeaks = version.stemPeaks;
				this.lastMixMs = performance.now() - changedAt;
			}
		} catch (error) {
			this.#fail(error);
		} finally {
			this.#inFlight = false;
			this.mixing = false;
		}
	}

	async #swap(index: number, version: MixVersion) {
		this.notes[mixVersions[index].id] = version.note;
		await this.#player?.replace(index, new Uint8Array(version.wav));
	}

	/** How versions are heard now. */
	get listening(): Listening {
		return { matched: this.matched, through: this.through };
	}

	/** Changes the master chain (heard once the learner masters again). */
	setMaster(change: Partial<MasterSettings>) {
		this.masterSettings = { ...this.masterSettings, ...change };
		if (this.masterReadings) this.masterStale = true;
		this.#saveSoon();
	}

	#saveSoon() {
		clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(() => void this.#save(), SAVE_DELAY_MS);
	}

	/** Writes a pending save now (before another project replaces this one, or the page closes). */
	#flush() {
		if (this.#saveTimer === undefined) return;
		clearTimeout(this.#saveTimer);
		this.#saveTimer = undefined;
		void this.#save();
	}

	/**
	 * Stores the session as it is now, after the saves before it. A failure is shown and nothing on
	 * screen is lost: the next save (a change, or Try again) writes it all.
	 */
	#save(): Promise<void> {
		this.#saveTimer = undefined;
		const record = this.#record;
		if (!record || !this.settings) return this.#saving;
		record.settings = $state.snapshot(this.settings);
		record.master = $state.snapshot(this.masterSettings);
		record.updatedAt = Date.now();
		record.day = currentDay();
		this.#saving = this.#saving.then(() => this.#write(record));
		return this.#saving;
	}

	async #write(record: MixSessionRow) {
		// Behind another tab: writing would overwrite its newer work.
		if (this.conflict && record === this.#record) return;
		try {
			record.revision = await saveMixSession(getDatabase(), record);
			if (record === this.#record) this.saveError = null;
			this.#channel?.postMessage({ id: record.id, revision: record.revision });
		} catch (error) {
			if (this.#disposed) return;
			if (!(error instanceof MixSessionConflictError)) {
				this.saveError = describeStorageError(error, 'your latest mix changes');
			} else if (record === this.#record) this.conflict = true;
		}
	}

	/** Saves again now (after a failed save, once the learner has freed some space). */
	retrySave(): Promise<void> {
		clearTimeout(this.#saveTimer);
		return this.#save();
	}

	/** Hears of other tabs' saves: one that saved this session past this tab's revision wins. */
	#listen() {
		if (this.#channel || typeof BroadcastChannel === 'undefined') return;
		this.#channel = new BroadcastChannel(SAVES_CHANNEL);
		this.#channel.onmessage = ({ data }: MessageEvent<{ id: string; revision: number }>) => {
			const record = this.#record;
			if (record && data.id === record.id && data.revision > (record.revision ?? 0)) {
				this.conflict = true;
			}
		};
	}

	/**
	 * Opens the session again as it is stored (after another tab changed it), or afresh when another
	 * tab deleted it. This tab's unsaved changes give way.
	 */
	async reloadSession() {
		const project = this.project;
		const record = this.#record;
		if (!project || !record) return;
		let stored: MixSessionRow | undefined;
		try {
			stored = await readMixSession(getDatabase(), record.id);
		} catch (error) {
			this.saveError = describeStorageError(error, 'your latest mix changes');
			return;
		}
		const { style, seed, level } = project;
		await this.open({ style, seed, level, resume: stored });
	}

	/** Masters the current mix with the learner's chain and switches to hearing it. */
	async master() {
		if (!this.settings || this.mastering) return;
		this.mastering = true;
		this.error = null;
		try {
			const { version, readings } = await this.#client.master({
				settings: this.settings,
				master: this.masterSettings,
				listen: this.listening
			});
			await this.#swap(MASTER, version);
			if (this.#disposed) return;
			this.masterReadings = readings;
			this.masterStale = false;
			this.select('master');
		} catch (error) {
			this.#fail(error);
		} finally {
			this.mastering = false;
		}
	}

	/** Saves the stems (zip), the mix or its master to the device. */
	async export(what: ExportKind) {
		if (!this.settings || this.exporting) return;
		this.exporting = what;
		this.error = null;
		try {
			const file = await this.#client.export({
				what,
				settings: this.settings,
				master: this.masterSettings
			});
			if (!this.#disposed) downloadFile(new Blob([file.bytes], { type: file.type }), file.name);
		} catch (error) {
			this.#fail(error);
		} finally {
			this.exporting = null;
		}
	}

	/** Back to the rough mix's settings. */
	reset() {
		if (!this.project) return;
		this.settings = structuredClone(this.project.rough);
		this.changed();
	}

	/** "Will it survive the master?": runs the check on the current settings and keeps it. */
	async check() {
		if (!this.settings || this.checking) return;
		this.checking = true;
		this.error = null;
		try {
			// What is checked, as it was when the check was asked for.
			const checked = {
				settings: $state.snapshot(this.settings),
				master: $state.snapshot(this.masterSettings)
			};
			const { result } = await this.#client.check(checked.settings, checked.master);
			if (this.#disposed) return;
			const at = Date.now();
			const summary = this.project
				? summarizeCheck({
						result,
						problems: this.project.problems,
						at,
						day: currentDay(),
						settings: checked.settings,
						master: checked.master
					})
				: undefined;
			const repeat =
				summary !== undefined &&
				repeatsPrevious({ check: summary, previous: this.#record?.checks.at(-1) });
			this.checks = [...this.checks, { at, result, repeat }];
			this.targetUnlocked = true;
			if (this.#record && summary) {
				this.#record.checks = [...this.#record.checks, summary];
				clearTimeout(this.#saveTimer);
				// Storing a new check also counts it toward today's goal and streak (saveMixSession).
				await this.#save();
			}
		} catch (error) {
			this.#fail(error);
		} finally {
			this.checking = false;
		}
	}

	/** Lets the learner hear the target mix before a check (it gives the answer away). */
	unlockTarget() {
		this.targetUnlocked = true;
	}

	select(version: MixVersionId) {
		if (version === 'target' && !this.targetUnlocked) return;
		if (version === 'master' && !this.masterReadings) return;
		if (version === 'fix' && !this.fixHeard && !this.fixing) return;
		this.active = version;
		this.#player?.select(mixVersions.findIndex((v) => v.id === version));
	}

	toggle() {
		this.#player?.toggle();
	}

	setMono(on: boolean) {
		this.mono = on;
		setMonoListening(on);
	}

	/** Matched or as-is playback: every version is fetched again at its new gain. */
	async setMatched(on: boolean) {
		if (!this.settings || on === this.matched) return;
		this.matched = on;
		await this.#refetch();
	}

	/** Hears every version through a playback system or streaming service (or as it is). */
	async setThrough(through: ListenThrough) {
		if (!this.settings || through === this.through) return;
		this.through = through;
		await this.#refetch();
	}

	/** Every version made again for the way it is heard now, swapped in on the shared playhead. */
	async #refetch() {
		if (!this.settings || !this.project) return;
		const listen = this.listening;
		try {
			const [rough, yours, target] = await Promise.all([
				this.#client.mix(this.project.rough, listen),
				this.#client.mix(this.settings, listen),
				this.#client.target(listen)
			]);
			await Promise.all([
				this.#swap(0, rough.version),
				this.#swap(YOURS, yours.version),
				this.#swap(TARGET, target.version)
			]);
			if (this.masterReadings) {
				const master = await this.#client.master({
					settings: this.settings,
					master: this.masterSettings,
					listen
				});
				await this.#swap(MASTER, master.version);
				this.masterReadings = master.readings;
				this.masterStale = false;
			}
			if (this.fixHeard) await this.#renderFix(this.fixHeard);
		} catch (error) {
			this.#fail(error);
		}
	}

	/**
	 * "Fix it in the master instead", heard: the current mix with the check's master move on the
	 * whole mix, then mastered with the learner's chain, as the "Fix" version.
	 */
	async hearFix(fix: MasterFix) {
		if (!this.settings || this.fixing || fix.chain.length === 0) return;
		this.fixing = true;
		this.error = null;
		try {
			await this.#renderFix(fix);
			if (this.#disposed) return;
			this.fixHeard = fix;
			this.select('fix');
		} catch (error) {
			this.#fail(error);
		} finally {
			this.fixing = false;
		}
	}

	async #renderFix(fix: MasterFix) {
		if (!this.settings) return;
		const { version } = await this.#client.master({
			settings: this.settings,
			master: this.masterSettings,
			before: fix.chain,
			listen: this.listening
		});
		await this.#swap(FIX, version);
	}

	get playing(): boolean {
		return this.playerState === 'playing';
	}

	/** Shows what went wrong, unless the page has gone. */
	#fail(error: unknown) {
		if (!this.#disposed) this.error = error instanceof Error ? error.message : String(error);
	}

	dispose() {
		this.#flush();
		this.#disposed = true;
		// After the last save, which other tabs still hear of.
		const channel = this.#channel;
		void this.#saving.then(() => channel?.close());
		this.#player?.unload();
		if (this.mono) setMonoListening(false);
		this.#client.dispose();
	}
}
