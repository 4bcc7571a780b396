/** The course as the app sees it: metadata eagerly, lesson bodies as lazy components. */
import type { Component } from 'svelte';
import { buildCourse, type LessonMeta } from './lessons';

const metadata = import.meta.glob('/content/lessons/*/index.md', {
	eager: true,
	import: 'metadata'
});
const bodies = import.meta.glob<{ default: Component }>('/content/lessons/*/index.md');

export const lessons: LessonMeta[] = buildCourse(metadata);

/** Loads the body component of one lesson by slug. */
export async function loadLesson(
	slug: string
): Promise<{ meta: LessonMeta; body: Component } | null> {
	const meta = lessons.find((l) => l.slug === slug);
	if (!meta) return null;
	const module = await bodies[meta.path]();
	return { meta, body: module.default };
}
