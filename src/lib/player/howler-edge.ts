/**
 * The parts of Howler the players drive. The players take them as an option, with the real ones as
 * the default, so their specs can run in Node on fakes: Node has no Web Audio.
 */
import type { HowlOptions, Howl, HowlerGlobal } from 'howler';

/** Howler's `Howl` class and its global, or fakes with the same shape. */
export interface HowlerEdge {
	Howl: new (options: HowlOptions) => Howl;
	/** Read at each use, not copied: Howler creates its AudioContext lazily, on first use. */
	Howler: Pick<HowlerGlobal, 'ctx' | 'masterGain' | 'volume'>;
}
