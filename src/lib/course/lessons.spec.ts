import { describe, expect, it } from 'vitest';
import { buildCourse, parseLessonMeta } from './lessons';

const question = {
	question: 'Which is louder?',
	choices: ['A', 'B'],
	answer: 1,
	explanation: 'B is 1 dB louder.'
};
const good = {
	title: 'Gain staging',
	summary: 'Leave room.',
	minutes: 6,
	skills: ['headroom'],
	drills: ['level'],
	bench: { task: 'Open your mix on the Bench and read its true peak.' },
	quiz: [question, question, { ...question, listen: { a: 'mix', b: 'clipped' } }]
};
const mix = {
	style: 'pop-rock',
	seed: 8,
	level: 1,
	problem: 'lead-buried',
	task: 'Fix the vocal.'
};
const path = '/content/lessons/02-x/index.md';

describe('lesson frontmatter', () => {
	it('strips the number from the folder to make the slug and keeps the order', () => {
		const meta = parseLessonMeta('/content/lessons/07-gain-staging/index.md', good);
		expect(meta).toMatchObject({
			slug: 'gain-staging',
			order: 7,
			title: 'Gain staging',
			minutes: 6,
			drills: ['level']
		});
		expect(meta.quiz[2].listen).toEqual({ a: 'mix', b: 'clipped' });
	});

	it.each([
		['title', { ...good, title: '' }],
		['summary', { ...good, summary: undefined }],
		['minutes', { ...good, minutes: '4' }],
		['skills', { ...good, skills: [] }],
		['drills.0', { ...good, drills: ['eq-wizardry'] }],
		['quiz', { ...good, quiz: [question] }],
		['quiz.1.answer', { ...good, quiz: [question, { ...question, answer: 2 }, question] }],
		['quiz.0.choices', { ...good, quiz: [{ ...question, choices: ['only'] }, question, question] }],
		[
			'quiz.2.listen.b',
			{ ...good, quiz: [question, question, { ...question, listen: { a: 'mix', b: 'shiny' } }] }
		],
		['author', { ...good, author: 'someone' }],
		[
			'quiz.2.listen.b',
			{
				...good,
				quiz: [question, question, { ...question, listen: { a: 'song-master', b: 'mix' } }]
			}
		],
		['bench.task', { ...good, bench: { task: '' } }],
		['mix', { ...good, bench: undefined }],
		['mix', { ...good, mix }]
	])('fails with the file name and the field when "%s" is bad', (field, meta) => {
		expect(() => parseLessonMeta(path, meta)).toThrow(
			new RegExp(`02-x/index\\.md: frontmatter field "${field.replace(/\./g, '\\.')}"`)
		);
	});

	it('takes a Mix Lab project instead of a Bench step as the hands-on task', () => {
		const meta = parseLessonMeta(path, { ...good, bench: undefined, mix });
		expect(meta.mix).toEqual(mix);
		expect(meta.bench).toBeUndefined();
	});

	it('rejects a folder without a number', () => {
		expect(() => parseLessonMeta('/content/lessons/intro/index.md', good)).toThrow(/NN-slug/);
	});

	it('orders lessons by number and rejects duplicates', () => {
		const course = buildCourse({
			'/content/lessons/10-b/index.md': good,
			'/content/lessons/02-a/index.md': good
		});
		expect(course.map((l) => l.slug)).toEqual(['a', 'b']);
		expect(() =>
			buildCourse({
				'/content/lessons/02-a/index.md': good,
				'/content/lessons/02-b/index.md': good
			})
		).toThrow(/02-b.*repeats|02-a.*repeats/);
	});
});
