/**
 * How the choice drills grade an answer, and the wording their feedback, reveals and level
 * descriptions share.
 */
import type { Decibels } from '../dsp/units';
import { formatNumber } from '../format/format';
import type { Grade, Question } from './types';

/** Grades a choice drill: right when the chosen id is the answer. */
export function gradeChoice({
	question,
	answer,
	explain
}: {
	question: Question;
	answer: string;
	/** The right answer in words ("1 kHz"). */
	explain: string;
}): Grade {
	const chosen = question.choices.find((c) => c.id === answer);
	if (answer === question.answer) {
		return { correct: true, score: 1, feedback: `Right: it was ${explain}.` };
	}
	const not = chosen ? `, not ${chosen.label}` : '';
	return { correct: false, score: 0, feedback: `Not quite: it was ${explain}${not}.` };
}

/** Capitalizes the first letter of a sentence. */
export function sentence(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a 10 dB" / "an 8 dB" / "an 11 dB": a size in decibels, unsigned, with the article it is spoken with. */
export function dbPhrase(db: Decibels): string {
	const magnitude = formatNumber(Math.abs(db), { trim: true });
	const article = /^(8|11|18)(\.|$)/.test(magnitude) ? 'an' : 'a';
	return `${article} ${magnitude} dB`;
}
