/**
 * `eq-detect`: which of A and B is EQ'd, or (at the higher rungs) neither? One broad (octave-wide,
 * Q 1.41) peaking boost or cut on one random version; the staircase runs on its size, 9 dB down to
 * 1 dB, about where a broad change stops being audible (DOMAIN.md: 0.5–1 dB broadband). Bands run
 * 125 Hz–8 kHz: phones reproduce little below ~200 Hz, and thresholds are lowest in the mids.
 */
import type { ChainStep } from '../dsp/process/chain';
import type { Decibels } from '../dsp/units';
import { BAND_Q, bandId, frequencyLabel, widthPhrase } from './bands';
import { formatGain } from '../format/format';
import { gainPhrase } from './eq-band';
import { gradeChoice, sentence } from './grading';
import type { Choice, DrillKind, Question } from './types';

/** One rung: the size of the boost or cut and whether "Neither" is offered. */
export interface DetectLevel {
	gainDb: Decibels;
	neither: boolean;
}

/** The eq-detect ladder, easiest first. */
export const DETECT_LADDER: readonly DetectLevel[] = [
	{ gainDb: 9, neither: false },
	{ gainDb: 6, neither: false },
	{ gainDb: 4, neither: false },
	{ gainDb: 3, neither: true },
	{ gainDb: 2, neither: true },
	{ gainDb: 1.5, neither: true },
	{ gainDb: 1, neither: true }
];

/** The octave bands the hidden EQ is drawn from. */
export const DETECT_BANDS_HZ = [125, 250, 500, 1000, 2000, 4000, 8000] as const;

const NEITHER = 'neither';

/** The `eq-detect` drill kind. */
export const eqDetect: DrillKind = {
	id: 'eq-detect',
	family: 'eq',
	name: 'Is there EQ?',
	description:
		'One version may carry a broad boost or cut. Find it, down to 1 dB, and learn when there is none.',
	unit: 'dB',
	levels: DETECT_LADDER.map((spec) => ({
		value: spec.gainDb,
		description: `a ${spec.gainDb} dB octave-wide boost or cut${spec.neither ? ', or none' : ''}`
	})),
	generate({ level, rng, seed, source }): Question {
		const spec = DETECT_LADDER[level];
		if (!spec) throw new RangeError(`eq-detect: no level ${level}`);
		const choices: Choice[] = [
			{ id: 'A', label: 'A' },
			{ id: 'B', label: 'B' }
		];
		if (spec.neither) choices.push({ id: NEITHER, label: 'Neither' });
		const answer = rng.pick(choices).id;
		const frequencyHz = rng.pick(DETECT_BANDS_HZ);
		const gainDb = (rng.chance(0.5) ? 1 : -1) * spec.gainDb;
		const q = BAND_Q.octave;
		const step: ChainStep = { type: 'peaking', frequencyHz, gainDb, q };
		const common = {
			kind: 'eq-detect' as const,
			level,
			seed,
			source,
			prompt: spec.neither ? 'Which version is EQ’d, if either?' : 'Which version is EQ’d: A or B?',
			choices,
			answer
		};
		if (answer === NEITHER) {
			return {
				...common,
				versions: [
					{ id: 'A', chain: [] },
					{ id: 'B', chain: [] }
				],
				params: {
					processedVersion: 'none',
					gainDb: 0,
					levelGainDb: spec.gainDb,
					q,
					choiceCount: choices.length
				},
				reveal: {
					summary: 'Neither: A and B were the same, untouched original.',
					facts: [
						{ label: 'EQ', value: 'none' },
						{ label: 'Versions', value: 'A and B are identical' }
					],
					curve: []
				}
			} satisfies Question;
		}
		const other = answer === 'A' ? 'B' : 'A';
		return {
			...common,
			versions: [
				{ id: 'A', chain: answer === 'A' ? [step] : [] },
				{ id: 'B', chain: answer === 'B' ? [step] : [] }
			],
			params: {
				processedVersion: answer,
				band: bandId(frequencyHz),
				frequencyHz,
				gainDb,
				levelGainDb: spec.gainDb,
				q,
				choiceCount: choices.length
			},
			reveal: {
				summary: `${answer} had ${gainPhrase(gainDb)} at ${frequencyLabel(frequencyHz)} (${widthPhrase('octave')}); ${other} was the original.`,
				facts: [
					{ label: 'EQ’d version', value: answer },
					{ label: 'Band', value: frequencyLabel(frequencyHz) },
					{ label: 'Gain', value: formatGain(gainDb, { trim: true }) },
					{ label: 'Width', value: `${widthPhrase('octave')} (Q ${q})` }
				],
				curve: [step]
			}
		} satisfies Question;
	},
	grade(question, answer) {
		const params = question.params;
		const explain =
			question.answer === NEITHER
				? 'neither (A and B were identical)'
				: `${question.answer}, with ${gainPhrase(Number(params.gainDb))} at ${frequencyLabel(Number(params.frequencyHz))}`;
		const grade = gradeChoice({ question, answer, explain });
		return { ...grade, feedback: sentence(grade.feedback) };
	}
};
