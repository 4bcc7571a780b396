/**
 * The `level`, `mono` and `translation` drills, every level, 500 seeds each:
 * 1. questions are valid (answer among the choices, chains that agree with the params), deterministic
 *    per seed, and the answer's position is uniform (chi-square) with repeats at about chance;
 * 2. the audio is honest. A question's audio depends only on its versions and the source, so the 500
 *    seeds of a level collapse to a few distinct recipes; each is rendered once with renderQuestion on
 *    2 s of pink noise (−20 dBFS RMS, as source-audio.ts makes it) and measured:
 *    - level: the louder version (the answer) is louder by the claimed dB within ±0.1 LU, after the
 *      common true-peak guard (both versions get the same guard gain);
 *    - mono: mono-fold loss = loudness(stereo) − loudness((L + R)/2 on both channels); the problem
 *      version loses more than the clean one by its calibrated `monoLossDb` within ±0.3 dB, and that
 *      is within ±0.5 dB of the level's value;
 *    - translation: the third-octave difference B − A (relative to the 1 kHz band, on the mid; the
 *      car's on the left channel) shows the system's shape, with the bounds of systems.spec.ts (phone ≤ −20 dB at 80 Hz, …); the
 *      bass-on-a-phone rung's answer has more sub (25–100 Hz) at full range but ≥ 3 dB less
 *      160–500 Hz (relative to 1 kHz) after the phone simulation;
 *    - every version except the level drill's is loudness-matched within 0.1 LU, and none exceeds
 *      −1 dBTP + 0.05.
 *    A few seeds per level are also rendered on a 3 s arrangement of each of two styles. Arrangements
 *    are narrower than decorrelated noise (mostly centred), so a mono problem's loss there differs:
 *    the claim tested is that the problem version loses at least 40 % of `monoLossDb` more than the
 *    clean one (polarity problems: at least 90 %), see mono.ts.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankPath, buildBank } from '../../cli/build-bank';
import { measureLoudness } from '../dsp/analysis/loudness';
import { thirdOctaveSpectrum, type Band } from '../dsp/analysis/spectrum';
import { truePeak } from '../dsp/analysis/true-peak';
import { applyChain } from '../dsp/process/chain';
import { systemIds, type SystemId } from '../dsp/process/systems';
import { renderNoise } from '../dsp/synth/noise';
import { loadBank, renderArrangement } from '../dsp/synth/render';
import type { StyleId } from '../dsp/synth/styles';
import { answerPositionStats, CHI2_CRITICAL, distinctRecipes } from './question-stats';
import { LEVEL_LADDER_DB, LEVEL_ROVE_DB } from './level';
import { MONO_LADDER, NOISE_IMAGE_WIDTH } from './mono';
import { generateQuestion } from './question-rng';
import { getDrillKind } from './registry';
import { renderQuestion, type QuestionSourceAudio } from './render-question';
import { PINK_NOISE_RMS_DBFS } from './source-audio';
import { CONTRASTING_PAIRS, SYSTEM_LABELS, TRANSLATION_LADDER } from './translation';
import type { DrillKind, DrillSource, Question } from './types';

const SEEDS = 500;
const sampleRate = 44100;
const KINDS = ['level', 'mono', 'translation'] as const;
const ARRANGEMENT_SEEDS = [0, 1, 2];
const ARRANGEMENT_STYLES: StyleId[] = ['pop-rock', 'hip-hop'];

const kinds = KINDS.map((id) => getDrillKind(id)!);
const cases = kinds.flatMap((kind) => kind.levels.map((_, level) => ({ kind, level })));

const lufs = (channels: Float32Array[]) => measureLoudness({ channels, sampleRate }).integrated!;

/** Level lost when folded to mono: stereo loudness − loudness of (L + R)/2 on both channels. */
function monoFoldLossDb(channels: Float32Array[]): number {
	const [left, right] = channels;
	const mid = left.map((x, i) => 0.5 * (x + right[i]));
	return lufs(channels) - lufs([mid, mid]);
}

const bandsOf = (channels: Float32Array[]) =>
	thirdOctaveSpectrum({ channels, sampleRate, fftSize: 32768 });
const bandDb = (bands: Band[], nominal: number) => bands.find((b) => b.nominal === nominal)!.db!;
/** Power sum of the bands with nominal centres in [lo, hi], dB. */
function rangeDb(bands: Band[], lo: number, hi: number): number {
	let sum = 0;
	for (const b of bands)
		if (b.nominal >= lo && b.nominal <= hi && b.db !== null) sum += 10 ** (b.db / 10);
	return 10 * Math.log10(sum);
}

/** Each system's claimed shape: [band Hz, bound on (B − A at band) − (B − A at 1 kHz), 'max'|'min']. */
const SYSTEM_SHAPES: Record<SystemId, [number, number, 'max' | 'min'][]> = {
	phone: [
		[80, -20, 'max'],
		[160, -10, 'max']
	],
	laptop: [[80, -15, 'max']],
	earbuds: [[63, 2, 'min']],
	car: [
		[63, 5, 'min'],
		[250, -1, 'max']
	],
	club: [[50, 4, 'min']]
};

/**
 * The signal a system's shape is read from: the mid (L + R)/2, as systems.spec.ts measures centred
 * tones (decorrelated noise's side is high-passed by the club's mono-bass stage, which would hide its
 * sub lift), except the car, whose 1 ms right-channel delay combs the mid: there the left channel.
 */
function responseView(channels: Float32Array[], system: SystemId): Float32Array[] {
	const [left, right] = channels;
	return system === 'car' ? [left] : [left.map((x, i) => 0.5 * (x + right[i]))];
}

/** Numbers reported at the end. */
const report = {
	levelErrorLu: 0,
	monoNoise: new Map<string, { extra: number; clean: number; claimed: number }>(),
	monoMusic: [] as string[],
	systems: new Map<string, string>(),
	phoneBass: [] as string[],
	matchLu: 0,
	dbtp: -Infinity,
	recipes: 0
};

/** Checks one question's rendered audio; `music` relaxes the mono claim as documented above. */
function checkAudio(question: Question, audio: QuestionSourceAudio, music = false) {
	const { versions, matchedLufs } = renderQuestion({ question, source: audio });
	const levels = versions.map((v) => lufs(v.channels));
	for (const [i, v] of versions.entries()) {
		const peak = truePeak({ channels: v.channels, sampleRate }).dbtp!;
		report.dbtp = Math.max(report.dbtp, peak);
		expect(peak).toBeLessThanOrEqual(-1 + 0.05);
		if (question.kind !== 'level') {
			report.matchLu = Math.max(report.matchLu, Math.abs(levels[i] - matchedLufs!));
			expect(Math.abs(levels[i] - matchedLufs!)).toBeLessThan(0.1);
		}
	}
	const byId = (id: string) => versions.findIndex((v) => v.id === id);
	const p = question.params;
	if (question.kind === 'level') {
		expect(matchedLufs).toBeNull();
		expect(versions[0].matchGainDb).toBe(versions[1].matchGainDb);
		const answer = byId(question.answer);
		const difference = levels[answer] - levels[1 - answer];
		report.levelErrorLu = Math.max(
			report.levelErrorLu,
			Math.abs(difference - Number(p.differenceDb))
		);
		expect(Math.abs(difference - Number(p.differenceDb))).toBeLessThan(0.1);
	} else if (question.kind === 'mono') {
		const answer = byId(question.answer);
		const losses = versions.map((v) => monoFoldLossDb(v.channels));
		const extra = losses[answer] - losses[1 - answer];
		const claimed = Number(p.monoLossDb);
		const key = `L${question.level} ${p.problem}`;
		if (music) {
			report.monoMusic.push(
				`${key} ${question.source.kind === 'arrangement' ? question.source.style : ''} s${question.seed}: +${extra.toFixed(2)} (clean ${losses[1 - answer].toFixed(2)})`
			);
			expect(extra).toBeGreaterThan(
				(String(p.problem).startsWith('polarity') ? 0.9 : 0.4) * claimed
			);
		} else {
			report.monoNoise.set(key, { extra, clean: losses[1 - answer], claimed });
			expect(Math.abs(extra - claimed), key).toBeLessThan(0.3);
		}
	} else if (p.variant === 'system') {
		const system = p.system as SystemId;
		const [a, b] = versions.map((v) => bandsOf(responseView(v.channels, system)));
		const relative = (f: number) =>
			bandDb(b, f) - bandDb(a, f) - (bandDb(b, 1000) - bandDb(a, 1000));
		const shown = SYSTEM_SHAPES[system].map(([f, bound, kind]) => {
			const db = relative(f);
			if (kind === 'max') expect(db, `${system} at ${f} Hz`).toBeLessThan(bound);
			else expect(db, `${system} at ${f} Hz`).toBeGreaterThan(bound);
			return `${f} Hz ${db.toFixed(1)} dB`;
		});
		if (system === 'phone') {
			const [l, r] = versions[1].channels;
			expect(l.every((x, i) => x === r[i])).toBe(true);
		}
		report.systems.set(`${system}${music ? ' (music)' : ''}`, shown.join(', '));
	} else {
		const answer = byId(question.answer);
		const bands = versions.map((v) => bandsOf(v.channels));
		const phone = versions.map((v) =>
			bandsOf(
				applyChain({
					channels: v.channels,
					sampleRate,
					chain: [{ type: 'system', system: 'phone' }]
				}).channels
			)
		);
		const sub = rangeDb(bands[answer], 25, 100) - rangeDb(bands[1 - answer], 25, 100);
		const bass = (x: Band[]) => rangeDb(x, 160, 500) - rangeDb(x, 800, 1250);
		const onPhone = bass(phone[answer]) - bass(phone[1 - answer]);
		report.phoneBass.push(
			`${music ? 'music' : 'noise'}: sub +${sub.toFixed(1)} dB, on phone ${onPhone.toFixed(1)} dB`
		);
		expect(sub).toBeGreaterThan(1);
		expect(onPhone).toBeLessThan(-3);
	}
}

function checkQuestion(question: Question, kind: DrillKind, level: number) {
	expect(question.kind).toBe(kind.id);
	expect(question.level).toBe(level);
	expect(question.prompt.length).toBeGreaterThan(10);
	expect(question.reveal.summary).toMatch(/\.$/);
	expect(question.reveal.facts.length).toBeGreaterThan(1);
	expect(question.versions.map((v) => v.id)).toEqual(['A', 'B']);
	const ids = question.choices.map((c) => c.id);
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids).toContain(question.answer);
	expect(question.params.choiceCount).toBe(ids.length);
	expect(kind.levels[level].value).toBeGreaterThan(0);
	const p = question.params;
	const chain = (id: string) => question.versions.find((v) => v.id === id)!.chain;
	const other = question.answer === 'A' ? 'B' : 'A';
	expect(question.match === false).toBe(kind.id === 'level');
	expect(question.monoSwitch === true).toBe(kind.id === 'mono');
	if (kind.id === 'level') {
		expect(ids).toEqual(['A', 'B']);
		expect(p.differenceDb).toBe(LEVEL_LADDER_DB[level]);
		expect(LEVEL_ROVE_DB).toContain(p.roveDb);
		const gain = (id: string) =>
			chain(id).reduce((g, s) => g + (s.type === 'gain' ? s.gainDb : NaN), 0);
		expect(gain(question.answer) - gain(other)).toBeCloseTo(LEVEL_LADDER_DB[level], 9);
		expect(gain(question.answer)).toBe(p.louderGainDb);
	} else if (kind.id === 'mono') {
		const spec = MONO_LADDER[level];
		expect(ids).toEqual(['A', 'B']);
		expect(p.problemVersion).toBe(question.answer);
		expect(Math.abs(Number(p.monoLossDb) - spec.lossDb)).toBeLessThanOrEqual(0.5);
		const image =
			question.source.kind === 'pink-noise' ? [{ type: 'width', factor: NOISE_IMAGE_WIDTH }] : [];
		expect(chain(other)).toEqual(image);
		expect(chain(question.answer).slice(0, image.length)).toEqual(image);
		expect(chain(question.answer).length).toBeGreaterThan(image.length);
	} else {
		const spec = TRANSLATION_LADDER[level];
		expect(ids).toHaveLength(spec.choiceCount);
		if (spec.variant === 'phone-bass') {
			expect(chain(other)).toEqual([]);
			expect(chain(question.answer).length).toBe(2);
		} else {
			expect(chain('A')).toEqual([]);
			expect(chain('B')).toEqual([{ type: 'system', system: question.answer }]);
			// Offered systems are real, in display order, with the brief's labels.
			const order = ids.map((id) => systemIds.indexOf(id as SystemId));
			expect(order.every((x, i) => x >= 0 && (i === 0 || x > order[i - 1]))).toBe(true);
			for (const c of question.choices) expect(c.label).toBe(SYSTEM_LABELS[c.id as SystemId]);
			if (spec.choiceCount === 2)
				expect(CONTRASTING_PAIRS.map((x) => x.join())).toContain(ids.join());
		}
	}
	expect(kind.grade(question, question.answer)).toMatchObject({ correct: true, score: 1 });
	const wrong = ids.find((id) => id !== question.answer)!;
	expect(kind.grade(question, wrong)).toMatchObject({ correct: false, score: 0 });
}

const noiseSource: DrillSource = { kind: 'pink-noise' };
const noise = renderNoise({
	color: 'pink',
	seed: 11,
	seconds: 2,
	sampleRate,
	rmsDbfs: PINK_NOISE_RMS_DBFS
});
const noiseAudio: QuestionSourceAudio = { channels: [noise.left, noise.right], sampleRate };

describe.each(cases)('$kind.id level $level over 500 seeds', ({ kind, level }) => {
	const questions = Array.from({ length: SEEDS }, (_, seed) =>
		generateQuestion({ kind: kind.id, level, seed, source: noiseSource })
	);

	it('is valid, deterministic, and its answer position is uniform and unpatterned', () => {
		for (const q of questions) checkQuestion(q, kind, level);
		for (const seed of [0, 1, 77, 499]) {
			expect(generateQuestion({ kind: kind.id, level, seed, source: noiseSource })).toEqual(
				questions[seed]
			);
		}
		const { n, chi2, repeatRate } = answerPositionStats(questions);
		expect(chi2).toBeLessThan(CHI2_CRITICAL[n - 1]);
		expect(repeatRate).toBeGreaterThan(0.5 / n);
		expect(repeatRate).toBeLessThan(1.6 / n);
	});

	it('is honest on pink noise for every distinct recipe of the 500 seeds', () => {
		const distinct = distinctRecipes(questions, (q) => ({
			versions: q.versions,
			answer: q.answer,
			variant: q.params.variant
		}));
		for (const q of distinct) checkAudio(q, noiseAudio);
		report.recipes += distinct.length;
	}, 30_000);
});

describe('on arrangements', () => {
	const clips = new Map<StyleId, QuestionSourceAudio>();
	beforeAll(async () => {
		buildBank();
		const bank = loadBank(readFileSync(bankPath).buffer as ArrayBuffer);
		for (const style of ARRANGEMENT_STYLES) {
			const clip = await renderArrangement({ style, seed: 5, seconds: 3, sampleRate, bank });
			clips.set(style, {
				channels: [clip.left.subarray(0, 3 * sampleRate), clip.right.subarray(0, 3 * sampleRate)],
				sampleRate
			});
		}
	}, 60_000);

	it.each(cases)('$kind.id level $level is honest on pop-rock and hip-hop', ({ kind, level }) => {
		for (const style of ARRANGEMENT_STYLES) {
			for (const seed of ARRANGEMENT_SEEDS) {
				const source: DrillSource = { kind: 'arrangement', style };
				const question = generateQuestion({ kind: kind.id, level, seed, source });
				checkQuestion(question, kind, level);
				checkAudio(question, clips.get(style)!, true);
			}
		}
	});
});

describe('report', () => {
	it('prints the measured numbers', () => {
		const lines = [
			`level: largest error of the claimed difference ${report.levelErrorLu.toFixed(4)} LU`,
			'mono on pink noise (extra loss of the problem version vs claimed; clean loss):',
			...[...report.monoNoise].map(
				([k, v]) =>
					`  ${k}: +${v.extra.toFixed(2)} dB (claimed ${v.claimed}), clean ${v.clean.toFixed(2)} dB`
			),
			'mono on arrangements:',
			...report.monoMusic.map((x) => `  ${x}`),
			'translation, B − A relative to 1 kHz:',
			...[...report.systems].map(([k, v]) => `  ${k}: ${v}`),
			'bass on a phone:',
			...[...new Set(report.phoneBass)].map((x) => `  ${x}`),
			`matched within ${report.matchLu.toFixed(4)} LU, true peak max ${report.dbtp.toFixed(2)} dBTP, ${report.recipes} distinct noise recipes`
		];
		console.log(lines.join('\n'));
		expect(report.recipes).toBeGreaterThan(0);
	});
});
