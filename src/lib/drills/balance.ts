/**
 * `balance`: which part moved? The same song section mixed twice from its stems (the mix projects'
 * stems, `mix/stems`, at the style's balance): A as mixed, B with one stem's fader moved up or down
 * by X dB. The staircase runs on X from 6 dB down to 1 dB, around the 1 dB at which a level change
 * of one part in a mix starts to be heard by trained listeners (DOMAIN.md, "Hearing and training").
 * The versions are loudness-matched like every other drill, so the overall level gives nothing away:
 * only the balance does.
 */
import type { Decibels } from '../dsp/units';
import { formatGain } from '../format/format';
import { stemIds, type StemId } from '../mix/types';
import { stemNamesOf } from '../mix/stem-names';
import { gradeChoice, sentence } from './grading';
import type { Choice, DrillKind, Question } from './types';

/** The ladder: how far the stem moves, dB, easiest first. */
export const BALANCE_LADDER_DB: readonly Decibels[] = [6, 4, 3, 2, 1.5, 1];

/** How many answers the learner chooses from. */
export const BALANCE_CHOICES = 4;

type Direction = 'up' | 'down';

/** The answer id of a move: `vocal-up`. */
export const moveId = (stem: StemId, direction: Direction) => `${stem}-${direction}`;

/** The `balance` drill kind. */
export const balance: DrillKind = {
	id: 'balance',
	family: 'balance',
	name: 'What moved?',
	description:
		'A mix twice from its stems: in B one part is louder or quieter. Hear balance changes down to 1 dB, at the same overall loudness.',
	unit: 'dB',
	stems: true,
	levels: BALANCE_LADDER_DB.map((db) => ({
		value: db,
		description: `one part moved by ${formatGain(db).replace('+', '')}`
	})),
	generate({ level, rng, seed, source }): Question {
		const amountDb = BALANCE_LADDER_DB[level];
		if (amountDb === undefined) throw new RangeError(`balance: no level ${level}`);
		if (source.kind !== 'stems') throw new RangeError('balance: the source must be a song’s stems');
		const names = stemNamesOf(source.style);
		const stem = rng.pick(stemIds);
		const direction: Direction = rng.chance(0.5) ? 'up' : 'down';
		const gainDb = direction === 'up' ? amountDb : -amountDb;
		const label = (id: StemId, d: Direction) => `${names[id]} ${d}`;
		// The right move, the same part the other way, and two other parts.
		const others = stemIds.filter((id) => id !== stem);
		const decoys: Choice[] = [];
		while (decoys.length < BALANCE_CHOICES - 2) {
			const id = rng.pick(others);
			if (decoys.some((c) => c.id.startsWith(`${id}-`))) continue;
			const d: Direction = rng.chance(0.5) ? 'up' : 'down';
			decoys.push({ id: moveId(id, d), label: label(id, d) });
		}
		const opposite: Direction = direction === 'up' ? 'down' : 'up';
		const choices: Choice[] = [
			{ id: moveId(stem, direction), label: label(stem, direction) },
			{ id: moveId(stem, opposite), label: label(stem, opposite) },
			...decoys
		];
		// Shuffled (Fisher–Yates on the question's rng), so the answer's place gives nothing away.
		for (let i = choices.length - 1; i > 0; i--) {
			const j = rng.int(0, i);
			[choices[i], choices[j]] = [choices[j], choices[i]];
		}
		const moved = `${names[stem].toLowerCase()} ${formatGain(gainDb)}`;
		return {
			kind: 'balance',
			level,
			seed,
			source,
			prompt: 'B is A with one part moved. Which, and which way?',
			versions: [
				{ id: 'A', chain: [] },
				{ id: 'B', chain: [], stemGains: { [stem]: gainDb } }
			],
			choices,
			answer: moveId(stem, direction),
			params: { stem, direction, amountDb, gainDb, choiceCount: choices.length },
			reveal: {
				summary: sentence(`B had the ${moved}; the two were matched in loudness.`),
				facts: [
					{ label: 'Part', value: names[stem] },
					{ label: 'Move', value: formatGain(gainDb) }
				]
			}
		};
	},
	grade(question, answer) {
		const stem = question.params.stem as StemId;
		const names = question.source.kind === 'stems' ? stemNamesOf(question.source.style) : null;
		return gradeChoice({
			question,
			answer,
			explain: `the ${(names?.[stem] ?? stem).toLowerCase()} ${question.params.direction === 'up' ? 'up' : 'down'} ${formatGain(Number(question.params.gainDb)).replace(/^[+−-]/, '')}`
		});
	}
};
