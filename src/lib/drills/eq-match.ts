/**
 * `eq-match`: a hidden peaking EQ is on version A (B is the original); the learner sets a frequency
 * (log scale) and, at the higher rungs, a gain until their EQ matches. Graded on octave distance
 * |log2(f / f0)| and dB error: full credit within a tolerance that tightens with the level, partial
 * credit falling linearly to zero one octave (or 6 dB) beyond it. Hidden frequencies are
 * third-octave centres (63 Hz–12.5 kHz) so the reveal reads in round numbers.
 */
import type { ChainStep } from '../dsp/process/chain';
import type { Decibels, Hertz } from '../dsp/units';
import {
	BAND_Q,
	THIRD_OCTAVE_BANDS_HZ,
	frequencyLabel,
	widthPhrase,
	type BandWidth
} from './bands';
import { formatGain } from '../format/format';
import { gainPhrase } from './eq-band';
import { sentence } from './grading';
import type { DrillKind, Grade, MatchControls, Question } from './types';

/** One rung of the match ladder. */
export interface MatchLevel {
	/** Full credit within this many octaves of the hidden frequency. */
	toleranceOctaves: number;
	/** Full credit within this many dB of the hidden gain; absent when gain is not asked. */
	toleranceDb?: Decibels;
	/** The hidden gains to draw from, dB. */
	gainsDb: readonly Decibels[];
	width: BandWidth;
}

/** The eq-match ladder, easiest first. */
export const MATCH_LADDER: readonly MatchLevel[] = [
	{ toleranceOctaves: 2 / 3, gainsDb: [12], width: 'octave' },
	{ toleranceOctaves: 2 / 3, gainsDb: [9], width: 'octave' },
	{ toleranceOctaves: 1 / 2, gainsDb: [9, -9], width: 'octave' },
	{ toleranceOctaves: 1 / 2, toleranceDb: 3, gainsDb: [12, 9, 6, -6, -9, -12], width: 'octave' },
	{ toleranceOctaves: 1 / 3, toleranceDb: 3, gainsDb: [9, 6, 4.5, -4.5, -6, -9], width: 'octave' },
	{
		toleranceOctaves: 1 / 3,
		toleranceDb: 2,
		gainsDb: [9, 6, 4.5, 3, -3, -4.5, -6, -9],
		width: 'octave'
	}
];

/** Hidden frequencies: third-octave centres 63 Hz–12.5 kHz. */
export const MATCH_FREQUENCIES_HZ: readonly Hertz[] = THIRD_OCTAVE_BANDS_HZ.filter(
	(hz) => hz >= 63 && hz <= 12500
);

/** The controls' ranges. */
export const MATCH_FREQUENCY_RANGE = { minHz: 20, maxHz: 20000 } as const;
export const MATCH_GAIN_RANGE = { minDb: -15, maxDb: 15, stepDb: 0.5 } as const;

/** Where partial credit reaches zero beyond the tolerance. */
const FALLOFF_OCTAVES = 1;
const FALLOFF_DB = 6;

/** A learner's (or the hidden) setting, as carried in the answer JSON. */
export interface MatchSetting {
	frequencyHz: Hertz;
	gainDb: Decibels;
}

/** Parses a match answer; returns an error sentence instead when it is malformed. */
export function parseMatchAnswer({
	answer,
	needGain
}: {
	answer: string;
	needGain: boolean;
}): MatchSetting | { error: string } {
	let value: unknown;
	try {
		value = JSON.parse(answer);
	} catch {
		return { error: 'That answer could not be read (it is not JSON).' };
	}
	if (typeof value !== 'object' || value === null) {
		return { error: 'That answer could not be read: expected {"frequencyHz": …, "gainDb": …}.' };
	}
	const { frequencyHz, gainDb } = value as Record<string, unknown>;
	if (typeof frequencyHz !== 'number' || !Number.isFinite(frequencyHz) || frequencyHz <= 0) {
		return {
			error: 'That answer could not be read: the frequency must be a positive number of Hz.'
		};
	}
	if (needGain && (typeof gainDb !== 'number' || !Number.isFinite(gainDb))) {
		return { error: 'That answer could not be read: the gain must be a number of dB.' };
	}
	return { frequencyHz, gainDb: typeof gainDb === 'number' ? gainDb : 0 };
}

/** Distance between two frequencies in octaves, |log2(f / f0)|. */
export function octaveDistance(frequencyHz: Hertz, referenceHz: Hertz): number {
	return Math.abs(Math.log2(frequencyHz / referenceHz));
}

/** 1 within the tolerance, falling linearly to 0 at `falloff` beyond it. */
function credit(error: number, tolerance: number, falloff: number): number {
	return error <= tolerance ? 1 : Math.max(0, 1 - (error - tolerance) / falloff);
}

const octaves = (x: number) =>
	`${Math.round(x * 10) / 10} octave${Math.round(x * 10) === 10 ? '' : 's'}`;

/** The `eq-match` drill kind. */
export const eqMatch: DrillKind = {
	id: 'eq-match',
	family: 'eq',
	name: 'Match the EQ',
	description:
		'A hidden EQ colours version A. Sweep your own until it sounds the same: frequency first, then gain.',
	unit: 'octave',
	levels: MATCH_LADDER.map((spec) => ({
		value: Math.round(spec.toleranceOctaves * 100) / 100,
		description:
			spec.toleranceDb === undefined
				? `the frequency within ${spec.toleranceOctaves === 0.5 ? '½' : spec.toleranceOctaves < 0.5 ? '⅓' : '⅔'} octave`
				: `the frequency within ${spec.toleranceOctaves === 0.5 ? '½' : '⅓'} octave and the gain within ${spec.toleranceDb} dB`
	})),
	generate({ level, rng, seed, source }) {
		const spec = MATCH_LADDER[level];
		if (!spec) throw new RangeError(`eq-match: no level ${level}`);
		const frequencyHz = rng.pick(MATCH_FREQUENCIES_HZ);
		const gainDb = rng.pick(spec.gainsDb);
		const q = BAND_Q[spec.width];
		const step: ChainStep = { type: 'peaking', frequencyHz, gainDb, q };
		const controls: MatchControls = { frequency: { ...MATCH_FREQUENCY_RANGE } };
		if (spec.toleranceDb !== undefined) controls.gain = { ...MATCH_GAIN_RANGE };
		const matchGain = spec.toleranceDb !== undefined;
		return {
			kind: 'eq-match',
			level,
			seed,
			source,
			prompt: matchGain
				? 'Set the frequency and gain of your EQ to match what was done to A.'
				: `Set the frequency of your EQ to match A (the gain is ${formatGain(gainDb, { trim: true })}).`,
			versions: [
				{ id: 'A', chain: [step] },
				{ id: 'B', chain: [] }
			],
			choices: [],
			controls,
			answer: JSON.stringify({ frequencyHz, gainDb } satisfies MatchSetting),
			params: {
				frequencyHz,
				gainDb,
				q,
				matchGain,
				toleranceOctaves: spec.toleranceOctaves,
				...(spec.toleranceDb !== undefined ? { toleranceDb: spec.toleranceDb } : {}),
				choiceCount: 0,
				processedVersion: 'A'
			},
			reveal: {
				summary: `${sentence(gainPhrase(gainDb))} at ${frequencyLabel(frequencyHz)} (${widthPhrase(spec.width)}) on A.`,
				facts: [
					{ label: 'Frequency', value: frequencyLabel(frequencyHz) },
					{ label: 'Gain', value: formatGain(gainDb, { trim: true }) },
					{ label: 'Width', value: `${widthPhrase(spec.width)} (Q ${q})` }
				],
				curve: [step]
			}
		} satisfies Question;
	},
	grade(question, answer): Grade {
		const hidden = JSON.parse(question.answer) as MatchSetting;
		const toleranceOctaves = Number(question.params.toleranceOctaves);
		const matchGain = question.params.matchGain === true;
		const toleranceDb = Number(question.params.toleranceDb);
		const setting = parseMatchAnswer({ answer, needGain: matchGain });
		if ('error' in setting) return { correct: false, score: 0, feedback: setting.error };
		const hiddenText = `${gainPhrase(hidden.gainDb)} at ${frequencyLabel(hidden.frequencyHz)}`;
		const octaveError = octaveDistance(setting.frequencyHz, hidden.frequencyHz);
		const frequencyCredit = credit(octaveError, toleranceOctaves, FALLOFF_OCTAVES);
		const frequencyOk = octaveError <= toleranceOctaves;
		let score = frequencyCredit;
		let correct = frequencyOk;
		let yours = `${frequencyLabel(Math.round(setting.frequencyHz))} (${octaves(octaveError)} off)`;
		if (matchGain) {
			const gainError = Math.abs(setting.gainDb - hidden.gainDb);
			score = (frequencyCredit + credit(gainError, toleranceDb, FALLOFF_DB)) / 2;
			correct = frequencyOk && gainError <= toleranceDb;
			yours = `${formatGain(setting.gainDb, { trim: true })} at ${yours}, ${Math.round(gainError * 10) / 10} dB off in gain`;
		}
		return {
			correct,
			score,
			feedback: correct
				? `Right: it was ${hiddenText}; you set ${yours}.`
				: `Not quite: it was ${hiddenText}; you set ${yours}.`
		};
	}
};
