/**
 * Test doubles for the player specs: a Howl that records its calls and simulates playhead and gain
 * on a clock the spec moves, and just enough Web Audio (context, gain, biquad, AudioParam) for the
 * live EQ and mono routing. Node has no Web Audio, and the players' logic should not need one.
 */
import type { HowlOptions } from 'howler';
import type { Seconds } from '../dsp/units';
import type { HowlerEdge } from './howler-edge';

/** One automation event on a `FakeAudioParam`. */
export type ParamEvent =
	| { method: 'setValueAtTime'; value: number; time: Seconds }
	| { method: 'setTargetAtTime'; value: number; time: Seconds; timeConstant: Seconds };

/** An AudioParam that evaluates `setValueAtTime` and `setTargetAtTime` as the Web Audio spec does. */
export class FakeAudioParam {
	readonly events: ParamEvent[] = [];
	constructor(readonly defaultValue: number) {}

	setValueAtTime(value: number, time: Seconds): this {
		this.events.push({ method: 'setValueAtTime', value, time });
		return this;
	}

	// eslint-disable-next-line local/object-args -- stands in for Web Audio's positional AudioParam API
	setTargetAtTime(value: number, time: Seconds, timeConstant: Seconds): this {
		this.events.push({ method: 'setTargetAtTime', value, time, timeConstant });
		return this;
	}

	/** The value at `time`: a setTarget curve runs from the value at its start until the next event. */
	valueAt(time: Seconds): number {
		const started = this.events.filter((event) => event.time <= time);
		let value = this.defaultValue;
		started.forEach((event, i) => {
			if (event.method === 'setValueAtTime') {
				value = event.value;
				return;
			}
			const end = Math.min(time, started[i + 1]?.time ?? time);
			value =
				event.value + (value - event.value) * Math.exp(-(end - event.time) / event.timeConstant);
		});
		return value;
	}
}

/** An AudioNode that only remembers where it is connected. */
export class FakeAudioNode {
	outputs: FakeAudioNode[] = [];
	disconnects = 0;
	constructor(readonly name: string) {}

	connect<T extends FakeAudioNode>(destination: T): T {
		this.outputs.push(destination);
		return destination;
	}

	disconnect(): void {
		this.outputs = [];
		this.disconnects++;
	}
}

/** A GainNode with its channel settings (which the mono fold-down sets). */
export class FakeGainNode extends FakeAudioNode {
	readonly gain = new FakeAudioParam(1);
	channelCount = 2;
	channelCountMode: ChannelCountMode = 'max';
	channelInterpretation: ChannelInterpretation = 'speakers';
}

/** A BiquadFilterNode's parameters, with the Web Audio defaults. */
export class FakeBiquadFilterNode extends FakeAudioNode {
	type: BiquadFilterType = 'lowpass';
	readonly frequency = new FakeAudioParam(350);
	readonly gain = new FakeAudioParam(0);
	readonly Q = new FakeAudioParam(1);
}

/** An AudioContext whose clock the spec sets; it records the nodes it makes. */
export class FakeAudioContext {
	currentTime: Seconds = 0;
	state: AudioContextState = 'running';
	readonly destination = new FakeAudioNode('destination');
	readonly created: FakeAudioNode[] = [];
	constructor(private readonly log: string[]) {}

	resume(): Promise<void> {
		this.log.push('ctx.resume');
		this.state = 'running';
		return Promise.resolve();
	}

	createGain(): FakeGainNode {
		const node = new FakeGainNode(`gain${this.created.length}`);
		this.created.push(node);
		return node;
	}

	createBiquadFilter(): FakeBiquadFilterNode {
		const node = new FakeBiquadFilterNode(`biquad${this.created.length}`);
		this.created.push(node);
		return node;
	}
}

/** A linear gain ramp, as Howler's Web Audio `fade` schedules it. */
interface Ramp {
	from: number;
	to: number;
	start: Seconds;
	end: Seconds;
}

/** One playing (or paused) instance of a Howl, as Howler keeps them in `_sounds`. */
export interface FakeSound {
	_id: number;
	/** The sound's gain node, which Howler connects to its master gain. */
	_node: FakeGainNode;
	playing: boolean;
	/** Playhead when last started or paused. */
	seekAt: Seconds;
	/** Context time when last started. */
	startedAt: Seconds;
	volume: number;
	ramp?: Ramp;
	/**
	 * How late Howler's loop timer fires for this sound: once the audio has looped, Howler's own
	 * bookkeeping (its `seek()`, and where `pause` parks the sound) lags the audio by this much.
	 */
	timerLag: Seconds;
}

/** One recorded call on a fake Howl. */
export interface HowlCall {
	method: string;
	args: unknown[];
}

/** Howl events the players listen to, each an `on…` option or a `once` listener. */
export type HowlEvent = 'load' | 'loaderror' | 'playerror' | 'play' | 'stop' | 'end' | 'unlock';

/** The fake Howl class (an instance per `new`), for specs that reach into one. */
export interface FakeHowl {
	readonly options: HowlOptions;
	readonly calls: HowlCall[];
	readonly _sounds: FakeSound[];
	state: 'loading' | 'loaded' | 'unloaded';
	/** Finishes decoding: Howler then fires `load`. */
	load(): void;
	/** Fires `event` as Howler would: the matching `on…` option and any `once` listeners. */
	emit(event: HowlEvent, ...args: unknown[]): void;
	/** The sound's gain at the context's current time, fades included. */
	volumeOf(id: number): number;
	/** The sound's playhead at the context's current time, looping as Howler does. */
	positionOf(id: number): Seconds;
	/** Where Howler thinks the sound is: `positionOf`, late by `timerLag` once it has looped. */
	reportedOf(id: number): Seconds;
}

/**
 * Makes a fake Howler: a Howl class whose instances land in `howls`, a global with a fake context
 * and master gain, and one `log` of every call in order (`howl1.fade(1,0,10,2)`, `ctx.resume`).
 */
export function createFakeHowler({ duration = 2 }: { duration?: Seconds } = {}) {
	const log: string[] = [];
	const ctx = new FakeAudioContext(log);
	const masterGain = new FakeGainNode('master');
	masterGain.connect(ctx.destination);
	const howls: FakeHowl[] = [];
	let nextId = 1000;
	const howler = {
		ctx: ctx as FakeAudioContext | null,
		masterGain,
		masterVolume: 1,
		volume(volume?: number) {
			log.push(`howler.volume(${volume ?? ''})`);
			if (volume === undefined) return this.masterVolume;
			this.masterVolume = volume;
			return this;
		}
	};

	class Howl implements FakeHowl {
		readonly calls: HowlCall[] = [];
		readonly _sounds: FakeSound[] = [];
		state: 'loading' | 'loaded' | 'unloaded' = 'loading';
		#index = howls.length;
		#groupVolume: number;
		#once: { event: HowlEvent; fn: (...args: unknown[]) => void }[] = [];

		constructor(readonly options: HowlOptions) {
			this.#groupVolume = options.volume ?? 1;
			howls.push(this);
			// Howler makes the first sound, its gain node routed to the master gain, as it loads.
			this.#newSound();
		}

		#record(method: string, args: unknown[]) {
			this.calls.push({ method, args });
			log.push(`howl${this.#index}.${method}(${args.map(String).join(',')})`);
		}

		#newSound(): FakeSound {
			const sound: FakeSound = {
				_id: nextId++,
				_node: new FakeGainNode(`howl${this.#index}.sound`),
				playing: false,
				seekAt: 0,
				startedAt: 0,
				volume: this.#groupVolume,
				timerLag: 0
			};
			sound._node.connect(masterGain);
			this._sounds.push(sound);
			return sound;
		}

		#sounds(id?: number): FakeSound[] {
			return id === undefined ? this._sounds : this._sounds.filter((s) => s._id === id);
		}

		load() {
			this.state = 'loaded';
			this.emit('load');
		}

		emit(event: HowlEvent, ...args: unknown[]) {
			const option = this.options[`on${event}` as keyof HowlOptions];
			if (typeof option === 'function') (option as (...a: unknown[]) => void)(...args);
			const listeners = this.#once.filter((l) => l.event === event);
			this.#once = this.#once.filter((l) => l.event !== event);
			for (const listener of listeners) listener.fn(...args);
		}

		volumeOf(id: number): number {
			const sound = this.#sounds(id)[0];
			const ramp = sound?.ramp;
			if (!sound) return NaN;
			if (!ramp) return sound.volume;
			const t = ctx.currentTime;
			if (t >= ramp.end) return ramp.to;
			return ramp.from + ((ramp.to - ramp.from) * (t - ramp.start)) / (ramp.end - ramp.start);
		}

		positionOf(id: number): Seconds {
			const sound = this.#sounds(id)[0];
			if (!sound) return NaN;
			if (!sound.playing) return sound.seekAt;
			const position = sound.seekAt + ctx.currentTime - sound.startedAt;
			return this.options.loop ? position % duration : Math.min(position, duration);
		}

		reportedOf(id: number): Seconds {
			const sound = this.#sounds(id)[0];
			if (!sound?.playing || !this.options.loop) return this.positionOf(id);
			const looped = sound.seekAt + ctx.currentTime - sound.startedAt >= duration;
			const reported = this.positionOf(id) - (looped ? sound.timerLag : 0);
			return (reported + duration) % duration;
		}

		duration(): Seconds {
			return duration;
		}

		play(id?: number): number | null {
			this.#record('play', [id]);
			if (this.state === 'unloaded') return null;
			// Like Howler: an id resumes that sound; no id takes an idle sound or makes one.
			const sound =
				id === undefined
					? (this._sounds.find((s) => !s.playing && s.seekAt === 0) ?? this.#newSound())
					: this.#sounds(id)[0];
			if (!sound) return null;
			if (!sound.playing) {
				sound.playing = true;
				sound.startedAt = ctx.currentTime;
			}
			return sound._id;
		}

		pause(id?: number): this {
			this.#record('pause', [id]);
			for (const sound of this.#sounds(id)) {
				// Like Howler: parked where its own bookkeeping says the sound is.
				sound.seekAt = this.reportedOf(sound._id);
				sound.playing = false;
			}
			return this;
		}

		stop(id?: number): this {
			this.#record('stop', [id]);
			for (const sound of this.#sounds(id)) {
				sound.seekAt = 0;
				sound.playing = false;
			}
			return this;
		}

		playing(id?: number): boolean {
			return this.#sounds(id).some((s) => s.playing);
		}

		/** `seek()` and `seek(id)` read Howler's playhead; `seek(position, id)` moves the sound there. */
		seek(...args: number[]): Seconds | this {
			this.#record('seek', args);
			const [first, second] = args;
			const isId = args.length === 1 && this._sounds.some((s) => s._id === first);
			if (args.length === 0 || isId) {
				const sound = isId ? this.#sounds(first)[0] : this._sounds[0];
				return sound ? this.reportedOf(sound._id) : 0;
			}
			for (const sound of this.#sounds(second)) {
				sound.seekAt = first;
				sound.startedAt = ctx.currentTime;
			}
			return this;
		}

		/** `volume()` reads the group; `volume(v)` sets every sound; `volume(v, id)` one. */
		volume(volume?: number, id?: number): number | this {
			this.#record('volume', id === undefined ? [volume] : [volume, id]);
			if (volume === undefined) return this.#groupVolume;
			if (id === undefined) this.#groupVolume = volume;
			for (const sound of this.#sounds(id)) {
				sound.volume = volume;
				sound.ramp = undefined;
			}
			return this;
		}

		fade(from: number, to: number, lengthMs: number, id?: number): this {
			this.#record('fade', [from, to, lengthMs, id]);
			const start = ctx.currentTime;
			for (const sound of this.#sounds(id)) {
				sound.volume = to;
				sound.ramp = { from, to, start, end: start + lengthMs / 1000 };
			}
			return this;
		}

		once(event: HowlEvent, fn: (...args: unknown[]) => void): this {
			this.#record('once', [event]);
			this.#once.push({ event, fn });
			return this;
		}

		unload(): null {
			this.#record('unload', []);
			this.state = 'unloaded';
			for (const sound of this._sounds) sound.playing = false;
			return null;
		}
	}

	return {
		log,
		ctx,
		howler,
		howls,
		/** The fakes in the shape the players take. */
		audio: { Howl, Howler: howler } as unknown as HowlerEdge
	};
}
