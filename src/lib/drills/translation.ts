/**
 * `translation`: which playback system is this? Version A is the original, B the same clip through
 * one of the engine's system simulations (dsp/process/systems.ts: phone, laptop, earbuds, car, club;
 * typical curves after DOMAIN.md's translation notes, not any brand). The staircase runs on the
 * number of systems to choose from: 2 very different ones, then 3, 4 and all 5 (random subsets, so
 * the answer's position is uniform). A separate, clearly labelled rung asks the variant "which mix
 * will lose its bass on a phone?": one version has its low end concentrated below ~120 Hz (a low
 * shelf up, the 300 Hz region scooped), which a phone speaker (almost nothing below ~300 Hz)
 * cannot reproduce; the other is the original.
 */
import type { ChainStep } from '../dsp/process/chain';
import { systemIds, systems, type SystemId } from '../dsp/process/systems';
import type { Rng } from '../dsp/synth/rng';
import { abChoices, pickVersion } from './ab-versions';
import { gradeChoice, sentence } from './grading';
import type { Choice, DrillKind, Question } from './types';

/** Button labels for the systems. */
export const SYSTEM_LABELS: Record<SystemId, string> = {
	phone: 'Phone speaker',
	laptop: 'Laptop',
	earbuds: 'Earbuds',
	car: 'Car',
	club: 'Club'
};

/** Pairs of clearly different systems for the easiest rung. */
export const CONTRASTING_PAIRS: readonly (readonly [SystemId, SystemId])[] = [
	['phone', 'club'],
	['phone', 'earbuds'],
	['laptop', 'club']
];

/** The low end moved below ~120 Hz: more sub, less of the 300 Hz region a phone still plays. */
export const SUB_HEAVY_CHAIN: readonly ChainStep[] = [
	{ type: 'lowshelf', frequencyHz: 120, gainDb: 6, q: 0.707 },
	{ type: 'peaking', frequencyHz: 300, gainDb: -8, q: 0.9 }
];

/** One rung: which systems question, or the bass-on-a-phone variant. */
export type TranslationLevel =
	{ variant: 'system'; choiceCount: 2 | 3 | 4 | 5 } | { variant: 'phone-bass'; choiceCount: 2 };

/** The translation ladder, easiest first. */
export const TRANSLATION_LADDER: readonly TranslationLevel[] = [
	{ variant: 'system', choiceCount: 2 },
	{ variant: 'phone-bass', choiceCount: 2 },
	{ variant: 'system', choiceCount: 3 },
	{ variant: 'system', choiceCount: 4 },
	{ variant: 'system', choiceCount: 5 }
];

/** The systems offered at a rung, in display order. */
function offeredSystems(rng: Rng, choiceCount: number): SystemId[] {
	if (choiceCount === 2) return [...rng.pick(CONTRASTING_PAIRS)];
	const pool = [...systemIds];
	for (let i = pool.length - 1; i > 0; i--) {
		const j = rng.int(0, i);
		[pool[i], pool[j]] = [pool[j], pool[i]];
	}
	const chosen = new Set(pool.slice(0, choiceCount));
	return systemIds.filter((id) => chosen.has(id));
}

function describeLevel(spec: TranslationLevel): string {
	if (spec.variant === 'phone-bass') return 'Bass on a phone: which of two mixes loses its bass';
	if (spec.choiceCount === 2) return 'which of 2 very different playback systems';
	return spec.choiceCount === systemIds.length
		? 'which of all 5 playback systems'
		: `which of ${spec.choiceCount} playback systems`;
}

/** The bass-on-a-phone question: the sub-heavy version is the answer. */
function phoneBassQuestion({
	level,
	rng,
	seed,
	source
}: Parameters<DrillKind['generate']>[0]): Question {
	const { answer, other } = pickVersion(rng);
	const choices = abChoices();
	const chainOf = (id: string) => (id === answer ? [...SUB_HEAVY_CHAIN] : []);
	return {
		kind: 'translation',
		level,
		seed,
		source,
		prompt: 'Which mix will lose its bass on a phone speaker: A or B?',
		versions: [
			{ id: 'A', chain: chainOf('A') },
			{ id: 'B', chain: chainOf('B') }
		],
		choices,
		answer,
		params: {
			variant: 'phone-bass',
			bassHeavyVersion: answer,
			shelfHz: 120,
			shelfGainDb: 6,
			scoopHz: 300,
			scoopGainDb: -8,
			choiceCount: choices.length
		},
		reveal: {
			summary: `${answer} had its low end moved below ~120 Hz (a +6 dB low shelf, −8 dB at 300 Hz), where a phone speaker plays almost nothing; ${other} was the original.`,
			facts: [
				{ label: 'Loses its bass on a phone', value: answer },
				{ label: 'Why', value: 'Phone speakers reproduce little below ~200–300 Hz' },
				{ label: 'Fix', value: 'Give bass and kick some harmonics or body around 150–400 Hz' }
			],
			curve: [...SUB_HEAVY_CHAIN]
		}
	} satisfies Question;
}

/** The `translation` drill kind. */
export const translation: DrillKind = {
	id: 'translation',
	family: 'translation',
	name: 'Which system?',
	description:
		'Hear a mix the way a phone, laptop, earbuds, a car or a club plays it, and name the system.',
	unit: 'choices',
	levels: TRANSLATION_LADDER.map((spec) => ({
		value: spec.choiceCount,
		description: describeLevel(spec)
	})),
	generate(options): Question {
		const { level, rng, seed, source } = options;
		const spec = TRANSLATION_LADDER[level];
		if (!spec) throw new RangeError(`translation: no level ${level}`);
		if (spec.variant === 'phone-bass') return phoneBassQuestion(options);
		const offered = offeredSystems(rng, spec.choiceCount);
		const system = rng.pick(offered);
		const choices: Choice[] = offered.map((id) => ({ id, label: SYSTEM_LABELS[id] }));
		return {
			kind: 'translation',
			level,
			seed,
			source,
			prompt: 'Which playback system is B? A is the original.',
			versions: [
				{ id: 'A', chain: [] },
				{ id: 'B', chain: [{ type: 'system', system }] }
			],
			choices,
			answer: system,
			params: {
				variant: 'system',
				system,
				processedVersion: 'B',
				choiceCount: choices.length
			},
			reveal: {
				summary: `B was the original played through the ${SYSTEM_LABELS[system].toLowerCase()} simulation.`,
				facts: [
					{ label: 'System', value: SYSTEM_LABELS[system] },
					{ label: 'What it does', value: systems[system].description },
					{ label: 'Versions', value: 'A is the original, B the simulation' }
				]
			}
		} satisfies Question;
	},
	grade(question, answer) {
		const explain =
			question.params.variant === 'phone-bass'
				? `${question.answer}, whose bass sat below ~120 Hz`
				: SYSTEM_LABELS[question.answer as SystemId];
		const grade = gradeChoice({ question, answer, explain });
		return { ...grade, feedback: sentence(grade.feedback) };
	}
};
