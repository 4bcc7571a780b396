/**
 * `compression`: which version is compressed, or more compressed, and at the top of the ladder,
 * which has the faster attack, then the faster release? Versions go through the feed-forward compressor of chain.ts
 * (`compress`, peak detection, hard knee, no makeup: renderQuestion loudness-matches them).
 * Thresholds are set against the source's assumed peak (−6 dBFS, ASSUMED_SOURCE_PEAK_DBFS), so a
 * peak at that level gets the stated static gain reduction: G = (peak − threshold)(1 − 1/ratio).
 * The staircase unit is the difference in gain reduction between the versions (dB): for the amount
 * rungs the static difference on peaks, for the attack rungs the difference 1 ms into a hit, from
 * the detector's one-pole step response G(1 − e^(−t/τ)) (Giannoulis et al., JAES 2012, §3.1), and
 * for the release rungs the difference 10 ms after the signal falls back below the threshold, from
 * the release branch's one-pole decay G·e^(−t/τ) in the log domain: G(e^(−t/τslow) − e^(−t/τfast)).
 * The release probe sits early, where the curves have only begun to part, so the release rungs'
 * values (1.2, 0.7, 0.5 dB) keep falling after the attack rungs' (3.6, 2.1, 1.3 dB); 100 ms after
 * the drop the same pairs are 4.2, 3.2 and 2.2 dB apart.
 */
import type { ChainStep } from '../dsp/process/chain';
import type { Dbfs, Decibels } from '../dsp/units';
import { formatDb } from '../format/format';
import { abChoices, pickVersion } from './ab-versions';
import { dbPhrase, gradeChoice, sentence } from './grading';
import { ASSUMED_SOURCE_PEAK_DBFS } from './source-level';
import type { DrillKind, LevelSpec, Question } from './types';

/** Settings of one compressed version. */
export interface CompressorRecipe {
	/** Static gain reduction at the assumed source peak, dB. */
	grDb: Decibels;
	ratio: number;
	attackMs: number;
	releaseMs: number;
}

/** One rung: more against less (or no) compression, or a fast against a slow attack or release. */
export type CompressionLevel =
	| { mode: 'amount'; heavy: CompressorRecipe; light: CompressorRecipe | null }
	| { mode: 'attack'; grDb: Decibels; ratio: number; fastMs: number; slowMs: number }
	| { mode: 'release'; grDb: Decibels; ratio: number; fastMs: number; slowMs: number };

/** Attack and release of the amount rungs (a typical bus setting). */
const AMOUNT_TIMES = { attackMs: 1, releaseMs: 100 } as const;
/** Release of the attack rungs. */
const ATTACK_RELEASE_MS = 100;
/** Where the attack rungs' difference in gain reduction is evaluated: 1 ms into a hit. */
export const ATTACK_PROBE_MS = 1;
/** Attack of the release rungs. */
export const RELEASE_ATTACK_MS = 5;
/** Where the release rungs' difference in gain reduction is evaluated: 10 ms after the drop. */
export const RELEASE_PROBE_MS = 10;

/** The compression ladder, easiest first. */
export const COMPRESSION_LADDER: readonly CompressionLevel[] = [
	{ mode: 'amount', heavy: { grDb: 10, ratio: 8, ...AMOUNT_TIMES }, light: null },
	{ mode: 'amount', heavy: { grDb: 8, ratio: 4, ...AMOUNT_TIMES }, light: null },
	{
		mode: 'amount',
		heavy: { grDb: 9, ratio: 6, ...AMOUNT_TIMES },
		light: { grDb: 3, ratio: 2, ...AMOUNT_TIMES }
	},
	{
		mode: 'amount',
		heavy: { grDb: 8, ratio: 4, ...AMOUNT_TIMES },
		light: { grDb: 4, ratio: 2, ...AMOUNT_TIMES }
	},
	{ mode: 'attack', grDb: 6, ratio: 4, fastMs: 1, slowMs: 30 },
	{ mode: 'attack', grDb: 6, ratio: 4, fastMs: 2, slowMs: 20 },
	{ mode: 'attack', grDb: 6, ratio: 4, fastMs: 3, slowMs: 15 },
	{ mode: 'release', grDb: 6, ratio: 4, fastMs: 40, slowMs: 400 },
	{ mode: 'release', grDb: 6, ratio: 4, fastMs: 60, slowMs: 300 },
	{ mode: 'release', grDb: 6, ratio: 4, fastMs: 80, slowMs: 240 }
];

/** The threshold that gives `grDb` of static gain reduction at the assumed peak (0.1 dB steps). */
export function thresholdFor(grDb: Decibels, ratio: number): Dbfs {
	return Math.round((ASSUMED_SOURCE_PEAK_DBFS - grDb / (1 - 1 / ratio)) * 10) / 10;
}

/** The compress step of a recipe. */
export function compressStep(recipe: CompressorRecipe): ChainStep {
	return {
		type: 'compress',
		thresholdDb: thresholdFor(recipe.grDb, recipe.ratio),
		ratio: recipe.ratio,
		attackMs: recipe.attackMs,
		releaseMs: recipe.releaseMs
	};
}

/** Gain reduction `ms` into a step that asks for `grDb`, with attack time constant `attackMs`. */
export function onsetGrDb({
	grDb,
	attackMs,
	ms = ATTACK_PROBE_MS
}: {
	grDb: Decibels;
	attackMs: number;
	ms?: number;
}): Decibels {
	return grDb * (1 - Math.exp(-ms / attackMs));
}

/**
 * Gain reduction `ms` after the signal falls back below the threshold, from `grDb` held before,
 * with release time constant `releaseMs`.
 */
export function releaseGrDb({
	grDb,
	releaseMs,
	ms = RELEASE_PROBE_MS
}: {
	grDb: Decibels;
	releaseMs: number;
	ms?: number;
}): Decibels {
	return grDb * Math.exp(-ms / releaseMs);
}

/** A rung's value: the difference in gain reduction the learner hears, dB (0.1 dB steps). */
export function compressionDifferenceDb(spec: CompressionLevel): Decibels {
	const raw =
		spec.mode === 'amount'
			? spec.heavy.grDb - (spec.light?.grDb ?? 0)
			: spec.mode === 'attack'
				? onsetGrDb({ grDb: spec.grDb, attackMs: spec.fastMs }) -
					onsetGrDb({ grDb: spec.grDb, attackMs: spec.slowMs })
				: releaseGrDb({ grDb: spec.grDb, releaseMs: spec.slowMs }) -
					releaseGrDb({ grDb: spec.grDb, releaseMs: spec.fastMs });
	return Math.round(raw * 10) / 10;
}

/** "a 40 ms" / "an 80 ms" / "an 18 ms": the article a spoken number needs. */
function msPhrase(ms: number): string {
	return `${/^(8|1[18]$|1[18]\D)/.test(String(ms)) ? 'an' : 'a'} ${ms} ms`;
}

function describe(spec: CompressionLevel): string {
	const difference = compressionDifferenceDb(spec);
	if (spec.mode === 'attack') {
		return `a ${spec.fastMs} ms against a ${spec.slowMs} ms attack (${formatDb(difference, { trim: true })} apart 1 ms into each hit)`;
	}
	if (spec.mode === 'release') {
		return `${msPhrase(spec.fastMs)} against ${msPhrase(spec.slowMs)} release (${formatDb(difference, { trim: true })} apart ${RELEASE_PROBE_MS} ms after the signal drops)`;
	}
	const against = spec.light
		? `${spec.heavy.grDb} against ${spec.light.grDb} dB`
		: `${spec.heavy.grDb} dB against none`;
	return `${dbPhrase(difference)} difference in gain reduction (${against})`;
}

/** The `compression` drill kind. */
export const compression: DrillKind = {
	id: 'compression',
	family: 'dynamics',
	name: 'Compressed?',
	description:
		'Find the compressed (or more compressed) version at matched loudness, then the faster attack and release.',
	unit: 'dB',
	levels: COMPRESSION_LADDER.map((spec): LevelSpec => ({
		value: compressionDifferenceDb(spec),
		description: describe(spec)
	})),
	generate({ level, rng, seed, source }): Question {
		const spec = COMPRESSION_LADDER[level];
		if (!spec) throw new RangeError(`compression: no level ${level}`);
		const { answer, other } = pickVersion(rng);
		const choices = abChoices();
		const differenceDb = compressionDifferenceDb(spec);
		const common = { kind: 'compression' as const, level, seed, source, choices, answer };
		if (spec.mode === 'attack') {
			const recipe = (attackMs: number): CompressorRecipe => ({
				grDb: spec.grDb,
				ratio: spec.ratio,
				attackMs,
				releaseMs: ATTACK_RELEASE_MS
			});
			const fast = compressStep(recipe(spec.fastMs));
			const slow = compressStep(recipe(spec.slowMs));
			return {
				...common,
				prompt: 'Which version has the faster attack? Both are compressed the same amount.',
				versions: choices.map(({ id }) => ({ id, chain: [id === answer ? fast : slow] })),
				params: {
					mode: 'attack',
					answerVersion: answer,
					fastAttackMs: spec.fastMs,
					slowAttackMs: spec.slowMs,
					releaseMs: ATTACK_RELEASE_MS,
					grDb: spec.grDb,
					ratio: spec.ratio,
					thresholdDb: thresholdFor(spec.grDb, spec.ratio),
					differenceDb,
					assumedSourcePeakDbfs: ASSUMED_SOURCE_PEAK_DBFS,
					choiceCount: choices.length
				},
				reveal: {
					summary: `${answer} had a ${spec.fastMs} ms attack and ${other} a ${spec.slowMs} ms one, with the same threshold and ratio: the fast attack clamps down on each hit and dulls its snap, the slow one lets the transient through.`,
					facts: [
						{ label: 'Faster attack', value: answer },
						{
							label: 'Attack',
							value: `${spec.fastMs} ms (${answer}) against ${spec.slowMs} ms (${other})`
						},
						{ label: 'Release', value: `${ATTACK_RELEASE_MS} ms on both` },
						{
							label: 'Compressor',
							value: `ratio ${spec.ratio}:1, threshold ${thresholdFor(spec.grDb, spec.ratio)} dBFS (set for ${formatDb(spec.grDb, { trim: true })} on a −6 dBFS peak)`
						},
						{ label: 'Difference 1 ms into a hit', value: formatDb(differenceDb, { trim: true }) },
						{ label: 'Versions', value: 'loudness-matched (BS.1770)' }
					]
				}
			} satisfies Question;
		}
		if (spec.mode === 'release') {
			const recipe = (releaseMs: number): CompressorRecipe => ({
				grDb: spec.grDb,
				ratio: spec.ratio,
				attackMs: RELEASE_ATTACK_MS,
				releaseMs
			});
			const fast = compressStep(recipe(spec.fastMs));
			const slow = compressStep(recipe(spec.slowMs));
			const threshold = thresholdFor(spec.grDb, spec.ratio);
			return {
				...common,
				prompt: 'Which has the faster release? Both are compressed the same amount.',
				versions: choices.map(({ id }) => ({ id, chain: [id === answer ? fast : slow] })),
				params: {
					mode: 'release',
					answerVersion: answer,
					fastReleaseMs: spec.fastMs,
					slowReleaseMs: spec.slowMs,
					attackMs: RELEASE_ATTACK_MS,
					grDb: spec.grDb,
					ratio: spec.ratio,
					thresholdDb: threshold,
					probeMs: RELEASE_PROBE_MS,
					differenceDb,
					assumedSourcePeakDbfs: ASSUMED_SOURCE_PEAK_DBFS,
					choiceCount: choices.length
				},
				reveal: {
					summary: `${answer} had ${msPhrase(spec.fastMs)} release and ${other} ${msPhrase(spec.slowMs)} one, with the same threshold, ratio and attack: the fast release lets go right after each hit, so the level pumps back up between them, while the slow one holds the gain down and smooths the gaps.`,
					facts: [
						{ label: 'Faster release', value: answer },
						{
							label: 'Release',
							value: `${spec.fastMs} ms (${answer}) against ${spec.slowMs} ms (${other})`
						},
						{ label: 'Attack', value: `${RELEASE_ATTACK_MS} ms on both` },
						{
							label: 'Compressor',
							value: `ratio ${spec.ratio}:1, threshold ${threshold} dBFS (set for ${formatDb(spec.grDb, { trim: true })} on a −6 dBFS peak)`
						},
						{
							label: `Difference ${RELEASE_PROBE_MS} ms after the signal drops`,
							value: `${formatDb(differenceDb, { trim: true })} (${formatDb(releaseGrDb({ grDb: spec.grDb, releaseMs: spec.slowMs }), { trim: true })} against ${formatDb(releaseGrDb({ grDb: spec.grDb, releaseMs: spec.fastMs }), { trim: true })} of gain reduction still applied)`
						},
						{ label: 'Versions', value: 'loudness-matched (BS.1770)' }
					]
				}
			} satisfies Question;
		}
		const heavy = compressStep(spec.heavy);
		const light = spec.light ? compressStep(spec.light) : null;
		const lightChain = light ? [light] : [];
		const lightPhrase = spec.light
			? `${other} for ${formatDb(spec.light.grDb, { trim: true })} (ratio ${spec.light.ratio}:1)`
			: `${other} was not compressed`;
		return {
			...common,
			prompt: spec.light
				? 'Which version is more compressed? Both are matched in loudness.'
				: 'Which version is compressed? Both are matched in loudness.',
			versions: choices.map(({ id }) => ({ id, chain: id === answer ? [heavy] : lightChain })),
			params: {
				mode: 'amount',
				answerVersion: answer,
				heavyGrDb: spec.heavy.grDb,
				heavyRatio: spec.heavy.ratio,
				heavyThresholdDb: thresholdFor(spec.heavy.grDb, spec.heavy.ratio),
				lightGrDb: spec.light?.grDb ?? 0,
				lightRatio: spec.light?.ratio ?? 1,
				lightThresholdDb: spec.light ? thresholdFor(spec.light.grDb, spec.light.ratio) : 0,
				attackMs: AMOUNT_TIMES.attackMs,
				releaseMs: AMOUNT_TIMES.releaseMs,
				differenceDb,
				assumedSourcePeakDbfs: ASSUMED_SOURCE_PEAK_DBFS,
				choiceCount: choices.length
			},
			reveal: {
				summary: `${answer} was set for ${formatDb(spec.heavy.grDb, { trim: true })} of gain reduction on a −6 dBFS peak (ratio ${spec.heavy.ratio}:1) and ${lightPhrase}: matched in loudness, the compressed one sounds denser and flatter, with softer hits and a louder tail.`,
				facts: [
					{ label: spec.light ? 'More compressed' : 'Compressed', value: answer },
					{
						label: `Compression on ${answer}`,
						value: `ratio ${spec.heavy.ratio}:1, threshold ${thresholdFor(spec.heavy.grDb, spec.heavy.ratio)} dBFS (set for ${formatDb(spec.heavy.grDb, { trim: true })} on a −6 dBFS peak)`
					},
					{
						label: `Compression on ${other}`,
						value: spec.light
							? `ratio ${spec.light.ratio}:1, threshold ${thresholdFor(spec.light.grDb, spec.light.ratio)} dBFS (set for ${formatDb(spec.light.grDb, { trim: true })} on a −6 dBFS peak)`
							: 'none'
					},
					{
						label: 'Attack / release',
						value: `${AMOUNT_TIMES.attackMs} ms / ${AMOUNT_TIMES.releaseMs} ms`
					},
					{ label: 'Versions', value: 'loudness-matched (BS.1770)' }
				]
			}
		} satisfies Question;
	},
	grade(question, answer) {
		const p = question.params;
		const explain =
			p.mode === 'attack'
				? `${question.answer}, with a ${p.fastAttackMs} ms attack against ${p.slowAttackMs} ms`
				: p.mode === 'release'
					? `${question.answer}, with ${msPhrase(Number(p.fastReleaseMs))} release against ${p.slowReleaseMs} ms`
					: `${question.answer}, with about ${formatDb(Number(p.heavyGrDb), { trim: true })} of gain reduction against ${Number(p.lightGrDb) > 0 ? formatDb(Number(p.lightGrDb), { trim: true }) : 'none'}`;
		const grade = gradeChoice({ question, answer, explain });
		return { ...grade, feedback: sentence(grade.feedback) };
	}
};
