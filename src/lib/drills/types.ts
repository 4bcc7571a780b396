/**
 * The drill framework's data. A drill kind is one file exporting a `DrillKind`; a question is pure
 * data (a recipe per version, choices, the answer and what to reveal), rendered elsewhere.
 */
import type { ChainStep } from '../dsp/process/chain';
import type { Rng } from '../dsp/synth/rng';
import type { StyleId } from '../dsp/synth/styles';
import type { Decibels } from '../dsp/units';
import type { StemId } from '../mix/types';

export type DrillKindId =
	| 'eq-boost'
	| 'eq-cut'
	| 'eq-detect'
	| 'eq-match'
	| 'limiter'
	| 'compression'
	| 'clipping'
	| 'level'
	| 'mono'
	| 'translation'
	| 'balance';
export type DrillFamily = 'eq' | 'dynamics' | 'translation' | 'balance';

/**
 * What the versions are made from: an arrangement of a style, pink noise, a saved track, or a song
 * section of a style as stems (mix projects' stems, for drills that move one part).
 */
export type DrillSource =
	| { kind: 'arrangement'; style: StyleId }
	| { kind: 'pink-noise' }
	| { kind: 'track'; trackId: string }
	| { kind: 'stems'; style: StyleId };

/** One version the learner can switch to: its label and the processing applied to the source. */
export interface VersionRecipe {
	/** 'A', 'B', … as shown on the switch buttons. */
	id: string;
	chain: ChainStep[];
	/** Stem sources only: faders moved from the source's mix, dB (the stems are added back in). */
	stemGains?: Partial<Record<StemId, Decibels>>;
}

export interface Choice {
	id: string;
	label: string;
}

/** A fact shown after answering ("Band: 1 kHz", "Gain: +6 dB"). */
export interface Fact {
	label: string;
	value: string;
}

/** Controls for drills answered by adjusting parameters instead of picking a choice (eq-match). */
export interface MatchControls {
	frequency: { minHz: number; maxHz: number };
	/** Present when the learner must also set the gain. */
	gain?: { minDb: number; maxDb: number; stepDb: number };
}

export interface Question {
	kind: DrillKindId;
	level: number;
	seed: number;
	source: DrillSource;
	/** Short instruction: "Which band was boosted?" */
	prompt: string;
	versions: VersionRecipe[];
	/** Empty for match drills, which use `controls`. */
	choices: Choice[];
	controls?: MatchControls;
	/**
	 * Loudness-match the versions when rendering (default true). Only the level drill turns it off,
	 * because a level difference is what it trains.
	 */
	match?: boolean;
	/** Offer a stereo/mono listening switch (the mono drill). */
	monoSwitch?: boolean;
	/** The correct choice id, or for match drills a JSON string of the hidden parameters. */
	answer: string;
	/** Parameters of the hidden processing in named units, stored with each attempt. */
	params: Record<string, number | string | boolean>;
	reveal: {
		/** One sentence saying what was done. */
		summary: string;
		facts: Fact[];
		/** The EQ to draw on a log-frequency plot (the processed version's filters), if any. */
		curve?: ChainStep[];
	};
}

export interface Grade {
	correct: boolean;
	/** 0…1; binary drills give 0 or 1, match drills partial credit. */
	score: number;
	/** One sentence for the learner: "Right: it was 1 kHz." */
	feedback: string;
}

/** One rung of a drill's difficulty ladder. */
export interface LevelSpec {
	/** The value in the drill's unit at this level (e.g. 6 for "6 dB"), for thresholds and charts. */
	value: number;
	/** How the level reads to a learner: "a 6 dB octave boost among 10 bands". */
	description: string;
}

export interface DrillKind {
	id: DrillKindId;
	family: DrillFamily;
	name: string;
	/** One or two sentences for the drill list. */
	description: string;
	/** The unit of the staircase, e.g. 'dB'. */
	unit: string;
	/** Easiest first. */
	levels: LevelSpec[];
	/** Made from a song's stems: the question's source is always `{ kind: 'stems' }`. */
	stems?: boolean;
	/** Builds a question; the same level, rng seed and source always give the same question. */
	generate(options: { level: number; rng: Rng; seed: number; source: DrillSource }): Question;
	grade(question: Question, answer: string): Grade;
}
