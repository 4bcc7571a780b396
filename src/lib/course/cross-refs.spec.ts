/**
 * Lessons refer to each other by title and number ("Loudness, and why louder fools you" (lesson 6));
 * when the course is reordered or a lesson renamed, every such reference must follow.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCourse } from './vite-plugin';

const { lessons, files } = readCourse(process.cwd());
/** `"Title" (lesson N)`, `("Title", lesson N)` and `see "Title", lesson N`. */
const REFERENCE = /"([^"]+)"(?:,\s*|\s+\()lesson (\d+)\b/g;

const references = files.flatMap((file) =>
	[...readFileSync(file, 'utf8').matchAll(REFERENCE)].map(
		(m) => [file.replace(/.*content\/lessons\//, ''), m[1], Number(m[2])] as const
	)
);

describe('references between lessons', () => {
	it('are used across the course', () => {
		expect(references.length).toBeGreaterThanOrEqual(15);
	});

	it.each(references)('%s: "%s" is lesson %i', (_, title, order) => {
		expect(lessons.find((l) => l.order === order)?.title).toBe(title);
	});

	it('number the lessons 1, 2, 3 … with no gap', () => {
		expect(lessons.map((l) => l.order)).toEqual(lessons.map((_, i) => i + 1));
	});
});
