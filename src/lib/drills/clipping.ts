/**
 * `clipping`: which version clips? One version is driven into a clipper (chain.ts `clip`: hard, or
 * the cubic soft clipper at some rungs) and turned back down by the same gain, so only the clipped
 * peaks differ; the other is the untouched original, which peaks well below 0 dBFS. renderQuestion
 * then loudness-matches them. The staircase unit is how far the source's peak (assumed −6 dBFS,
 * ASSUMED_SOURCE_PEAK_DBFS) is driven past the clipper's 0 dBFS ceiling: 12 dB down to 1 dB.
 */
import type { ClipperShape } from '../dsp/process/clipper';
import type { ChainStep } from '../dsp/process/chain';
import type { Decibels } from '../dsp/units';
import { formatDb } from '../format/format';
import { abChoices, pickVersion } from './ab-versions';
import { dbPhrase, gradeChoice, sentence } from './grading';
import { ASSUMED_SOURCE_PEAK_DBFS } from './source-level';
import type { DrillKind, Question } from './types';

/** One rung: dB driven past the ceiling at the assumed source peak, and the clipper's curve. */
export interface ClippingLevel {
	overDb: Decibels;
	shape: Extract<ClipperShape, 'hard' | 'cubic'>;
}

/** The clipping ladder, easiest first. */
export const CLIPPING_LADDER: readonly ClippingLevel[] = [
	{ overDb: 12, shape: 'hard' },
	{ overDb: 9, shape: 'hard' },
	{ overDb: 6, shape: 'hard' },
	{ overDb: 5, shape: 'cubic' },
	{ overDb: 4, shape: 'hard' },
	{ overDb: 3, shape: 'cubic' },
	{ overDb: 2, shape: 'hard' },
	{ overDb: 1, shape: 'hard' }
];

const SHAPE_WORDS: Record<ClippingLevel['shape'], string> = {
	hard: 'hard clipping',
	cubic: 'soft (cubic) clipping'
};

/** The clipped version's chain: drive into the 0 dBFS clipper, then the same gain back down. */
export function clippingChain(spec: ClippingLevel): ChainStep[] {
	const driveDb = spec.overDb - ASSUMED_SOURCE_PEAK_DBFS;
	return [
		{ type: 'clip', driveDb, shape: spec.shape },
		{ type: 'gain', gainDb: -driveDb }
	];
}

/** The `clipping` drill kind. */
export const clipping: DrillKind = {
	id: 'clipping',
	family: 'dynamics',
	name: 'Clipped?',
	description:
		'One version was pushed into a clipper, hard or soft, then matched in loudness. Hear the broken peaks.',
	unit: 'dB',
	levels: CLIPPING_LADDER.map((spec) => ({
		value: spec.overDb,
		description: `${dbPhrase(spec.overDb)} drive into ${SHAPE_WORDS[spec.shape]}`
	})),
	generate({ level, rng, seed, source }): Question {
		const spec = CLIPPING_LADDER[level];
		if (!spec) throw new RangeError(`clipping: no level ${level}`);
		const { answer, other } = pickVersion(rng);
		const choices = abChoices();
		const chain = clippingChain(spec);
		const driveDb = spec.overDb - ASSUMED_SOURCE_PEAK_DBFS;
		return {
			kind: 'clipping',
			level,
			seed,
			source,
			prompt: 'Which version clips? Both are matched in loudness.',
			versions: choices.map(({ id }) => ({ id, chain: id === answer ? chain : [] })),
			choices,
			answer,
			params: {
				clippedVersion: answer,
				overDb: spec.overDb,
				clipDriveDb: driveDb,
				shape: spec.shape,
				ceilingDbfs: 0,
				assumedSourcePeakDbfs: ASSUMED_SOURCE_PEAK_DBFS,
				choiceCount: choices.length
			},
			reveal: {
				summary: `${answer} was driven ${formatDb(spec.overDb, { trim: true })} past a 0 dBFS ${spec.shape === 'hard' ? 'hard' : 'soft (cubic)'} clipper and turned back down; ${other} was the clean original. Clipping squares off the peaks: listen for a gritty edge on the hits.`,
				facts: [
					{ label: 'Clipped version', value: answer },
					{ label: 'Clipper', value: SHAPE_WORDS[spec.shape] },
					{ label: 'Drive past the ceiling', value: formatDb(spec.overDb, { trim: true }) },
					{
						label: 'Gain into the clipper',
						value: `+${formatDb(driveDb, { trim: true })}, then −${formatDb(driveDb, { trim: true })}`
					},
					{ label: 'Clean version', value: `${other} (the original)` },
					{ label: 'Versions', value: 'loudness-matched (BS.1770)' }
				]
			}
		} satisfies Question;
	},
	grade(question, answer) {
		const p = question.params;
		const explain = `${question.answer}, with ${formatDb(Number(p.overDb), { trim: true })} of ${p.shape === 'hard' ? 'hard' : 'soft'} clipping`;
		const grade = gradeChoice({ question, answer, explain });
		return { ...grade, feedback: sentence(grade.feedback) };
	}
};
