import { beforeAll, describe, expect, it } from 'vitest';
import { testBank } from '../../cli/test-music';
import { measureLoudness } from '../dsp/analysis/loudness';
import { styleForSeed } from '../dsp/synth/styles';
import { dbToGain } from '../dsp/units';
import { stemIds, type StemId } from '../mix/types';
import { BALANCE_CHOICES, BALANCE_LADDER_DB, balance } from './balance';
import { generateQuestion } from './question-rng';
import { renderQuestion, type QuestionSourceAudio } from './render-question';
import { renderSourceAudio } from './source-audio';

/** Short, low-rate sources: what is measured (one stem's gain in a sum) holds at any length. */
const SOURCE = { seconds: 3, sampleRate: 22050 };
const SEEDS = 24;

const dot = (a: Float32Array[], b: Float32Array[]) => {
	let sum = 0;
	a.forEach((channel, c) => {
		for (let i = 0; i < channel.length; i++) sum += channel[i] * b[c][i];
	});
	return sum;
};

describe('balance drill: honest versions over seeds × every level', () => {
	const sources = new Map<number, QuestionSourceAudio>();
	beforeAll(async () => {
		for (let seed = 0; seed < SEEDS; seed++) {
			const source = { kind: 'stems' as const, style: styleForSeed(seed) };
			sources.set(seed, await renderSourceAudio({ source, seed, bank: testBank(), ...SOURCE }));
		}
	}, 120_000);

	it('moves the claimed stem, the claimed way, by the claimed amount; nothing else; matched within 0.2 LU', () => {
		let worstGain = 0;
		let worstResidual = -Infinity;
		let worstLoudness = 0;
		for (let seed = 0; seed < SEEDS; seed++) {
			const audio = sources.get(seed)!;
			for (let level = 0; level < BALANCE_LADDER_DB.length; level++) {
				const question = generateQuestion({
					kind: 'balance',
					level,
					seed: seed * 31 + level,
					source: { kind: 'stems', style: styleForSeed(seed) }
				});
				const [a, b] = renderQuestion({ question, source: audio }).versions;
				// Matched: the overall level gives nothing away.
				const lufs = [a, b].map(
					(v) =>
						measureLoudness({ channels: v.channels, sampleRate: SOURCE.sampleRate }).integrated!
				);
				worstLoudness = Math.max(worstLoudness, Math.abs(lufs[0] - lufs[1]));
				// Undo the matching gains: B − A is then the moved stem times (g − 1), and only that.
				const unA = a.channels.map((c) => c.map((x) => x / dbToGain(a.matchGainDb)));
				const unB = b.channels.map((c) => c.map((x) => x / dbToGain(b.matchGainDb)));
				const diff = unB.map((c, ch) => c.map((x, i) => x - unA[ch][i]));
				const fits = stemIds.map((id) => {
					const stem = audio.stems![id]!;
					const k = dot(diff, stem) / dot(stem, stem);
					const residual = diff.map((c, ch) => c.map((x, i) => x - k * stem[ch][i]));
					return { id, k, residual: dot(residual, residual) / dot(diff, diff) };
				});
				const best = fits.reduce((x, y) => (y.residual < x.residual ? y : x));
				const claimed = question.params.stem as StemId;
				expect(best.id).toBe(claimed);
				const movedDb = 20 * Math.log10(1 + best.k);
				expect(Math.sign(movedDb)).toBe(question.params.direction === 'up' ? 1 : -1);
				worstGain = Math.max(worstGain, Math.abs(movedDb - Number(question.params.gainDb)));
				worstResidual = Math.max(worstResidual, 10 * Math.log10(best.residual));
				expect(question.answer).toBe(`${claimed}-${question.params.direction}`);
			}
		}
		// Measured here: gain within 0.01 dB, residual below −60 dB, loudness within 0.01 LU.
		expect(worstGain).toBeLessThan(0.05);
		expect(worstResidual).toBeLessThan(-40);
		expect(worstLoudness).toBeLessThan(0.2);
	}, 120_000);
});

describe('balance drill: questions', () => {
	it('offers four different moves: the answer, the same part the other way, and two other parts', () => {
		const places = new Set<number>();
		for (let seed = 0; seed < 200; seed++) {
			const question = generateQuestion({
				kind: 'balance',
				level: seed % BALANCE_LADDER_DB.length,
				seed,
				source: { kind: 'stems', style: styleForSeed(seed) }
			});
			const ids = question.choices.map((c) => c.id);
			expect(new Set(ids).size).toBe(BALANCE_CHOICES);
			const [stem, direction] = question.answer.split('-');
			expect(ids).toContain(question.answer);
			expect(ids).toContain(`${stem}-${direction === 'up' ? 'down' : 'up'}`);
			expect(new Set(ids.map((id) => id.split('-')[0])).size).toBe(3);
			places.add(ids.indexOf(question.answer));
			expect(question.versions[0]).toEqual({ id: 'A', chain: [] });
			expect(question.versions[1].stemGains).toEqual({
				[stem]: (direction === 'up' ? 1 : -1) * BALANCE_LADDER_DB[seed % BALANCE_LADDER_DB.length]
			});
		}
		// The answer lands in every position.
		expect(places).toEqual(new Set([0, 1, 2, 3]));
	});

	it('grades by the move, and names the part in the style’s words', () => {
		const question = generateQuestion({
			kind: 'balance',
			level: 0,
			seed: 3,
			source: { kind: 'stems', style: 'pop-rock' }
		});
		expect(balance.grade(question, question.answer).correct).toBe(true);
		const wrong = question.choices.find((c) => c.id !== question.answer)!;
		const grade = balance.grade(question, wrong.id);
		expect(grade.correct).toBe(false);
		expect(grade.feedback).toContain(wrong.label);
	});

	it('refuses a source that is not stems', () => {
		expect(() =>
			generateQuestion({ kind: 'balance', level: 0, seed: 1, source: { kind: 'pink-noise' } })
		).toThrow(/stems/);
	});
});
