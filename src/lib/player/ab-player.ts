/**
 * The A/B player: every version of a clip loops in sync through Howler (Web Audio), with only the
 * selected one audible. Switching crossfades in `CROSSFADE_MS`, so the playhead never jumps and
 * nothing clicks.
 */
import { Howl, Howler } from 'howler';
import type { Decibels, Hertz, Seconds } from '../dsp/units';
import type { HowlerEdge } from './howler-edge';
import { decodeWavInto, encodeWav } from '../dsp/wav';

/** Length of the equal-sum linear crossfade between versions. */
export const CROSSFADE_MS = 10;

export type AbState = 'loading' | 'ready' | 'playing' | 'paused' | 'error';

export class AbPlayer {
	#howls: Howl[] = [];
	#filters: (BiquadFilterNode | undefined)[] = [];
	#trims: (GainNode | undefined)[] = [];
	#soundIds: (number | undefined)[] = [];
	#urls: string[];
	#active = 0;
	/** Each version's last gain change (a linear fade, or a step when `from === to`), for the next fade. */
	#gains: { from: number; to: number; start: number }[] = [];
	#state: AbState = 'loading';
	/**
	 * The one playhead all versions share, on the audio clock: `offset` seconds into the clip at
	 * context time `start` (while playing), or held at `offset` (while paused). Howler's own `seek()`
	 * cannot be trusted for this: it restarts its loop bookkeeping from a `setTimeout`, so after each
	 * loop every version reports (and, paused, would resume from) a position late by that timer's
	 * lateness, a different one per version (CI saw 20 ms between two versions).
	 */
	#clock = { offset: 0, start: 0 };
	/** The browser refused to start audio: the next Play tries again. */
	#blocked = false;
	#unloaded = false;
	#onState: (state: AbState, message?: string) => void;
	#howler: HowlerEdge['Howler'];
	#Howl: HowlerEdge['Howl'];
	/** The latest `replace` per version: an older one that decodes later is dropped. */
	#replacing: number[] = [];
	/** Resolves when every version is decoded and playable. */
	readonly ready: Promise<void>;

	constructor({
		versions,
		active = 0,
		onState,
		audio = { Howl, Howler }
	}: {
		/** WAV bytes of each version, all of the same length. */
		versions: Uint8Array[];
		active?: number;
		onState: (state: AbState, message?: string) => void;
		/** Howler itself unless a spec passes fakes. */
		audio?: HowlerEdge;
	}) {
		this.#onState = onState;
		this.#howler = audio.Howler;
		this.#Howl = audio.Howl;
		this.#active = active;
		this.#gains = versions.map((_, i) => {
			const gain = i === active ? 1 : 0;
			return { from: gain, to: gain, start: 0 };
		});
		// Howler makes its AudioContext with the first Howl; asking for the volume makes it now, so the
		// versions' buffers can be built from their samples (see `audioBufferOf`).
		if (!audio.Howler.ctx) audio.Howler.volume();
		// Versions passed as the same bytes share one buffer (built once).
		const built = new Map<Uint8Array, AudioBuffer | null>();
		const buffers = versions.map((wav) => {
			if (!built.has(wav)) built.set(wav, audioBufferOf(audio.Howler.ctx, wav));
			return built.get(wav)!;
		});
		this.#urls = versions.map((wav, i) => urlOf(buffers[i], wav));
		this.ready = new Promise((resolve, reject) => {
			let loaded = 0;
			this.#howls = this.#urls.map(
				(url, index) =>
					new audio.Howl({
						src: [url],
						format: ['wav'],
						html5: false,
						loop: true,
						preload: true,
						volume: index === this.#active ? 1 : 0,
						...spriteOf(buffers[index]),
						onload: () => {
							withBuffer({
								howl: this.#howls[index],
								buffer: buffers[index],
								ctx: audio.Howler.ctx
							});
							if (++loaded === this.#urls.length) {
								this.#set('ready');
								resolve();
							}
						},
						onloaderror: () => {
							this.#set('error', 'This browser could not decode the audio clip.');
							reject(new Error('decode failed'));
						},
						onplayerror: () => {
							this.#blocked = true;
							this.#set('error', 'The browser blocked audio. Tap Play again to allow sound.');
						}
					})
			);
		});
		this.ready.catch(() => {});
	}

	#set(state: AbState, message?: string) {
		// A late load or error of an unloaded player is no news to anyone.
		if (this.#unloaded) return;
		this.#state = state;
		this.#onState(state, message);
	}

	get state(): AbState {
		return this.#state;
	}

	get active(): number {
		return this.#active;
	}

	get count(): number {
		return this.#howls.length;
	}

	/** Starts (or resumes) every version in the same audio-clock instant. */
	play(): void {
		if (this.#unloaded) return;
		const retry = this.#state === 'error' && this.#blocked;
		if (this.#state !== 'ready' && this.#state !== 'paused' && !retry) return;
		this.#blocked = false;
		// Resuming a suspended context (mobile unlock) before starting keeps the versions together.
		const ctx = this.#howler.ctx;
		if (ctx?.state === 'suspended') void ctx.resume();
		this.#clock.start = ctx?.currentTime ?? 0;
		this.#soundIds = this.#howls.map((howl, i) => howl.play(this.#soundIds[i] as number));
		this.#set('playing');
	}

	/** Pauses every version and parks them all on the one playhead, to resume together. */
	pause(): void {
		if (this.#state !== 'playing') return;
		const at = this.position();
		this.#howls.forEach((howl, i) => {
			const id = this.#soundIds[i];
			howl.pause(id);
			if (id !== undefined) howl.seek(at, id);
		});
		this.#clock.offset = at;
		this.#set('paused');
	}

	toggle(): void {
		if (this.#state === 'playing') this.pause();
		else this.play();
	}

	/** Makes version `index` the audible one, crossfading when playing. */
	select(index: number): void {
		if (index < 0 || index >= this.#howls.length || index === this.#active) return;
		const previous = this.#active;
		this.#active = index;
		const now = this.#howler.ctx?.currentTime ?? 0;
		for (const [i, to] of [
			[previous, 0],
			[index, 1]
		]) {
			if (this.#state === 'playing') {
				// From where the gain is now, so a switch in the middle of a fade does not jump (a click).
				const from = this.#gainAt(i, now);
				this.#gains[i] = { from, to, start: now };
				this.#howls[i].fade(from, to, CROSSFADE_MS, this.#soundIds[i]);
			} else {
				this.#gains[i] = { from: to, to, start: now };
				this.#howls[i].volume(to);
			}
		}
	}

	/** Version `i`'s gain at audio time `now`, along its last linear fade. */
	#gainAt(i: number, now: number): number {
		const { from, to, start } = this.#gains[i];
		const progress = Math.min(1, Math.max(0, (now - start) / (CROSSFADE_MS / 1000)));
		return from + (to - from) * progress;
	}

	/**
	 * Puts a live peaking EQ (Web Audio's BiquadFilterNode, the same RBJ cookbook filter the engine
	 * renders with) on version `index`, for drills where the learner sweeps their own EQ. Pass gain 0
	 * to make it transparent.
	 */
	setLiveEq({
		index,
		eq,
		trimDb = 0
	}: {
		index: number;
		eq: { frequencyHz: Hertz; gainDb: Decibels; q: number };
		/** Level correction after the EQ, to keep the version loudness-matched. */
		trimDb?: Decibels;
	}): void {
		const ctx = this.#howler.ctx;
		const howl = this.#howls[index];
		if (!ctx || !howl) return;
		let filter = this.#filters[index];
		if (!filter) {
			filter = ctx.createBiquadFilter();
			filter.type = 'peaking';
			const trim = ctx.createGain();
			filter.connect(trim);
			trim.connect(this.#howler.masterGain);
			this.#trims[index] = trim;
			// Howler routes each sound's gain node to the master gain once, at creation: re-route it.
			for (const sound of (howl as unknown as { _sounds: { _node: AudioNode }[] })._sounds) {
				sound._node.disconnect();
				sound._node.connect(filter);
			}
			this.#filters[index] = filter;
		}
		const smoothing = 0.015;
		filter.frequency.setTargetAtTime(eq.frequencyHz, ctx.currentTime, smoothing);
		filter.gain.setTargetAtTime(eq.gainDb, ctx.currentTime, smoothing);
		filter.Q.setTargetAtTime(eq.q, ctx.currentTime, smoothing);
		this.#trims[index]?.gain.setTargetAtTime(10 ** (trimDb / 20), ctx.currentTime, smoothing);
	}

	/**
	 * Swaps version `index` for new audio of the same length (a re-mix) without a gap, a jump or a
	 * click: the new audio is decoded while the old plays on, started on the shared playhead, and
	 * crossfaded in over `CROSSFADE_MS` if it is the audible version (silently swapped otherwise);
	 * the old one is unloaded after the fade. When replaced again before the decode ends, only the
	 * newest audio is used. Resolves once the swap is made (or dropped).
	 */
	async replace(index: number, wav: Uint8Array): Promise<void> {
		if (this.#unloaded || index < 0 || index >= this.#howls.length) return;
		const ticket = (this.#replacing[index] ?? 0) + 1;
		this.#replacing[index] = ticket;
		await this.ready;
		// Decoding 20 s of WAV takes the browser 200–300 ms; building the buffer from its samples, a
		// few. Howler then loads a one-sample stand-in and plays the buffer (see `withBuffer`).
		const buffer = audioBufferOf(this.#howler.ctx, wav);
		const url = urlOf(buffer, wav);
		const howl = await new Promise<Howl | null>((resolve) => {
			const created: Howl = new this.#Howl({
				src: [url],
				format: ['wav'],
				html5: false,
				loop: true,
				preload: true,
				volume: 0,
				...spriteOf(buffer),
				onload: () => resolve(withBuffer({ howl: created, buffer, ctx: this.#howler.ctx })),
				onloaderror: () => {
					this.#set('error', 'This browser could not decode the audio clip.');
					resolve(null);
				}
			});
		});
		if (!howl || this.#unloaded || this.#replacing[index] !== ticket) {
			howl?.unload();
			URL.revokeObjectURL(url);
			return;
		}
		const old = { howl: this.#howls[index], id: this.#soundIds[index], url: this.#urls[index] };
		const now = this.#howler.ctx?.currentTime ?? 0;
		const target = index === this.#active ? 1 : 0;
		let id: number | undefined;
		if (this.#state === 'playing') {
			// Started on the shared playhead, in the same audio-clock instant the position is read.
			id = howl.play() as number;
			howl.seek(this.position(), id);
			if (target > 0) {
				const from = this.#gainAt(index, now);
				howl.fade(0, target, CROSSFADE_MS, id);
				old.howl.fade(from, 0, CROSSFADE_MS, old.id);
				setTimeout(() => old.howl.unload(), CROSSFADE_MS + 50);
			} else old.howl.unload();
		} else {
			if (this.#state === 'paused') {
				// Parked on the playhead the others resume from.
				id = howl.play() as number;
				howl.pause(id);
				howl.seek(this.#clock.offset, id);
			}
			howl.volume(target);
			old.howl.unload();
		}
		URL.revokeObjectURL(old.url);
		this.#howls[index] = howl;
		this.#urls[index] = url;
		this.#soundIds[index] = id;
		this.#gains[index] =
			this.#state === 'playing'
				? { from: 0, to: target, start: now }
				: { from: target, to: target, start: now };
	}

	/** The playhead every version shares, in seconds into the clip (from the audio clock). */
	position(): Seconds {
		if (this.#state !== 'playing') return this.#clock.offset;
		const duration = this.#howls[0]?.duration() ?? 0;
		const now = this.#howler.ctx?.currentTime ?? this.#clock.start;
		const at = this.#clock.offset + now - this.#clock.start;
		return duration > 0 ? at % duration : at;
	}

	/** Stops playback and frees the decoded audio and Blob URLs. */
	unload(): void {
		this.#unloaded = true;
		for (const howl of this.#howls) howl.unload();
		for (const node of [...this.#filters, ...this.#trims]) node?.disconnect();
		for (const url of this.#urls) URL.revokeObjectURL(url);
		this.#howls = [];
	}
}

/**
 * Makes Howler's AudioContext now (creating one takes a good part of a second in some browsers), so
 * a page can do it while a worker renders what it will play. It starts suspended until a tap.
 */
export function warmUpAudio(howler: Pick<HowlerEdge['Howler'], 'ctx' | 'volume'> = Howler): void {
	if (!howler.ctx) howler.volume();
}

/** One mono fold-down node per context, made on first use. */
const monoNodes = new WeakMap<BaseAudioContext, GainNode>();

/**
 * Folds everything Howler plays to mono ((L + R) / 2 on both speakers, Web Audio's "speakers"
 * down-mix) or back to stereo, so learners can check mono compatibility on any device.
 */
export function setMonoListening(on: boolean, howler: HowlerEdge['Howler'] = Howler): void {
	const ctx = howler.ctx;
	if (!ctx || !howler.masterGain) return;
	let monoNode = monoNodes.get(ctx);
	if (!monoNode) {
		monoNode = ctx.createGain();
		monoNode.channelCount = 1;
		monoNode.channelCountMode = 'explicit';
		monoNode.channelInterpretation = 'speakers';
		monoNode.connect(ctx.destination);
		monoNodes.set(ctx, monoNode);
	}
	howler.masterGain.disconnect();
	howler.masterGain.connect(on ? monoNode : ctx.destination);
}

/**
 * An AudioBuffer made straight from a 16-bit or float WAV's samples, or null where there is no Web
 * Audio context to make one (Howler then decodes the WAV itself).
 */
function audioBufferOf(ctx: AudioContext | null | undefined, wav: Uint8Array): AudioBuffer | null {
	if (!ctx || typeof ctx.createBuffer !== 'function') return null;
	let buffer: AudioBuffer | null = null;
	try {
		// Straight into the buffer's own channels: a re-mix allocates its buffer and nothing else.
		decodeWavInto(wav, ({ channelCount, frames, sampleRate }) => {
			buffer = ctx.createBuffer(channelCount, Math.max(1, frames), sampleRate);
			return Array.from({ length: channelCount }, (_, c) => buffer!.getChannelData(c));
		});
	} catch {
		return null;
	}
	return buffer;
}

/** What Howler loads: the WAV itself, or a one-sample silent stand-in when the buffer is made. */
function urlOf(buffer: AudioBuffer | null, wav: Uint8Array): string {
	const bytes = buffer
		? encodeWav({ channels: [new Float32Array(1)], sampleRate: buffer.sampleRate, format: 'pcm16' })
		: wav;
	return URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'audio/wav' }));
}

/** The sprite that makes a stand-in play as long as its buffer (none when Howler decodes). */
function spriteOf(buffer: AudioBuffer | null): { sprite?: Record<string, [number, number]> } {
	return buffer ? { sprite: { __default: [0, buffer.duration * 1000] } } : {};
}

/** What `withBuffer` reads and writes of one of Howler's sounds (howler 2.2.4's `_sounds[i]`). */
interface HowlerSound {
	_node: GainNode & { bufferSource: AudioBufferSourceNode | null };
	_panner?: AudioNode;
	_loop: boolean;
	_start: number;
	_stop: number;
	_rate: number;
}

/**
 * Makes `howl` (loaded from a stand-in, with a sprite as long as `buffer`) play `buffer`. Howler sets
 * up each playback's source node from its private decode cache in `_refreshBuffer` (howler 2.2.4,
 * pinned); this instance's copy does the same with `buffer` (an AudioBufferSourceNode takes one
 * buffer, once, so Howler's own cannot be called first).
 */
function withBuffer({
	howl,
	buffer,
	ctx
}: {
	howl: Howl;
	buffer: AudioBuffer | null;
	ctx: AudioContext | null | undefined;
}): Howl {
	if (!buffer || !ctx) return howl;
	const internal = howl as unknown as {
		_duration: number;
		_refreshBuffer: (sound: HowlerSound) => Howl;
	};
	internal._duration = buffer.duration;
	internal._refreshBuffer = (sound) => {
		const source = ctx.createBufferSource();
		source.buffer = buffer;
		source.connect(sound._panner ?? sound._node);
		source.loop = sound._loop;
		if (sound._loop) {
			source.loopStart = sound._start || 0;
			source.loopEnd = sound._stop || 0;
		}
		source.playbackRate.setValueAtTime(sound._rate, ctx.currentTime);
		sound._node.bufferSource = source;
		return howl;
	};
	return howl;
}
