/**
 * One Mix Lab session as runes state: a project rendered in the mix worker, the learner's settings,
 * the versions playing in sync through the A/B player (rough, your mix, the target), re-mixed on every
 * change (the newest settings win: a change made while a re-mix runs is sent when it returns), and
 * the checks run this session.
 */
import { MixClient } from '../audio/mix-client';
import type { MixVersion, ProjectInfo } from '../audio/mix-protocol';
import type { StyleId } from '../dsp/synth/styles';
import type { CheckResult } from '../mix/check';
import { projectHints, type ProjectHints } from '../mix/hints';
import { stemNamesOf } from '../mix/stem-names';
import type { MixSettings, StemId, StemSettings } from '../mix/types';
import { AbPlayer, setMonoListening, type AbState } from '../player/ab-player';

export type MixStatus = 'idle' | 'rendering' | 'ready' | 'error';

/** The versions, in the player's order. */
export const mixVersions = [
	{ id: 'rough', label: 'Rough mix' },
	{ id: 'yours', label: 'Your mix' },
	{ id: 'target', label: 'Target mix' }
] as const;
export type MixVersionId = (typeof mixVersions)[number]['id'];
const YOURS = 1;
const TARGET = 2;

/** One check of this session: when, and what it found. */
export interface CheckEntry {
	at: number;
	result: CheckResult;
}

export class MixSession {
	status = $state<MixStatus>('idle');
	/** Render progress, 0 … 1. */
	progress = $state(0);
	error = $state<string | null>(null);
	project = $state<ProjectInfo | null>(null);
	settings = $state<MixSettings | null>(null);
	selected = $state<StemId>('kick');
	/** The version the learner hears. */
	active = $state<MixVersionId>('yours');
	playerState = $state<AbState>('loading');
	/** Loudness-matched playback (the default). */
	matched = $state(true);
	mono = $state(false);
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

	readonly #client = new MixClient();
	#player: AbPlayer | undefined;
	/** Settings changed since the last re-mix was sent. */
	#dirty = false;
	#inFlight = false;
	#changedAt = 0;
	#disposed = false;

	get hints(): ProjectHints | null {
		const project = this.project;
		return project ? projectHints(project, stemNamesOf(project.style)) : null;
	}

	get latestCheck(): CheckResult | null {
		return this.checks.at(-1)?.result ?? null;
	}

	/** Renders project `style`/`seed`/`level` and starts the learner on its rough mix. */
	async open({ style, seed, level }: { style: StyleId; seed: number; level: number }) {
		this.#player?.unload();
		this.#player = undefined;
		this.status = 'rendering';
		this.progress = 0;
		this.error = null;
		this.checks = [];
		this.targetUnlocked = false;
		this.active = 'yours';
		try {
			const opened = await this.#client.open({ style, seed, level }, (fraction) => {
				this.progress = fraction;
			});
			const target = await this.#client.target(this.matched);
			if (this.#disposed) return;
			this.project = opened.project;
			this.settings = structuredClone(opened.project.rough);
			this.selected = opened.project.stems[0].id;
			this.stemPeaks = opened.rough.stemPeaks;
			const rough = new Uint8Array(opened.rough.wav);
			const player = new AbPlayer({
				// Your mix starts as the rough mix.
				versions: [rough, rough.slice(), new Uint8Array(target.version.wav)],
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
		} catch (error) {
			if (this.#disposed) return;
			this.status = 'error';
			this.error = error instanceof Error ? error.message : String(error);
		}
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
	changed() {
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
				const { version, ms } = await this.#client.mix(this.settings, this.matched);
				this.lastWorkerMs = ms;
				await this.#swap(YOURS, version);
				this.stemPeaks = version.stemPeaks;
				this.lastMixMs = performance.now() - changedAt;
			}
		} catch (error) {
			if (!this.#disposed) this.error = error instanceof Error ? error.message : String(error);
		} finally {
			this.#inFlight = false;
			this.mixing = false;
		}
	}

	async #swap(index: number, version: MixVersion) {
		await this.#player?.replace(index, new Uint8Array(version.wav));
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
			const { result } = await this.#client.check(this.settings);
			if (this.#disposed) return;
			this.checks = [...this.checks, { at: Date.now(), result }];
			this.targetUnlocked = true;
		} catch (error) {
			if (!this.#disposed) this.error = error instanceof Error ? error.message : String(error);
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
		try {
			const [rough, yours, target] = await Promise.all([
				this.#client.mix(this.project!.rough, on),
				this.#client.mix(this.settings, on),
				this.#client.target(on)
			]);
			await Promise.all([
				this.#swap(0, rough.version),
				this.#swap(YOURS, yours.version),
				this.#swap(TARGET, target.version)
			]);
		} catch (error) {
			if (!this.#disposed) this.error = error instanceof Error ? error.message : String(error);
		}
	}

	get playing(): boolean {
		return this.playerState === 'playing';
	}

	dispose() {
		this.#disposed = true;
		this.#player?.unload();
		if (this.mono) setMonoListening(false);
		this.#client.dispose();
	}
}
