/**
 * `level`: which version is louder? The same clip twice, one turned up by a broadband gain of X dB;
 * the staircase runs on X, from 3 dB down to 0.25 dB, below the textbook 0.5–1 dB at which a
 * broadband change becomes noticeable (DOMAIN.md, "Hearing and training"). This is the one drill
 * that is not loudness-matched (`match: false`): renderQuestion keeps the difference and only its
 * common true-peak guard lowers both versions together. A random "rove" (±0.5 dB in 0.25 dB steps)
 * moves both versions together, so the absolute level of either one gives nothing away.
 */
import type { ChainStep } from '../dsp/process/chain';
import type { Decibels } from '../dsp/units';
import { formatDb, formatGain } from '../format/format';
import { abChoices, pickVersion } from './ab-versions';
import { gradeChoice, sentence } from './grading';
import type { DrillKind, Question } from './types';

/** The level ladder: the louder version's lead, dB, easiest first. */
export const LEVEL_LADDER_DB: readonly Decibels[] = [3, 2, 1.5, 1, 0.75, 0.5, 0.25];

/** Common offsets applied to both versions, dB: the absolute level is not a cue. */
export const LEVEL_ROVE_DB: readonly Decibels[] = [-0.5, -0.25, 0, 0.25, 0.5];

/** Why louder sounds better, and why every other drill is matched: shown after each answer. */
export const LOUDNESS_BIAS_NOTE =
	'A version only about 1 dB louder is often heard as “better”, fuller or with more bass, even when nothing else changed. ' +
	'That is why every other drill plays its versions at the same loudness: so you judge the processing, not the level.';

/** A level difference as the ladder states it, up to two decimals: "1.5 dB", "0.25 dB". */
function differenceText(differenceDb: Decibels): string {
	return formatDb(differenceDb, { digits: 2, trim: true });
}

/** A gain step, or nothing for 0 dB (so the version is the untouched original). */
function gainChain(gainDb: Decibels): ChainStep[] {
	return gainDb === 0 ? [] : [{ type: 'gain', gainDb }];
}

/** The `level` drill kind. */
export const level: DrillKind = {
	id: 'level',
	family: 'dynamics',
	name: 'Which is louder?',
	description:
		'The same clip twice, one slightly louder. Hear level differences down to a quarter of a decibel, and learn why every other drill is loudness-matched.',
	unit: 'dB',
	levels: LEVEL_LADDER_DB.map((differenceDb) => ({
		value: differenceDb,
		description: `one version ${differenceText(differenceDb)} louder`
	})),
	generate({ level, rng, seed, source }): Question {
		const differenceDb = LEVEL_LADDER_DB[level];
		if (differenceDb === undefined) throw new RangeError(`level: no level ${level}`);
		const { answer: louder, other: quieter } = pickVersion(rng);
		const roveDb = rng.pick(LEVEL_ROVE_DB);
		const choices = abChoices();
		// Split the difference around the rove so neither version is always the untouched original.
		const louderGainDb = roveDb + differenceDb / 2;
		const quieterGainDb = roveDb - differenceDb / 2;
		const chainOf = (id: string) => gainChain(id === louder ? louderGainDb : quieterGainDb);
		return {
			kind: 'level',
			level,
			seed,
			source,
			prompt: 'Which version is louder: A or B?',
			versions: [
				{ id: 'A', chain: chainOf('A') },
				{ id: 'B', chain: chainOf('B') }
			],
			choices,
			match: false,
			answer: louder,
			params: {
				louderVersion: louder,
				differenceDb,
				louderGainDb,
				quieterGainDb,
				roveDb,
				choiceCount: choices.length
			},
			reveal: {
				summary: `${louder} was ${differenceText(differenceDb)} louder than ${quieter}; nothing else differed.`,
				facts: [
					{ label: 'Louder version', value: louder },
					{ label: 'Difference', value: differenceText(differenceDb) },
					{
						label: 'Gains',
						value: `${louder} ${formatGain(louderGainDb, { trim: true })}, ${quieter} ${formatGain(quieterGainDb, { trim: true })}`
					},
					{ label: 'Why it matters', value: LOUDNESS_BIAS_NOTE }
				]
			}
		} satisfies Question;
	},
	grade(question, answer) {
		const explain = `${question.answer}, ${differenceText(Number(question.params.differenceDb))} louder`;
		const grade = gradeChoice({ question, answer, explain });
		return { ...grade, feedback: sentence(grade.feedback) };
	}
};
