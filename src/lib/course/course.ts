/** The course as the app sees it: metadata read at build time, lesson bodies as lazy components. */
import type { Component } from 'svelte';
import { lessons as course } from 'virtual:course';
import type { LessonMeta } from './lessons';

const bodies = import.meta.glob<{ default: Component }>('/content/lessons/*/index.md');

export const lessons: LessonMeta[] = course;

/** Loads the body component of one lesson by slug. */
export async function loadLesson(
	slug: string
): Promise<{ meta: LessonMeta; body: Component } | null> {
	const meta = lessons.find((l) => l.slug === slug);
	if (!meta) return null;
	const module = await bodies[meta.path]();
	return { meta, body: module.default };
}
