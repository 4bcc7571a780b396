/**
 * The Howler edge: plays rendered WAV bytes through Web Audio. Later issues grow this into the A/B
 * player; for now it plays one looping clip with play/stop/volume and reports its state.
 */
import { Howl, Howler } from 'howler';
import type { HowlerEdge } from './howler-edge';

export type PlayerState = 'stopped' | 'loading' | 'playing' | 'error';

/** One looping clip backed by a Blob URL of WAV bytes. */
export class ClipPlayer {
	#howl: Howl;
	#url: string;
	#onState: (state: PlayerState, message?: string) => void;

	constructor({
		wav,
		loop = true,
		onState,
		audio = { Howl }
	}: {
		wav: Uint8Array;
		loop?: boolean;
		onState: (state: PlayerState, message?: string) => void;
		/** Howler itself unless a spec passes fakes. */
		audio?: Pick<HowlerEdge, 'Howl'>;
	}) {
		this.#onState = onState;
		this.#url = URL.createObjectURL(new Blob([wav as BlobPart], { type: 'audio/wav' }));
		this.#howl = new audio.Howl({
			src: [this.#url],
			format: ['wav'],
			html5: false,
			loop,
			onplay: () => onState('playing'),
			onstop: () => onState('stopped'),
			onend: () => {
				if (!loop) onState('stopped');
			},
			onloaderror: () => onState('error', 'This browser could not decode the audio clip.'),
			onplayerror: () => {
				onState('error', 'The browser blocked audio. Tap Play again to allow sound.');
				// Howler retries once the audio context is unlocked by the next user gesture.
				this.#howl.once('unlock', () => this.#howl.play());
			}
		});
	}

	/** Starts playback (a no-op while already playing). */
	play(): void {
		if (this.#howl.playing()) return;
		this.#onState('loading');
		this.#howl.play();
	}

	stop(): void {
		this.#howl.stop();
	}

	get playing(): boolean {
		return this.#howl.playing();
	}

	/** Frees the decoded audio and the Blob URL. */
	unload(): void {
		this.#howl.unload();
		URL.revokeObjectURL(this.#url);
	}
}

/** Sets the app-wide output volume (0–1) on Howler's master gain. */
export function setMasterVolume(volume: number, howler: HowlerEdge['Howler'] = Howler): void {
	howler.volume(Math.min(1, Math.max(0, volume)));
}

/**
 * Creates (or resumes) Howler's AudioContext. Call it synchronously inside a tap or key handler that
 * will lead to sound: mobile browsers only let a context start from a user gesture, and the first
 * context in a browser session costs tens of milliseconds to open the audio device, which belongs in
 * the tap rather than in the later hand-off of rendered audio.
 */
export function wakeAudio(howler: HowlerEdge['Howler'] = Howler): void {
	if (!audioAvailable()) return;
	howler.volume(); // Howler creates its context on first use
	if (howler.ctx?.state === 'suspended') void howler.ctx.resume();
}

/** True when the browser offers Web Audio at all. */
export function audioAvailable(): boolean {
	return typeof AudioContext !== 'undefined' || 'webkitAudioContext' in globalThis;
}
