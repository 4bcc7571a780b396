/**
 * The course as pages see it: the outline (validated at build, small) for lists and links, and each
 * lesson's body and full frontmatter (its quiz) loaded from its own module when it is opened.
 */
import type { Component } from 'svelte';
import { outline, type OutlineEntry } from './outline';
import type { LessonMeta } from './lessons';

const modules = import.meta.glob<{ default: Component; metadata: Record<string, unknown> }>(
	'/content/lessons/*/index.md'
);

/** Every lesson in course order (slug, order, title, summary, minutes). */
export const lessons: OutlineEntry[] = outline;

/** Loads one lesson by slug: its body component and its frontmatter (checked at build). */
export async function loadLesson(
	slug: string
): Promise<{ meta: LessonMeta; body: Component } | null> {
	const entry = outline.find((l) => l.slug === slug);
	if (!entry) return null;
	const path = Object.keys(modules).find((p) => p.endsWith(`-${slug}/index.md`));
	if (!path) return null;
	const module = await modules[path]();
	const meta = {
		...(module.metadata as Omit<LessonMeta, 'slug' | 'order' | 'path'>),
		...entry,
		path
	};
	return { meta, body: module.default };
}
