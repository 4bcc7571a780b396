/**
 * One lesson demo's audio as runes state: it asks the render worker for its versions (lazily, when
 * the demo comes near the screen or on the first Play), plays them through one synced A/B player,
 * and frees it when the demo goes away. Only one demo on a page plays at a time: starting one
 * pauses the one that was playing.
 */
import type { AbPlayer, AbState } from '../player/ab-player';

/** The player code (Howler) loads with the first demo that prepares, not with the lesson text. */
const playerModules = () =>
	Promise.all([import('../player/ab-player'), import('../player/clip-player')]);
let setVolume: ((volume: number) => void) | undefined;
import { settings } from './settings.svelte';

/** Where a demo is: nothing asked yet, rendering and decoding, or playable. */
export type DemoStatus = 'idle' | 'preparing' | 'ready' | 'playing' | 'paused' | 'error';

/** The demo that is playing now, if any (one per page). */
const now: { playing?: { pause(): void } } = {};

/** A demo's versions: WAV bytes to play plus whatever the demo shows about each. */
export class LessonAudioState<V extends { wav: ArrayBuffer }> {
	status = $state<DemoStatus>('idle');
	/** Index of the audible version. */
	active = $state(0);
	/** One sentence for role="alert" when something failed. */
	error = $state('');
	/** What the worker said about each version (its WAV bytes handed to the player). */
	versions = $state.raw<Omit<V, 'wav'>[]>([]);
	/** Rendering or decoding. */
	readonly busy = $derived(this.status === 'preparing');
	readonly isPlaying = $derived(this.status === 'playing');
	#load: () => Promise<V[]>;
	#player: AbPlayer | undefined;
	#preparing: Promise<void> | undefined;
	/** Bumped by every load and by dispose, so a late answer for an old request is dropped. */
	#generation = 0;
	/** Play as soon as the audio is ready (Play was pressed while it was being prepared). */
	#pendingPlay = $state(false);
	#disposed = false;
	#expected: number;

	constructor({
		load,
		count = 0
	}: {
		load: () => Promise<V[]>;
		/** How many versions `load` gives, so a version can be picked before they exist. */
		count?: number;
	}) {
		this.#load = load;
		this.#expected = count;
	}

	/** How many versions the demo switches between. */
	get count(): number {
		return this.versions.length || this.#expected;
	}

	/** True while Play was pressed and the audio is still being prepared. */
	get pending(): boolean {
		return this.status === 'preparing' && this.#pendingPlay;
	}

	/** Playing, or about to (Play was pressed while preparing): a Play button offers Pause. */
	get pausable(): boolean {
		return this.isPlaying || this.pending;
	}

	/** The player, for demos that shape the sound live (the EQ demo). */
	get player(): AbPlayer | undefined {
		return this.#player;
	}

	/** Renders and decodes the versions once; later calls wait for the same work. */
	prepare(): Promise<void> {
		this.#preparing ??= this.#build();
		return this.#preparing;
	}

	/**
	 * Loads a different set (the streaming demo's service picker) in place of the current one. The old
	 * set plays on until the new one is decoded; then the new one takes over at the same version.
	 */
	reload(load: () => Promise<V[]>): Promise<void> {
		this.#load = load;
		if (this.status === 'idle') return Promise.resolve();
		this.#pendingPlay = this.status === 'playing' || this.#pendingPlay;
		this.#preparing = this.#build();
		return this.#preparing;
	}

	async #build(): Promise<void> {
		const generation = ++this.#generation;
		const current = () => generation === this.#generation && !this.#disposed;
		let player: AbPlayer | undefined;
		// The player's own sentence for a failure while it decodes, shown instead of the rejection's.
		let playerMessage: string | undefined;
		this.status = 'preparing';
		this.error = '';
		try {
			const [{ AbPlayer }, { audioAvailable, setMasterVolume }] = await playerModules();
			setVolume = setMasterVolume;
			if (!audioAvailable()) {
				throw new Error(
					'This browser has no Web Audio support, so the app cannot play sound here.'
				);
			}
			const loaded = await this.#load();
			if (!current()) return;
			const created: AbPlayer = new AbPlayer({
				versions: loaded.map((v) => new Uint8Array(v.wav)),
				active: Math.min(this.active, loaded.length - 1),
				onState: (state, message) => {
					if (created === this.#player) this.#onPlayerState(state, message);
					else if (state === 'error') playerMessage = message;
				}
			});
			player = created;
			await created.ready;
			if (!current()) {
				created.unload();
				return;
			}
			const wasPlaying = this.#player?.state === 'playing';
			this.#player?.unload();
			this.#player = created;
			// The learner may have picked another version while this one decoded: keep their pick.
			created.select(Math.min(this.active, loaded.length - 1));
			this.active = created.active;
			this.versions = loaded.map(withoutWav);
			this.status = 'ready';
			if (this.#pendingPlay || wasPlaying) this.#start();
		} catch (error) {
			if (player !== this.#player) player?.unload();
			if (!current()) return;
			this.#preparing = undefined; // the next Play tries again
			this.#pendingPlay = false;
			this.#player?.pause();
			this.status = 'error';
			this.error =
				playerMessage ??
				(error instanceof Error && error.message
					? error.message
					: 'The audio for this demo could not be prepared.');
		}
	}

	#onPlayerState(state: AbState, message?: string) {
		if (state === 'loading') return;
		if (state === 'error') {
			this.status = 'error';
			this.error = message ?? 'The audio for this demo could not be played.';
			this.#preparing = undefined; // a blocked or failed player is rebuilt by the next Play
			if (now.playing === this) now.playing = undefined;
			return;
		}
		if (this.status === 'preparing') return; // #build moves on once every version is decoded
		this.status = state;
	}

	#start() {
		const player = this.#player;
		if (!player) return;
		this.#pendingPlay = false;
		if (now.playing && now.playing !== this) now.playing.pause();
		now.playing = this;
		setVolume?.(settings.volume / 100);
		player.play();
	}

	/** Plays, preparing the audio first if needed (the first Play of a demo not yet prepared). */
	play(): void {
		if (this.#disposed || this.status === 'playing') return;
		if (this.#player && (this.status === 'ready' || this.status === 'paused')) {
			this.#start();
			return;
		}
		this.#pendingPlay = true;
		if (now.playing && now.playing !== this) now.playing.pause();
		void this.prepare();
	}

	pause(): void {
		this.#pendingPlay = false;
		this.#player?.pause();
		if (now.playing === this) now.playing = undefined;
	}

	/** Plays or pauses (Space, and the Play button). */
	toggle(): void {
		if (this.status === 'playing' || (this.status === 'preparing' && this.#pendingPlay))
			this.pause();
		else this.play();
	}

	/** Makes version `index` the audible one, crossfading while playing. */
	select(index: number): void {
		if (index < 0 || index >= this.count) return;
		this.#player?.select(index);
		this.active = index;
	}

	/** Stops the audio and frees the player for good (the demo left the page). */
	dispose(): void {
		this.#disposed = true;
		this.#generation++;
		if (now.playing === this) now.playing = undefined;
		this.#player?.unload();
		this.#player = undefined;
	}
}

/** A version's data without its WAV bytes (the player keeps its own copy). */
function withoutWav<V extends { wav: ArrayBuffer }>(version: V): Omit<V, 'wav'> {
	const rest: Partial<V> = { ...version };
	delete rest.wav;
	return rest as Omit<V, 'wav'>;
}
