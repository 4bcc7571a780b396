/**
 * What the Mix Lab tells the learner to listen for: at level 1 each planted problem by name with a
 * hint of where to hear it, at level 2 only the areas the problems are in, and at the top level
 * nothing (blind: only the check tells).
 */
import type { Level } from './problems';
import type { Problem, ProblemKind, Project, StemId } from './types';

/** Where in the mix a kind of problem lives, in the words a level-2 hint uses. */
const areaOf: Record<ProblemKind, string> = {
	'low-end-too-loud': 'the low end',
	rumble: 'the low end',
	'kick-bass-masking': 'the low end',
	'lead-buried': 'the lead’s balance',
	'lead-too-hot': 'the lead’s balance',
	harsh: 'the upper mids',
	'mono-collapse': 'the stereo image',
	'squashed-bus': 'the dynamics',
	'tonal-tilt': 'the overall tone'
};

/** Each kind of problem in plain words, as Progress lists the checks passed. */
export const problemNames: Record<ProblemKind, string> = {
	'low-end-too-loud': 'Low end too loud',
	rumble: 'Rumble under 40 Hz',
	'lead-buried': 'Lead vocal buried',
	'lead-too-hot': 'Lead vocal too loud',
	harsh: 'Harsh upper mids',
	'kick-bass-masking': 'Bass covering the kick',
	'mono-collapse': 'Stereo part lost in mono',
	'squashed-bus': 'Squashed mix bus',
	'tonal-tilt': 'Mix too bright or too dark'
};

export interface ProjectHints {
	/** One line per problem (level 1), per area (level 2), or none (blind). */
	lines: string[];
	/** No hints at all: only the check tells. */
	blind: boolean;
	/** The headline: how many problems and how much is said. */
	summary: string;
}

const count = (n: number) => (n === 1 ? 'one problem' : n === 2 ? 'two problems' : `${n} problems`);
const khz = (hz: number) => (hz >= 1000 ? `${(hz / 1000).toFixed(1)} kHz` : `${Math.round(hz)} Hz`);

/** The level-1 hint for one problem, naming the stem as the page does. */
export function problemHint(problem: Problem, names: Record<StemId, string>): string {
	const stem = problem.stem === 'bus' ? 'the mix' : names[problem.stem].toLowerCase();
	switch (problem.kind) {
		case 'low-end-too-loud':
			return `The ${stem} is too loud: the low end swamps the mix. Listen to the ${stem} against the rest, then set its level.`;
		case 'rumble':
			return `There is rumble under 40 Hz on the ${stem}: felt more than heard, it eats the master’s headroom. Its high-pass clears it.`;
		case 'lead-buried':
			return 'The lead vocal is buried under the parts in its band. Bring it forward until every word is clear.';
		case 'lead-too-hot':
			return 'The lead vocal sits too far in front of the band. Tuck it in until it sits with the music.';
		case 'harsh':
			return `There is a harsh build-up on the ${stem} around ${khz(problem.frequencyHz ?? 3000)}. A cut there on that part smooths it.`;
		case 'kick-bass-masking':
			return `Kick and bass fight around ${khz(problem.frequencyHz ?? 80)}: the bass covers the kick. A cut on the bass there gives the kick room.`;
		case 'mono-collapse':
			return `The ${stem} part is widened so far that it fades away in mono. Switch to mono and narrow it until it stays.`;
		case 'squashed-bus':
			return 'The mix bus is squashed: a limiter took the punch before mastering. Take it off.';
		case 'tonal-tilt':
			return `The whole mix is tilted too ${problem.amount > 0 ? 'bright' : 'dark'}. The bus tilt brings it back.`;
	}
}

/** The hints for a project at its level (levels above 2 are blind). */
export function projectHints(
	project: Pick<Project, 'problems' | 'level'>,
	names: Record<StemId, string>
): ProjectHints {
	const { problems } = project;
	const level = project.level as Level;
	if (level === 1)
		return {
			lines: problems.map((p) => problemHint(p, names)),
			blind: false,
			summary: `This mix has ${count(problems.length)} to find.`
		};
	if (level === 2) {
		const areas = [...new Set(problems.map((p) => areaOf[p.kind]))];
		return {
			lines: areas.map((area) => `Listen to ${area}.`),
			blind: false,
			summary: `This mix has ${count(problems.length)}, in ${areas.length === 1 ? 'one area' : `${areas.length} areas`}.`
		};
	}
	return {
		lines: [],
		blind: true,
		summary: `This mix has ${count(problems.length)}. No hints: only the check tells.`
	};
}
