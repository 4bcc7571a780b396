import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { audioAvailable, setMasterVolume } from '../player/clip-player';
import { LessonAudioState } from './lesson-audio.svelte';
import { settings } from './settings.svelte';

/**
 * A stand-in for the A/B player (Howler needs Web Audio, which Node has not), keeping its contract:
 * `ready` settles once every version is decoded, state changes are reported through `onState`,
 * and a decode failure reports its sentence, then rejects `ready`.
 */
const fake = vi.hoisted(() => {
	type State = 'loading' | 'ready' | 'playing' | 'paused' | 'error';
	class FakeAbPlayer {
		state: State = 'loading';
		active: number;
		unloaded = false;
		readonly versions: Uint8Array[];
		readonly ready: Promise<void>;
		#onState: (state: State, message?: string) => void;
		#settle!: { resolve: () => void; reject: (error: Error) => void };

		constructor(options: {
			versions: Uint8Array[];
			active?: number;
			onState: (state: State, message?: string) => void;
		}) {
			this.versions = options.versions;
			this.active = options.active ?? 0;
			this.#onState = options.onState;
			this.ready = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
			this.ready.catch(() => {});
			players.push(this);
			if (fake.decodeAtOnce) queueMicrotask(() => this.decoded());
		}
		#set(state: State, message?: string) {
			this.state = state;
			this.#onState(state, message);
		}
		/** Every version decoded. */
		decoded() {
			this.#set('ready');
			this.#settle.resolve();
		}
		/** The browser could not decode a version. */
		undecodable() {
			this.#set('error', 'This browser could not decode the audio clip.');
			this.#settle.reject(new Error('decode failed'));
		}
		play() {
			if (this.state === 'ready' || this.state === 'paused') this.#set('playing');
		}
		pause() {
			if (this.state === 'playing') this.#set('paused');
		}
		select(index: number) {
			this.active = index;
		}
		unload() {
			this.unloaded = true;
		}
	}
	const players: FakeAbPlayer[] = [];
	return { FakeAbPlayer, players, decodeAtOnce: true };
});
vi.mock('../player/ab-player', () => ({ AbPlayer: fake.FakeAbPlayer }));
vi.mock('../player/clip-player', () => ({
	audioAvailable: vi.fn(() => true),
	setMasterVolume: vi.fn()
}));

type Version = { wav: ArrayBuffer; label: string };

const versions = (...labels: string[]): Version[] =>
	labels.map((label) => ({ wav: new ArrayBuffer(8), label }));

/** A promise the test settles by hand. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const demos: LessonAudioState<Version>[] = [];
function demo(load: () => Promise<Version[]>, count = 0) {
	const state = new LessonAudioState<Version>({ load, count });
	demos.push(state);
	return state;
}

beforeEach(() => {
	fake.players.length = 0;
	fake.decodeAtOnce = true;
	vi.mocked(audioAvailable).mockReturnValue(true);
	vi.mocked(setMasterVolume).mockClear();
});

afterEach(() => {
	for (const state of demos.splice(0)) state.dispose();
});

describe('LessonAudioState: loading', () => {
	it('renders nothing until the first Play, then prepares and plays', async () => {
		const load = vi.fn(async () => versions('mix', 'master'));
		const audio = demo(load, 2);
		expect(audio.status).toBe('idle');
		expect(audio.count).toBe(2);
		expect(load).not.toHaveBeenCalled();

		settings.volume = 50;
		audio.play();
		expect(audio.status).toBe('preparing');
		expect(audio.busy).toBe(true);
		expect(audio.pending).toBe(true);
		expect(audio.pausable).toBe(true);
		await vi.waitFor(() => expect(audio.status).toBe('playing'));
		expect(load).toHaveBeenCalledOnce();
		expect(audio.isPlaying).toBe(true);
		expect(audio.busy).toBe(false);
		expect(audio.versions).toEqual([{ label: 'mix' }, { label: 'master' }]);
		expect(fake.players).toHaveLength(1);
		expect(setMasterVolume).toHaveBeenLastCalledWith(0.5);
	});

	it('prepares once however often it is asked', async () => {
		const load = vi.fn(async () => versions('a', 'b'));
		const audio = demo(load);
		await Promise.all([audio.prepare(), audio.prepare()]);
		await audio.prepare();
		expect(load).toHaveBeenCalledOnce();
		expect(audio.status).toBe('ready');
	});

	it('keeps a version picked while the audio was being prepared', async () => {
		fake.decodeAtOnce = false;
		const audio = demo(async () => versions('a', 'b', 'c'), 3);
		const preparing = audio.prepare();
		audio.select(2);
		await vi.waitFor(() => expect(fake.players).toHaveLength(1));
		fake.players[0].decoded();
		await preparing;
		expect(audio.active).toBe(2);
		expect(fake.players[0].active).toBe(2);
		audio.select(5);
		expect(audio.active).toBe(2);
	});

	it('drops a load that finishes after the demo left the page', async () => {
		const load = deferred<Version[]>();
		const audio = demo(() => load.promise);
		audio.play();
		audio.dispose();
		load.resolve(versions('a', 'b'));
		await settle();
		expect(fake.players).toHaveLength(0);
		expect(audio.isPlaying).toBe(false);
	});

	it('frees a player that finishes decoding after the demo left the page', async () => {
		fake.decodeAtOnce = false;
		const audio = demo(async () => versions('a', 'b'));
		audio.play();
		await vi.waitFor(() => expect(fake.players).toHaveLength(1));
		audio.dispose();
		fake.players[0].decoded();
		await settle();
		expect(fake.players[0].unloaded).toBe(true);
		expect(fake.players[0].state).toBe('ready');
	});

	it('lets a newer set replace a slower older one (the streaming demo’s service picker)', async () => {
		const slow = deferred<Version[]>();
		const slowLoad = vi.fn(() => slow.promise);
		const audio = demo(slowLoad);
		const first = audio.prepare();
		// Vitest hands overlapping imports of a mocked module the real one (vitest-dev/vitest#7040):
		// let the first build import the player before the second starts.
		await vi.waitFor(() => expect(slowLoad).toHaveBeenCalled());
		await audio.reload(async () => versions('spotify-a', 'spotify-b'));
		slow.resolve(versions('youtube-a', 'youtube-b'));
		await first;
		expect(audio.versions.map((v) => v.label)).toEqual(['spotify-a', 'spotify-b']);
		expect(fake.players).toHaveLength(1);
	});

	it('swaps a playing set for the reloaded one, and plays on', async () => {
		const audio = demo(async () => versions('a', 'b'));
		audio.play();
		await vi.waitFor(() => expect(audio.status).toBe('playing'));
		await audio.reload(async () => versions('c', 'd'));
		expect(fake.players[0].unloaded).toBe(true);
		expect(fake.players[1].state).toBe('playing');
		expect(audio.status).toBe('playing');
	});
});

describe('LessonAudioState: one demo at a time', () => {
	it('pauses the demo that was playing when another starts', async () => {
		const first = demo(async () => versions('a', 'b'));
		const second = demo(async () => versions('c', 'd'));
		first.play();
		await vi.waitFor(() => expect(first.status).toBe('playing'));
		second.play();
		// Paused at once, not when the second has finished preparing.
		expect(first.status).toBe('paused');
		await vi.waitFor(() => expect(second.status).toBe('playing'));
		first.play();
		expect(first.status).toBe('playing');
		expect(second.status).toBe('paused');
	});

	it('plays and pauses with toggle, and a paused demo no longer counts as playing', async () => {
		const first = demo(async () => versions('a', 'b'));
		const second = demo(async () => versions('c', 'd'));
		await first.prepare();
		await second.prepare();
		first.toggle();
		expect(first.status).toBe('playing');
		first.toggle();
		expect(first.status).toBe('paused');
		second.play();
		first.play();
		expect(second.status).toBe('paused');
		expect(first.status).toBe('playing');
	});

	it('cancels a Play pressed while preparing when Pause follows', async () => {
		fake.decodeAtOnce = false;
		const audio = demo(async () => versions('a', 'b'));
		audio.toggle();
		expect(audio.pending).toBe(true);
		audio.toggle();
		expect(audio.pending).toBe(false);
		await vi.waitFor(() => expect(fake.players).toHaveLength(1));
		fake.players[0].decoded();
		await audio.prepare();
		expect(audio.status).toBe('ready');
	});
});

describe('LessonAudioState: errors', () => {
	it('says why the audio could not be prepared, and the next Play tries again', async () => {
		const load = vi
			.fn<() => Promise<Version[]>>()
			.mockRejectedValueOnce(new Error('The audio engine stopped unexpectedly.'))
			.mockResolvedValueOnce(versions('a', 'b'));
		const audio = demo(load);
		audio.play();
		await vi.waitFor(() => expect(audio.status).toBe('error'));
		expect(audio.error).toBe('The audio engine stopped unexpectedly.');
		expect(audio.pending).toBe(false);

		audio.play();
		await vi.waitFor(() => expect(audio.status).toBe('playing'));
		expect(audio.error).toBe('');
		expect(load).toHaveBeenCalledTimes(2);
	});

	it('falls back to a plain sentence for a failure without a message', async () => {
		const audio = demo(() => Promise.reject(new Error('')));
		await audio.prepare();
		expect(audio.error).toBe('The audio for this demo could not be prepared.');
	});

	it('says so in a browser without Web Audio, before rendering anything', async () => {
		vi.mocked(audioAvailable).mockReturnValue(false);
		const load = vi.fn(async () => versions('a', 'b'));
		const audio = demo(load);
		await audio.prepare();
		expect(audio.status).toBe('error');
		expect(audio.error).toMatch(/no Web Audio support/);
		expect(load).not.toHaveBeenCalled();
	});

	it('reports a player that fails while playing (audio blocked), and rebuilds it on Play', async () => {
		const audio = demo(async () => versions('a', 'b'));
		audio.play();
		await vi.waitFor(() => expect(audio.status).toBe('playing'));
		// What Howler's onplayerror reports.
		fake.players[0].undecodable();
		expect(audio.status).toBe('error');
		expect(audio.error).toBe('This browser could not decode the audio clip.');
		audio.play();
		await vi.waitFor(() => expect(audio.status).toBe('playing'));
		expect(fake.players).toHaveLength(2);
	});

	// While preparing, the player's own sentence wins over the rejection's developer message.
	it('explains a clip the browser cannot decode in a sentence', async () => {
		fake.decodeAtOnce = false;
		const audio = demo(async () => versions('a', 'b'));
		const preparing = audio.prepare();
		await vi.waitFor(() => expect(fake.players).toHaveLength(1));
		fake.players[0].undecodable();
		await preparing;
		expect(audio.status).toBe('error');
		expect(audio.error).toBe('This browser could not decode the audio clip.');
	});
});
