/**
 * `mono`: which mix falls apart in mono? Both versions are the same mix; one has a stereo problem
 * that cancels when the channels are summed, (L + R)/2, as on a phone speaker, a club's mono sub or
 * a mono radio. The engine renders a finished stereo mix, not stems, so each problem is a chain that
 * acts on the whole mix: one channel's polarity inverted (the centre cancels), one channel delayed by
 * 0.1–1 ms (comb filtering: notches at odd multiples of 1/(2τ)), and a Haas-style widener (a 1 ms
 * delay plus the side raised by a width factor). The learner has a stereo/mono switch (`monoSwitch`).
 *
 * Unit: the extra level the problem version loses when folded to mono, dB: loudness(stereo) −
 * loudness(mono fold), problem minus clean. That loss depends on the mix: cancellation needs a centre,
 * and decorrelated pink noise has none (inverting a channel of it changes nothing in mono). So a
 * pink-noise source is first narrowed to a mix-like image (width 0.4: the side 8 dB below the mid) in
 * both versions, and each problem's loss is calibrated on that reference noise (`lossDb`, measured
 * with the integrated loudness of BS.1770 over several noise seeds, within ±0.1 dB). Arrangements are
 * narrower than the reference, so they lose more to polarity problems and less to widening; the spec
 * measures both (mono.spec in translation-mono.spec.ts).
 */
import type { ChainStep } from '../dsp/process/chain';
import type { Decibels } from '../dsp/units';
import { abChoices, pickVersion } from './ab-versions';
import { gradeChoice, sentence } from './grading';
import type { DrillKind, Question } from './types';

/** Width that gives decorrelated pink noise a centre, like a mix (side −8 dB relative to mid). */
export const NOISE_IMAGE_WIDTH = 0.4;

/** One stereo problem: how it is made from the whole mix, and what it loses in mono. */
export interface MonoProblem {
	id: 'polarity' | 'polarity-delay' | 'widener' | 'delay';
	/** The chain applied to the mix; `channel` is the channel inverted or delayed (0 left, 1 right). */
	steps(channel: number): ChainStep[];
	/** Extra loss when folded to mono on the reference noise, dB (measured, see the file comment). */
	lossDb: Decibels;
	/** What was done, after "one version had": "its right channel's polarity inverted". */
	describe(channelName: string): string;
	/** What to listen for in mono. */
	listenFor: string;
}

const polarity = (channel: number): ChainStep => ({ type: 'polarity', channel });
const delay = (channel: number, delayMs: number): ChainStep => ({
	type: 'delay',
	channel,
	delayMs
});

/** The problems, by id. */
export const MONO_PROBLEMS = {
	polarity: {
		id: 'polarity',
		steps: (channel) => [polarity(channel)],
		lossDb: 8.0,
		describe: (name) => `its ${name} channel’s polarity inverted`,
		listenFor: 'in mono the centre (vocal, kick, bass) nearly vanishes; only the sides remain'
	},
	widenerStrong: {
		id: 'widener',
		steps: (channel) => [delay(channel, 1), { type: 'width', factor: 2 }],
		lossDb: 6.1,
		describe: (name) => `a widener: the ${name} channel 1 ms late and the side doubled (width 2)`,
		listenFor: 'wide and phasey in stereo; hollow, thinner and quieter in mono'
	},
	widener: {
		id: 'widener',
		steps: (channel) => [delay(channel, 1), { type: 'width', factor: 1.5 }],
		lossDb: 4.2,
		describe: (name) => `a widener: the ${name} channel 1 ms late and the side raised (width 1.5)`,
		listenFor: 'in mono the mix gets hollow and drops back'
	},
	widenerGentle: {
		id: 'widener',
		steps: (channel) => [delay(channel, 1), { type: 'width', factor: 1.25 }],
		lossDb: 3.2,
		describe: (name) =>
			`a gentle widener: the ${name} channel 1 ms late, side up a little (width 1.25)`,
		listenFor: 'in mono a comb-filtered, hollow tone and a small drop in level'
	},
	polarityDelay: {
		id: 'polarity-delay',
		steps: (channel) => [polarity(channel), delay(channel, 0.1)],
		lossDb: 3.2,
		describe: (name) => `its ${name} channel inverted and 0.1 ms late`,
		listenFor: 'in mono the lows and low mids thin out; the top end survives'
	},
	delay: {
		id: 'delay',
		steps: (channel) => [delay(channel, 1)],
		lossDb: 2.2,
		describe: (name) => `its ${name} channel 1 ms late`,
		listenFor: 'in mono a comb filter: notches at 500 Hz, 1.5 kHz, 2.5 kHz…, a hollow, phasey tone'
	}
} satisfies Record<string, MonoProblem>;

/** One rung: the nominal mono loss and the problems that produce about that much. */
export interface MonoLevel {
	lossDb: Decibels;
	problems: readonly MonoProblem[];
}

/** The mono ladder, easiest (biggest loss) first. */
export const MONO_LADDER: readonly MonoLevel[] = [
	{ lossDb: 8, problems: [MONO_PROBLEMS.polarity] },
	{ lossDb: 6, problems: [MONO_PROBLEMS.widenerStrong] },
	{ lossDb: 4, problems: [MONO_PROBLEMS.widener] },
	{ lossDb: 3, problems: [MONO_PROBLEMS.widenerGentle, MONO_PROBLEMS.polarityDelay] },
	{ lossDb: 2, problems: [MONO_PROBLEMS.delay] }
];

const CHANNEL_NAMES = ['left', 'right'] as const;

/** The `mono` drill kind. */
export const mono: DrillKind = {
	id: 'mono',
	family: 'translation',
	name: 'Mono check',
	description:
		'One mix has a stereo problem that falls apart when summed to mono. Switch between stereo and mono and find it.',
	unit: 'dB',
	levels: MONO_LADDER.map((spec) => ({
		value: spec.lossDb,
		description: `a problem that loses about ${spec.lossDb} dB in mono`
	})),
	generate({ level, rng, seed, source }): Question {
		const spec = MONO_LADDER[level];
		if (!spec) throw new RangeError(`mono: no level ${level}`);
		const { answer, other: clean } = pickVersion(rng);
		const choices = abChoices();
		const problem = rng.pick(spec.problems);
		const channel = rng.int(0, 1);
		const channelName = CHANNEL_NAMES[channel];
		// Decorrelated noise has no centre to cancel: give it a mix-like image first (both versions).
		const image: ChainStep[] =
			source.kind === 'pink-noise' ? [{ type: 'width', factor: NOISE_IMAGE_WIDTH }] : [];
		const chainOf = (id: string) => (id === answer ? [...image, ...problem.steps(channel)] : image);
		const what = problem.describe(channelName);
		return {
			kind: 'mono',
			level,
			seed,
			source,
			prompt: 'Which mix falls apart in mono: A or B? Use the stereo/mono switch.',
			versions: [
				{ id: 'A', chain: chainOf('A') },
				{ id: 'B', chain: chainOf('B') }
			],
			choices,
			monoSwitch: true,
			answer,
			params: {
				problemVersion: answer,
				problem: problem.id,
				channel: channelName,
				description: what,
				monoLossDb: problem.lossDb,
				levelLossDb: spec.lossDb,
				sourceWidth: image.length > 0 ? NOISE_IMAGE_WIDTH : 1,
				choiceCount: choices.length
			},
			reveal: {
				summary: `${answer} falls apart in mono: it had ${what}; ${clean} was clean.`,
				facts: [
					{ label: 'Problem version', value: answer },
					{ label: 'Problem', value: sentence(what) },
					{
						label: 'Lost in mono',
						value: `about ${problem.lossDb} dB more than ${clean} (on a reference mix-like noise)`
					},
					{ label: 'Listen for', value: sentence(problem.listenFor) }
				]
			}
		} satisfies Question;
	},
	grade(question, answer) {
		const explain = `${question.answer}, with ${String(question.params.description)}`;
		const grade = gradeChoice({ question, answer, explain });
		return { ...grade, feedback: sentence(grade.feedback) };
	}
};
