/**
 * `limiter`: which version is over-limited? Both versions go through the same lookahead true-peak
 * limiter (−1 dBTP ceiling, chain.ts `limit`) with different drive (gain before it), and
 * renderQuestion then loudness-matches them, so the learner compares density, not level: the one
 * pushed harder has flattened transients and a lower PSR (DOMAIN.md, "Symptoms of limiter overuse").
 * Drive is stated as how far the source's peak is pushed above the ceiling, assuming the source
 * peaks at −6 dBFS (ASSUMED_SOURCE_PEAK_DBFS), so it is about the gain reduction on the loudest
 * peaks. The staircase runs on the difference in drive: 2 against 12 dB of limiting (10 dB apart)
 * down to 8 against 10 dB (2 dB apart).
 */
import type { ChainStep } from '../dsp/process/chain';
import type { Dbfs, Decibels } from '../dsp/units';
import { formatDb } from '../format/format';
import { abChoices, pickVersion } from './ab-versions';
import { dbPhrase, gradeChoice, sentence } from './grading';
import { ASSUMED_SOURCE_PEAK_DBFS } from './source-level';
import type { DrillKind, Question } from './types';

/** One rung: the drive (dB above the ceiling at the assumed source peak) of each version. */
export interface LimiterLevel {
	lightDb: Decibels;
	heavyDb: Decibels;
}

/** The limiter ladder, easiest first. */
export const LIMITER_LADDER: readonly LimiterLevel[] = [
	{ lightDb: 2, heavyDb: 12 },
	{ lightDb: 3, heavyDb: 11 },
	{ lightDb: 4, heavyDb: 10 },
	{ lightDb: 6, heavyDb: 10 },
	{ lightDb: 6, heavyDb: 9 },
	{ lightDb: 7, heavyDb: 9.5 },
	{ lightDb: 8, heavyDb: 10 }
];

/** The limiter's true-peak ceiling, dBTP. */
export const LIMITER_CEILING_DBTP: Dbfs = -1;

/** The chain for `driveDb` of limiting: gain that puts the assumed peak `driveDb` over the ceiling. */
export function limiterChain(driveDb: Decibels): ChainStep[] {
	const gainDb = driveDb + LIMITER_CEILING_DBTP - ASSUMED_SOURCE_PEAK_DBFS;
	return [
		{ type: 'gain', gainDb },
		{ type: 'limit', ceilingDbtp: LIMITER_CEILING_DBTP }
	];
}

/** The `limiter` drill kind. */
export const limiter: DrillKind = {
	id: 'limiter',
	family: 'dynamics',
	name: 'Over-limited?',
	description:
		'Both versions are limited and loudness-matched; one was pushed much harder. Pick the squashed one.',
	unit: 'dB',
	levels: LIMITER_LADDER.map((spec) => ({
		value: spec.heavyDb - spec.lightDb,
		description: `${dbPhrase(spec.heavyDb - spec.lightDb)} difference in limiting (${spec.lightDb} against ${spec.heavyDb} dB)`
	})),
	generate({ level, rng, seed, source }): Question {
		const spec = LIMITER_LADDER[level];
		if (!spec) throw new RangeError(`limiter: no level ${level}`);
		const { answer, other } = pickVersion(rng);
		const drive = (id: string) => (id === answer ? spec.heavyDb : spec.lightDb);
		const differenceDb = spec.heavyDb - spec.lightDb;
		const choices = abChoices();
		return {
			kind: 'limiter',
			level,
			seed,
			source,
			prompt: 'Which version is over-limited? Both are matched in loudness.',
			versions: choices.map(({ id }) => ({ id, chain: limiterChain(drive(id)) })),
			choices,
			answer,
			params: {
				overLimitedVersion: answer,
				heavyDriveDb: spec.heavyDb,
				lightDriveDb: spec.lightDb,
				differenceDb,
				driveADb: drive('A'),
				driveBDb: drive('B'),
				ceilingDbtp: LIMITER_CEILING_DBTP,
				assumedSourcePeakDbfs: ASSUMED_SOURCE_PEAK_DBFS,
				choiceCount: choices.length
			},
			reveal: {
				summary: `${answer} was driven ${formatDb(spec.heavyDb, { trim: true })} into the limiter and ${other} only ${formatDb(spec.lightDb, { trim: true })}: ${formatDb(differenceDb, { trim: true })} more limiting flattens the transients and lowers the PSR, and once matched in loudness it sounds smaller, not louder.`,
				facts: [
					{ label: 'Over-limited version', value: answer },
					{
						label: `Limiting on ${answer}`,
						value: `about ${formatDb(spec.heavyDb, { trim: true })} on peaks`
					},
					{
						label: `Limiting on ${other}`,
						value: `about ${formatDb(spec.lightDb, { trim: true })} on peaks`
					},
					{ label: 'Difference', value: formatDb(differenceDb, { trim: true }) },
					{ label: 'Limiter', value: `lookahead, true-peak ceiling ${LIMITER_CEILING_DBTP} dBTP` },
					{ label: 'Versions', value: 'loudness-matched (BS.1770)' }
				]
			}
		} satisfies Question;
	},
	grade(question, answer) {
		const p = question.params;
		const explain = `${question.answer}, with ${formatDb(Number(p.heavyDriveDb), { trim: true })} of limiting against ${formatDb(Number(p.lightDriveDb), { trim: true })}`;
		const grade = gradeChoice({ question, answer, explain });
		return { ...grade, feedback: sentence(grade.feedback) };
	}
};
