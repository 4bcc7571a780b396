/**
 * A mix project as data: its stems, the mixer's settings for each, the mix bus, and the master chain
 * the learner sets. Everything here is plain JSON (the CLI reads and writes it), in named units.
 */
import type { Dbfs, Decibels, Hertz, Lufs, SampleRate, Seconds } from '../dsp/units';
import type { StyleId } from '../dsp/synth/styles';

/** The stems every project has, in the order the mixer lists them. */
export const stemIds = ['kick', 'snare', 'hats', 'bass', 'chords', 'texture', 'vocal'] as const;
export type StemId = (typeof stemIds)[number];

/** One rendered stem: mono, or stereo where the source is stereo (the texture's widened double). */
export interface Stem {
	id: StemId;
	/** What the learner sees, e.g. "Guitars". */
	name: string;
	channels: Float32Array<ArrayBuffer>[];
}

/** One EQ band of a stem (RBJ cookbook filters from `dsp/process/biquad`). */
export interface EqBand {
	type: 'peaking' | 'lowshelf' | 'highshelf';
	frequencyHz: Hertz;
	gainDb: Decibels;
	q: number;
}

/** A stem's channel strip, in the order the processors run (polarity first, pan last). */
export interface StemSettings {
	/** Fader, dB (−60 … +12). */
	gainDb: Decibels;
	/** −1 (left) … 1 (right); see `panGains` for the law. */
	pan: number;
	mute: boolean;
	solo: boolean;
	/** 24 dB/octave high-pass corner, Hz (20 … 500), or null for none. */
	highpassHz: Hertz | null;
	/** Up to two bands. */
	eq: EqBand[];
	/** One-knob compressor, 0 (off) … 1 (heavy); see `compressorFor`. */
	compress: number;
	/** Stereo stems: side level, 0 (mono) … 2; 1 = as recorded. Ignored on mono stems. */
	width: number;
	/** Invert polarity: the whole stem when mono, the right channel when stereo. */
	polarity: boolean;
}

/** The mix bus: a tilt EQ and a limiter drive (0 = no limiter). */
export interface BusSettings {
	/** Tilt around `TILT_PIVOT_HZ`, dB: positive brightens (−12 … 12). */
	tiltDb: Decibels;
	/** Drive into a bus limiter whose ceiling is the sum's own true peak, dB (0 … 24; 0 = off). */
	squashDb: Decibels;
}

export interface MixSettings {
	stems: Record<StemId, StemSettings>;
	bus: BusSettings;
}

/** The learner's master chain: EQ, glue, then the limiter to a loudness target under a ceiling. */
export interface MasterSettings {
	/** Low shelf at `MASTER_LOW_SHELF_HZ`, dB (−12 … 12). */
	lowShelfDb: Decibels;
	/** A bell anywhere (gain 0 = off). */
	bell: { frequencyHz: Hertz; gainDb: Decibels; q: number };
	/** High shelf at `MASTER_HIGH_SHELF_HZ`, dB (−12 … 12). */
	highShelfDb: Decibels;
	/** The quick master's glue compressor (about 2 dB of gain reduction on the loud parts). */
	glue: boolean;
	/** Integrated loudness the limiter reaches, LUFS (−30 … −5). */
	targetLufs: Lufs;
	/** True-peak ceiling, dBTP (−6 … 0). */
	ceilingDbtp: Dbfs;
}

/** Kinds of planted problem: the classic reasons a mix does not survive mastering. */
export const problemKinds = [
	'low-end-too-loud',
	'rumble',
	'lead-buried',
	'lead-too-hot',
	'harsh',
	'kick-bass-masking',
	'mono-collapse',
	'squashed-bus',
	'tonal-tilt'
] as const;
export type ProblemKind = (typeof problemKinds)[number];

/** One planted problem: on which stem (or the bus), how much, in what unit. */
export interface Problem {
	/** Unique in the project, e.g. `p1`. */
	id: string;
	kind: ProblemKind;
	/** The stem it is planted on, or 'bus' for the whole mix. */
	stem: StemId | 'bus';
	/** Signed size: how far it moves its check's measure (see `problems.ts`). */
	amount: number;
	unit: 'dB';
	/** Where it is planted: `frequencyHz` for EQ-like problems. */
	frequencyHz?: Hertz;
}

/** What `renderProject` returns. */
export interface Project {
	style: StyleId;
	seed: number;
	level: number;
	sampleRate: SampleRate;
	seconds: Seconds;
	/** Start of the chorus (the verse before it is sparser and quieter). */
	chorusAt: Seconds;
	stems: Stem[];
	problems: Problem[];
	/** The mix as the learner first hears it. */
	rough: MixSettings;
	/** Settings the generator knows survive the master: every check passes. */
	target: MixSettings;
}
