import { describe, expect, it } from 'vitest';
import { buildCourse, parseLessonMeta } from './lessons';

const good = { title: 'Gain staging', summary: 'Leave room.', minutes: 4 };

describe('lesson frontmatter', () => {
	it('strips the number from the folder to make the slug and keeps the order', () => {
		const meta = parseLessonMeta('/content/lessons/07-gain-staging/index.md', good);
		expect(meta).toMatchObject({
			slug: 'gain-staging',
			order: 7,
			title: 'Gain staging',
			minutes: 4
		});
	});

	it.each([
		['title', { ...good, title: '' }],
		['summary', { ...good, summary: undefined }],
		['minutes', { ...good, minutes: '4' }]
	])('fails with the file name when "%s" is bad', (key, meta) => {
		expect(() => parseLessonMeta('/content/lessons/02-x/index.md', meta)).toThrow(
			new RegExp(`02-x/index\\.md.*${key}`)
		);
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
