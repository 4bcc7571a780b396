/**
 * The shared logic of `eq-boost` and `eq-cut` ("which band was boosted/cut?"): one ladder, one
 * generator, one grader, parameterized by the sign of the gain. Version A is the EQ'd source and
 * B the original, so the learner flips between processed and unprocessed; choices are bands.
 * Ladder after EarQuiz's defaults and DOMAIN.md: octave bands at 12 dB with few choices, then all
 * ten octave bands at 12/9/6 dB, then third-octave bands at 9/6/3 dB. Dips are harder to hear than
 * peaks, so the cut ladder starts at 12 dB too.
 */
import type { ChainStep } from '../dsp/process/chain';
import type { Rng } from '../dsp/synth/rng';
import type { Decibels } from '../dsp/units';
import { formatGain } from '../format/format';
import { BAND_Q, bandCentres, bandId, frequencyLabel, widthPhrase, type BandWidth } from './bands';
import { dbPhrase, gradeChoice, sentence } from './grading';
import type { Choice, DrillKind, DrillKindId, LevelSpec, Question } from './types';

/** One rung of the band-identification ladder. */
export interface BandLevel {
	width: BandWidth;
	/** How many bands to choose from. */
	choiceCount: number;
	/** Size of the boost or cut, dB (positive). */
	gainDb: Decibels;
	/** Octave-band choices at least this many bands apart (easiest rung only). */
	minSpacing?: number;
}

/** The ladder shared by eq-boost and eq-cut, easiest first. */
export const BAND_LADDER: readonly BandLevel[] = [
	{ width: 'octave', choiceCount: 3, gainDb: 12, minSpacing: 2 },
	{ width: 'octave', choiceCount: 5, gainDb: 12 },
	{ width: 'octave', choiceCount: 10, gainDb: 12 },
	{ width: 'octave', choiceCount: 10, gainDb: 9 },
	{ width: 'octave', choiceCount: 10, gainDb: 6 },
	{ width: 'third-octave', choiceCount: 5, gainDb: 9 },
	{ width: 'third-octave', choiceCount: 7, gainDb: 6 },
	{ width: 'third-octave', choiceCount: 7, gainDb: 3 }
];

/** "a 6 dB boost" / "a 3 dB cut" (article chosen for the number: "an 8 dB", "an 11 dB"). */
export function gainPhrase(gainDb: Decibels): string {
	return `${dbPhrase(gainDb)} ${gainDb >= 0 ? 'boost' : 'cut'}`;
}

/**
 * Picks the band indices to offer and the answer among them. The answer is drawn uniformly from
 * the offered set, so its position among the (frequency-sorted) choices is uniform and
 * unpredictable from question to question; repeats are allowed.
 */
function pickBands(rng: Rng, spec: BandLevel): { offered: number[]; answer: number } {
	const count = bandCentres(spec.width).length;
	let offered: number[];
	if (spec.width === 'third-octave') {
		// Neighbouring bands around a random region: a manageable row of buttons on a phone.
		const start = rng.int(0, count - spec.choiceCount);
		offered = Array.from({ length: spec.choiceCount }, (_, i) => start + i);
	} else {
		// A uniform random subset (rejection keeps it uniform among subsets that satisfy the spacing).
		const spacing = spec.minSpacing ?? 1;
		for (;;) {
			const pool = Array.from({ length: count }, (_, i) => i);
			for (let i = pool.length - 1; i > 0; i--) {
				const j = rng.int(0, i);
				[pool[i], pool[j]] = [pool[j], pool[i]];
			}
			offered = pool.slice(0, spec.choiceCount).sort((a, b) => a - b);
			if (offered.every((band, i) => i === 0 || band - offered[i - 1] >= spacing)) break;
		}
	}
	return { offered, answer: offered[rng.int(0, offered.length - 1)] };
}

/** Describes a rung for the level picker and the threshold ("a 6 dB octave boost among 10 bands"). */
function describe(spec: BandLevel, sign: 1 | -1): string {
	const what = sign > 0 ? 'boost' : 'cut';
	const width = spec.width === 'octave' ? 'octave' : 'third-octave';
	return `${gainPhrase(spec.gainDb).replace(/ (boost|cut)$/, '')} ${width} ${what} among ${spec.choiceCount} bands`;
}

/** Builds the `eq-boost` (sign +1) or `eq-cut` (sign −1) drill kind. */
export function createBandDrill({
	id,
	sign,
	name,
	description
}: {
	id: Extract<DrillKindId, 'eq-boost' | 'eq-cut'>;
	sign: 1 | -1;
	name: string;
	description: string;
}): DrillKind {
	const levels: LevelSpec[] = BAND_LADDER.map((spec) => ({
		value: spec.gainDb,
		description: describe(spec, sign)
	}));
	const verb = sign > 0 ? 'boosted' : 'cut';
	return {
		id,
		family: 'eq',
		name,
		description,
		unit: 'dB',
		levels,
		generate({ level, rng, seed, source }) {
			const spec = BAND_LADDER[level];
			if (!spec) throw new RangeError(`${id}: no level ${level}`);
			const centres = bandCentres(spec.width);
			const { offered, answer } = pickBands(rng, spec);
			const frequencyHz = centres[answer];
			const gainDb = sign * spec.gainDb;
			const q = BAND_Q[spec.width];
			const step: ChainStep = { type: 'peaking', frequencyHz, gainDb, q };
			const choices: Choice[] = offered.map((i) => ({
				id: bandId(centres[i]),
				label: frequencyLabel(centres[i])
			}));
			const summary = `${sentence(gainPhrase(gainDb))} at ${frequencyLabel(frequencyHz)} (${widthPhrase(spec.width)}).`;
			return {
				kind: id,
				level,
				seed,
				source,
				prompt: `Which band was ${verb}? A is EQ'd, B is the original.`,
				versions: [
					{ id: 'A', chain: [step] },
					{ id: 'B', chain: [] }
				],
				choices,
				answer: bandId(frequencyHz),
				params: {
					band: bandId(frequencyHz),
					frequencyHz,
					gainDb,
					q,
					width: spec.width,
					choiceCount: choices.length,
					processedVersion: 'A'
				},
				reveal: {
					summary,
					facts: [
						{ label: 'Band', value: frequencyLabel(frequencyHz) },
						{ label: 'Gain', value: formatGain(gainDb, { trim: true }) },
						{ label: 'Width', value: `${widthPhrase(spec.width)} (Q ${q})` },
						{ label: 'Versions', value: "A is EQ'd, B is the original" }
					],
					curve: [step]
				}
			} satisfies Question;
		},
		grade(question, answer) {
			const frequencyHz = Number(question.params.frequencyHz);
			return gradeChoice({ question, answer, explain: frequencyLabel(frequencyHz) });
		}
	};
}
